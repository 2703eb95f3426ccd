"""A correct line-based client: each typed line is sent with its \n, replies
are read line by line (makefile), as netcat would. Port: argv[1]."""
import socket
import sys

PORT = int(sys.argv[1]) if len(sys.argv) > 1 else 50000
try:
    connexion = socket.create_connection(("127.0.0.1", PORT))
except ConnectionRefusedError:
    print("Impossible de joindre le serveur.")
    sys.exit(0)
lecture = connexion.makefile("r", encoding="utf8")
while True:
    ligne = lecture.readline()
    if ligne == "":
        print("(serveur parti)")
        break
    ligne = ligne.rstrip("\n")
    print(ligne)
    if ligne.strip().upper() == "FIN":
        break
    connexion.sendall((input("? ") + "\n").encode("utf8"))
connexion.close()
