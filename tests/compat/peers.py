"""Python peers that behave exactly like the lesson's programs (see
shared/LESSONS.md), written for liaison's compatibility tests.

Each peer keeps the lesson's observable behaviour -- one recv(1024) is one
message, decoded on its own as UTF-8, FIN compared after .upper() -- and adds
only a socket timeout so that a test can fail instead of hanging.
"""
import os
import re
import signal
import socket
import subprocess
import sys

TIMEOUT = 10


class LessonClient:
    """The lesson's client: the server speaks first, turns alternate, FIN ends.

    `answer(message)` plays the person at the keyboard: it gets what was just
    printed after 'serveur >' and returns what they type.
    """

    def __init__(self, port, answer, host="127.0.0.1"):
        self.port, self.answer, self.host = port, answer, host
        self.transcript = []

    def run(self):
        liaison = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        liaison.settimeout(TIMEOUT)
        try:
            liaison.connect((self.host, self.port))
            message = ""
        except OSError:
            self.transcript.append("La connexion a échoué.")
            message = "FIN"
        while message.upper() != "FIN":
            message = liaison.recv(1024).decode("utf8")  # a split character would raise here
            self.transcript.append("serveur > " + message)
            if message.upper() != "FIN":
                message = self.answer(message)
                self.transcript.append("moi > " + message)
                liaison.send(message.encode("utf8"))
        self.transcript.append("Connexion terminée.")
        liaison.close()
        return self.transcript


class Bisection:
    """A player typing guesses by bisection; scripted words are typed first
    whenever the game asks for a guess."""

    def __init__(self, low=1, high=100, extra=(), replays=("o",), stop="n"):
        self.low, self.high = low, high
        self.extra = list(extra)
        self.replays = list(replays)
        self.stop = stop
        self.guess = None
        self.wins = []
        self.turns = 0
        self.max_turns = 50 + 20 * (len(self.replays) + 1)

    def __call__(self, message):
        self.turns += 1
        if self.turns > self.max_turns:
            raise RuntimeError(f"no end after {self.max_turns} turns; last message: " + message)
        return self.respond(message)

    def respond(self, message):
        if message.startswith("Gagné"):
            self.wins.append(message)
        if message.startswith(("Gagné", "Répondez")):
            return self.replays.pop(0) if self.replays else self.stop
        if "entre " in message and message.startswith("Bienvenue"):
            self.low, self.high = map(int, re.search(r"entre (-?\d+) et (-?\d+)", message).groups())
        elif message.startswith("C'est plus"):
            self.low = self.guess + 1
        elif message.startswith("C'est moins"):
            self.high = self.guess - 1
        if self.extra:
            typed = self.extra.pop(0)
            if typed.strip().isascii() and typed.strip().isdigit():
                self.guess = int(typed)
            return typed
        self.guess = (self.low + self.high) // 2
        return str(self.guess)


class LiaisonServer:
    """`liaison serve --port 0 ...` as a child process, stopped by PID."""

    def __init__(self, binary, *args):
        self.process = subprocess.Popen([binary, "serve", "--port", "0", *args], stdin=subprocess.DEVNULL,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.ready = ready = self.process.stdout.readline()
        match = re.search(r":(\d+),", ready)
        if not match:
            self.stop()
            raise RuntimeError("server not ready: " + ready + self.process.stderr.read())
        self.port = int(match.group(1))

    def stop(self):
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                os.kill(self.process.pid, signal.SIGKILL)
                self.process.wait(5)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def check(condition, what, transcript=None):
    if not condition:
        print("FAILED:", what)
        if transcript:
            print("\n".join(transcript))
        sys.exit(1)
    print("ok:", what)
