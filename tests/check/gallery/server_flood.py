"""Mistake (and a test of the checker): a server stuck in a loop that sends
without end, never reading. The check must still end. Port: argv[1]."""
import socket
import sys

PORT = int(sys.argv[1]) if len(sys.argv) > 1 else 50000
serveur = socket.socket()
serveur.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
serveur.bind(("127.0.0.1", PORT))
serveur.listen(5)
while True:
    client, _ = serveur.accept()
    try:
        while True:
            client.send("Bienvenue ! C'est plus ! ".encode("utf8") * 40)
    except OSError:
        client.close()
