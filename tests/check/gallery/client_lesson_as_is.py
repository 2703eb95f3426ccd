"""Mistake (the lesson's own client, written from its description): when the
server closes without FIN, recv returns b'' forever and the loop keeps
prompting. Port: argv[1]."""
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
    message = liaison.recv(1024).decode("utf8")
    print("serveur >", message)
    if message.upper() != "FIN":
        liaison.send(input("moi > ").encode("utf8"))
print("Connexion terminée.")
liaison.close()
