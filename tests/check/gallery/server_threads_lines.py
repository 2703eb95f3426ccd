"""A correct server in another style: one thread per client (the threads
lesson), lines ending in \n both ways, other words (trop petit / trop grand /
Bravo), the bounds 1 to 50 in the greeting. Port: argv[1]."""
import random
import socket
import sys
import threading

PORT = int(sys.argv[1]) if len(sys.argv) > 1 else 50000


def joueur(client):
    secret = random.randint(1, 50)
    lignes = client.makefile("r", encoding="utf8", errors="replace", newline="\n")
    client.sendall("Salut ! Trouve mon nombre de 1 à 50.\n".encode("utf8"))
    for ligne in lignes:
        texte = ligne.strip()
        if texte.upper() == "FIN":
            break
        try:
            nombre = int(texte)
        except ValueError:
            client.sendall("Ça, ce n'est pas un nombre.\n".encode("utf8"))
            continue
        if nombre < secret:
            client.sendall("Trop petit\n".encode("utf8"))
        elif nombre > secret:
            client.sendall("Trop grand\n".encode("utf8"))
        else:
            client.sendall("Bravo !\n".encode("utf8"))
    try:
        client.sendall(b"FIN\n")
    except OSError:
        pass
    client.close()


serveur = socket.socket()
serveur.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
serveur.bind(("127.0.0.1", PORT))
serveur.listen(5)
while True:
    client, _ = serveur.accept()
    threading.Thread(target=joueur, args=(client,), daemon=True).start()
