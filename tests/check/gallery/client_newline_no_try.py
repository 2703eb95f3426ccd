"""Mistakes: it sends each line with its \n (accepted: the report says it is
a line), and connect() has no try/except: without a server it dies with a
traceback. Port: argv[1]."""
import socket
import sys

PORT = int(sys.argv[1]) if len(sys.argv) > 1 else 50000
s = socket.socket()
s.connect(("127.0.0.1", PORT))
message = ""
while message.strip().upper() != "FIN":
    message = s.recv(1024).decode("utf8")
    print(message)
    if message == "":
        break
    if message.strip().upper() != "FIN":
        s.send((input("> ") + "\n").encode("utf8"))
s.close()
