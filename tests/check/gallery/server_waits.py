"""Mistake: the server waits for the client to speak first (recv before any
send). Otherwise a fine game. Port: argv[1]."""
import random
import socket
import sys

PORT = int(sys.argv[1]) if len(sys.argv) > 1 else 50000
serveur = socket.socket()
serveur.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
serveur.bind(("127.0.0.1", PORT))
serveur.listen(1)
while True:
    client, _ = serveur.accept()
    secret = random.randint(1, 100)
    while True:
        message = client.recv(1024).decode("utf8", errors="replace").strip()
        if message == "" or message.upper() == "FIN":
            break
        if not message.isdigit():
            client.send("Un nombre, s'il vous plaît.".encode("utf8"))
        elif int(message) < secret:
            client.send(b"plus")
        elif int(message) > secret:
            client.send(b"moins")
        else:
            client.send("Gagné !".encode("utf8"))
    client.close()
