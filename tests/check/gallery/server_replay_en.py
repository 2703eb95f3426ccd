"""A correct server that replays, in English: after a win it asks "Play
again? (y/n)" and draws a new secret; FIN after "n" or FIN. Port: argv[1]."""
import os
import random
import socket
import sys

PORT = int(sys.argv[1]) if len(sys.argv) > 1 else 50000
# The tests fix the secrets (GALLERY_SEED) so that what they assert was
# answered is answered every run; unset, they are random, as a student's are.
random.seed(os.environ.get("GALLERY_SEED"))


def game(client):
    secret = random.randint(1, 100)
    client.send(b"Welcome! Guess the number between 1 and 100.")
    won = False
    while True:
        data = client.recv(1024)
        if not data:
            return
        text = data.decode("utf8", errors="replace").strip().lower()
        if text == "fin" or (won and text in ("n", "no")):
            client.send(b"FIN")
            return
        if won and text in ("y", "yes"):
            secret, won = random.randint(1, 100), False
            client.send(b"New game! Guess the number between 1 and 100.")
            continue
        if not text.lstrip("-").isdigit():
            client.send(b"Please type a whole number.")
        elif int(text) < secret:
            client.send(b"Higher!")
        elif int(text) > secret:
            client.send(b"Lower!")
        else:
            won = True
            client.send(b"You won! Play again? (y/n)")


server = socket.socket()
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", PORT))
server.listen(1)
while True:
    connection, _ = server.accept()
    try:
        game(connection)
    except OSError:
        pass
    connection.close()
