"""Mistake: two recv() per turn (it expects a verdict, then a prompt): after
the first reply it waits for a message the server never sends. Port: argv[1]."""
import socket
import sys

PORT = int(sys.argv[1]) if len(sys.argv) > 1 else 50000
s = socket.socket()
s.connect(("127.0.0.1", PORT))
print(s.recv(1024).decode("utf8"))
while True:
    s.send(input("Nombre : ").encode("utf8"))
    print(s.recv(1024).decode("utf8"))
    print(s.recv(1024).decode("utf8"))
