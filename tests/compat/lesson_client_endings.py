#!/usr/bin/env python3
"""Whatever ends a session from the server side -- a full server, an idle kick,
a shutdown -- the lesson's client must end with its normal 'Connexion
terminée.': never hang, never crash, never read half a message. Each case is
tried while the client waits for the server and while its user is typing."""
import os
import signal
import sys
import threading
import time

from peers import Bisection, LessonClient, LiaisonServer, check

binary = sys.argv[1]


def ends_cleanly(transcript, notice, what):
    received = [line for line in transcript if line.startswith("serveur > ")]
    if notice:
        check(any(notice in line for line in received), what + ": the notice is shown", transcript)
    check(transcript[-2:] == ["serveur > FIN", "Connexion terminée."], what + ": ends on an exact FIN", transcript)


def slow_typist(delay, then):
    """A user who takes `delay` seconds to type each answer."""
    def answer(message):
        time.sleep(delay)
        return then(message)
    return answer


# Server full: the refused client is waiting for the greeting.
with LiaisonServer(binary, "--max-clients", "1") as server:
    seated = LessonClient(server.port, slow_typist(3, lambda _m: "fin"))
    thread = threading.Thread(target=seated.run)
    thread.start()
    time.sleep(0.3)
    typed = iter(["50", "encore ?"])
    transcript = LessonClient(server.port, lambda _m: next(typed)).run()
    ends_cleanly(transcript, "Serveur complet", "server full")
    thread.join(10)

# Idle kick while the user is still typing (slower than the timeout).
with LiaisonServer(binary, "--idle-timeout", "1") as server:
    transcript = LessonClient(server.port, slow_typist(2.5, Bisection())).run()
    ends_cleanly(transcript, "Aucun message depuis 1 s", "idle kick while typing")

# Idle kick, then the user types nothing (an empty line sends zero bytes).
with LiaisonServer(binary, "--idle-timeout", "1") as server:
    typed = iter(["", ""])
    transcript = LessonClient(server.port, slow_typist(1.5, lambda _m: next(typed))).run()
    ends_cleanly(transcript, "Aucun message depuis 1 s", "idle kick then an empty line")

# Shutdown (SIGTERM) while one client waits and another is typing.
with LiaisonServer(binary, "--seed", "3") as server:
    results = {}

    def play(name, delay):
        results[name] = LessonClient(server.port, slow_typist(delay, Bisection())).run()

    typing = threading.Thread(target=play, args=("typing", 3))
    typing.start()
    time.sleep(0.5)
    os.kill(server.process.pid, signal.SIGTERM)
    typing.join(15)
    check(server.process.wait(5) == 0, "the server exits 0 after a shutdown")
    # The process leaves within 2 s: the typing user's next recv gets FIN alone.
    ends_cleanly(results["typing"], None, "shutdown while typing")

# A denied address: closed at once, with a bare FIN so the client still ends.
with LiaisonServer(binary, "--deny", "127.0.0.0/8") as server:
    transcript = LessonClient(server.port, Bisection()).run()
    check(transcript == ["serveur > FIN", "Connexion terminée."], "denied: ends on an exact FIN", transcript)
