#!/usr/bin/env python3
"""The lesson's client against `liaison serve --service echo`."""
import sys

from peers import LessonClient, LiaisonServer, check

binary = sys.argv[1]

with LiaisonServer(binary, "--service", "echo") as server:
    typed = iter(["bonjour", "ça va ? 😀", "é" * 500, "é" * 600, "exit"])
    transcript = LessonClient(server.port, lambda _message: next(typed)).run()
    check(transcript[2] == "serveur > echo : bonjour", "echo", transcript)
    check(transcript[4] == "serveur > echo : ça va ? 😀", "echo of UTF-8", transcript)
    check(transcript[6].startswith("serveur > echo : éé"), "long message echoed, never split", transcript)
    check(transcript[8].startswith("serveur > Message trop long"), "over 1024 bytes: a clear notice", transcript)
    check(transcript[-2:] == ["serveur > FIN", "Connexion terminée."], "exit ends with FIN", transcript)
