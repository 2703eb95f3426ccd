"""Mistake: it never ends: FIN is shown like any other message, and it goes
on asking. Port: argv[1]."""
import socket
import sys

PORT = int(sys.argv[1]) if len(sys.argv) > 1 else 50000
s = socket.socket()
s.connect(("127.0.0.1", PORT))
while True:
    print("serveur >", s.recv(1024).decode("utf8"))
    try:
        s.send(input("moi > ").encode("utf8"))
    except OSError:
        pass
