"""A correct client: the lesson's client grown into the game. Raw messages
(one send per typed line, no \n), the server speaks first, FIN ends, a
refused connection says so, and an empty recv (the server closed) ends it
too. Port: argv[1] (50000 by default)."""
import socket
import sys

PORT = int(sys.argv[1]) if len(sys.argv) > 1 else 50000
liaison = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
try:
    liaison.connect(("127.0.0.1", PORT))
    message = ""
except OSError:
    print("La connexion a échoué.")
    message = "FIN"
while message.upper() != "FIN":
    donnees = liaison.recv(1024)
    if not donnees:
        print("Le serveur a fermé la connexion.")
        break
    message = donnees.decode("utf8")
    print("serveur >", message)
    if message.upper() != "FIN":
        liaison.send(input("moi > ").encode("utf8"))
print("Connexion terminée.")
liaison.close()
