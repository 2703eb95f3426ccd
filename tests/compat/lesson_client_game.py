#!/usr/bin/env python3
"""The lesson's client, unchanged in behaviour, plays juste prix against
`liaison serve`: full games with replay, garbage input, FIN mid-game."""
import sys

from peers import Bisection, LessonClient, LiaisonServer, check

binary = sys.argv[1]

with LiaisonServer(binary, "--seed", "5") as server:
    # Two full games with garbage typed before each guess, then "n".
    garbage = ["abc", "12abc", "1e3", "😀", "0", "101", "-3", " ", "٣"]
    player = Bisection(extra=garbage, replays=["peut-être", "o"])
    transcript = LessonClient(server.port, player).run()
    check(len(player.wins) == 2, "two games won", transcript)
    check(transcript[-2:] == ["serveur > FIN", "Connexion terminée."], "ends on FIN", transcript)
    check(all(len(line.encode()) <= 1024 + 10 for line in transcript), "every message fits one recv", transcript)
    replies = [line[len("serveur > "):] for line in transcript if line.startswith("serveur > ")]
    check(replies[0].startswith("Bienvenue") and "entre 1 et 100" in replies[0], "greeting first", transcript)
    explanations = replies[1:1 + len(garbage)]
    check(all(not r.startswith(("C'est plus", "C'est moins", "Gagné")) for r in explanations),
          "garbage gets explanations", transcript)

    # FIN typed with blanks mid-game: the lesson's client keeps reading until
    # it receives exactly FIN.
    player = Bisection(extra=["50", " fin "])
    transcript = LessonClient(server.port, player).run()
    check(transcript[-2:] == ["serveur > FIN", "Connexion terminée."], "' fin ' mid-game gets FIN", transcript)

    # "fin" exactly: the lesson's client stops by itself, the server copes.
    transcript = LessonClient(server.port, Bisection(extra=["fin"])).run()
    check(transcript[-1] == "Connexion terminée.", "'fin' ends the client at once", transcript)

    # The server is still there for the next player.
    player = Bisection(replays=[])
    transcript = LessonClient(server.port, player).run()
    check(len(player.wins) == 1 and transcript[-2] == "serveur > FIN", "server still serves", transcript)

# No server: the lesson's message.
transcript = LessonClient(server.port, Bisection()).run()
check(transcript == ["La connexion a échoué.", "Connexion terminée."], "refused connection", transcript)
