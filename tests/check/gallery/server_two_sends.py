"""Mistake: two send()s in a row for one reply (the verdict, then a new prompt; the second after a little work). Port: argv[1]."""
import os
import random
import time
import socket
import sys

PORT = int(sys.argv[1]) if len(sys.argv) > 1 else 50000
# The tests fix the secret (GALLERY_SEED, secret 33): a first guess of 50 that
# won would send one reply and show no mistake. Unset, it is random.
random.seed(os.environ.get("GALLERY_SEED"))


def partie(client):
    secret = random.randint(1, 100)
    essais = 0
    client.send("Bienvenue ! Devinez le nombre entier entre 1 et 100.".encode("utf8"))
    while True:
        donnees = client.recv(1024)
        if not donnees:  # the client has gone
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
        if nombre < secret:
            client.send("C'est plus !".encode("utf8"))
            time.sleep(0.03)
            client.send("Essaie encore :".encode("utf8"))
        elif nombre > secret:
            client.send("C'est moins !".encode("utf8"))
            time.sleep(0.03)
            client.send("Essaie encore :".encode("utf8"))
        else:
            client.send(f"Gagné en {essais} essais ! Tapez fin pour partir.".encode("utf8"))


serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
serveur.bind(("127.0.0.1", PORT))
serveur.listen(1)
print("Serveur prêt, en attente de requêtes ...", flush=True)
while True:
    client, adresse = serveur.accept()
    print("Client connecté. :", adresse[0], flush=True)
    try:
        partie(client)
    except OSError:
        pass
    client.close()
