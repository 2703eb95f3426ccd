"""A correct automatic client: it plays by bisection by itself, reading the
bounds from the greeting, and prints everything. Port: argv[1]."""
import re
import socket
import sys

PORT = int(sys.argv[1]) if len(sys.argv) > 1 else 50000
try:
    s = socket.create_connection(("127.0.0.1", PORT))
except OSError:
    print("Pas de serveur sur le port", PORT)
    sys.exit(1)
accueil = s.recv(1024).decode("utf8")
print(accueil)
bas, haut = 1, 100
bornes = re.search(r"entre (\d+) et (\d+)", accueil)
if bornes:
    bas, haut = int(bornes.group(1)), int(bornes.group(2))
while bas <= haut:
    essai = (bas + haut) // 2
    print(">", essai)
    s.send(str(essai).encode("utf8"))
    reponse = s.recv(1024).decode("utf8")
    print(reponse)
    if reponse == "" or reponse.strip().upper() == "FIN":
        break
    if "plus" in reponse:
        bas = essai + 1
    elif "moins" in reponse:
        haut = essai - 1
    else:
        s.send(b"FIN")
        print(s.recv(1024).decode("utf8"))
        break
s.close()
