"""A correct server that forks a process for each client (os.fork, the
Unix way before threads): the parent goes back to accept() at once, the
child plays the game, and thinks a moment before each verdict, for the
suspense; raw messages. Port: argv[1]."""
import os
import random
import signal
import socket
import sys
import time

PORT = int(sys.argv[1]) if len(sys.argv) > 1 else 50000
random.seed(os.environ.get("GALLERY_SEED"))
signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the children that end are not kept as zombies


def partie(client):
    secret = random.randint(1, 100)
    essais = 0
    client.send("Bienvenue ! Devinez le nombre entier entre 1 et 100.".encode("utf8"))
    while True:
        donnees = client.recv(1024)
        if not donnees:
            return
        message = donnees.decode("utf8", errors="replace").strip()
        if message.upper() == "FIN":
            client.send(b"FIN")
            return
        if not message.isdigit() or not 1 <= int(message) <= 100:
            client.send("Il faut un nombre entier entre 1 et 100.".encode("utf8"))
            continue
        essais += 1
        nombre = int(message)
        time.sleep(0.15)  # le serveur réfléchit...
        if nombre < secret:
            client.send("C'est plus !".encode("utf8"))
        elif nombre > secret:
            client.send("C'est moins !".encode("utf8"))
        else:
            client.send(f"Gagné en {essais} essais ! Tapez fin pour partir.".encode("utf8"))


serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
serveur.bind(("127.0.0.1", PORT))
serveur.listen(5)
print("Serveur prêt, en attente de requêtes ...", flush=True)
while True:
    client, adresse = serveur.accept()
    if os.fork() == 0:  # the child: this client's game
        serveur.close()
        try:
            partie(client)
        except OSError:
            pass
        client.close()
        os._exit(0)
    client.close()  # the parent: the next client
