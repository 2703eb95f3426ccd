"""Mistake: it plays but prints nothing of what the server says. Port: argv[1]."""
import socket
import sys

PORT = int(sys.argv[1]) if len(sys.argv) > 1 else 50000
s = socket.socket()
s.connect(("127.0.0.1", PORT))
while True:
    message = s.recv(1024).decode("utf8")
    if message == "" or message == "FIN":
        break
    s.send(input().encode("utf8"))
s.close()
