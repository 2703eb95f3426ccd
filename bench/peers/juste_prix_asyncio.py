#!/usr/bin/env python3
"""The juste prix server of liaison in Python asyncio, for bench/compare.

Written as well as Python allows without leaving the standard library:
asyncio Protocol callbacks (no streams, no task per connection), every fixed
reply encoded once, and a fast path for the common message, a guess in
digits. Same protocol as `liaison serve` (docs/protocol.md), in French: a
greeting ending "\\n" before the framing is known, raw or line framing learned
from what the client sends, C'est plus / C'est moins / Gagné ... (o/n), FIN.

    juste_prix_asyncio.py [--host 127.0.0.1] [--port 50000] [--seed N]
"""
import argparse
import asyncio
import random
import resource
import sys

MAX_MESSAGE = 1024
LOW, HIGH = 1, 100
INT64_MAX = 2**63 - 1

UNKNOWN, RAW, LINE = 0, 1, 2
GUESSING, ASKING_REPLAY, CLOSING = 0, 1, 2

GREETING = f"Bienvenue au juste prix ! Devinez le nombre entier entre {LOW} et {HIGH}."
WON = "Gagné ! C'était {0}, trouvé en {1} essai(s). Rejouer ? (o/n)"
NOT_A_NUMBER = f"Ce n'est pas un nombre entier : proposez un nombre entre {LOW} et {HIGH}."
OUT_OF_RANGE = "{0} n'est pas entre {1} et {2} : proposez un nombre dans l'intervalle."
EMPTY = f"Message vide : proposez un nombre entre {LOW} et {HIGH}."
INVALID_UTF8 = "Texte illisible (UTF-8 invalide) : écrivez en UTF-8."
REPLAY_QUESTION = "Répondez o pour rejouer ou n pour arrêter."
TOO_LONG = f"Message trop long (plus de {MAX_MESSAGE} octets) : il a été ignoré."
YES = {b"o", b"oui", b"y", b"yes"}
NO = {b"n", b"non", b"no"}


def encode(text, framing):
    """The bytes that carry `text`: bare in raw framing, a line otherwise,
    except FIN before the framing is known (the lesson's client needs it bare)."""
    data = text.encode() if isinstance(text, str) else text
    if framing == RAW:
        return cut_utf8(data, MAX_MESSAGE)
    if framing == UNKNOWN and data == b"FIN":
        return data
    return data + b"\n"


def cut_utf8(data, limit):
    if len(data) <= limit:
        return data
    end = limit
    while end > 0 and (data[end] & 0xC0) == 0x80:
        end -= 1
    return data[:end]


# The fixed replies, encoded once for each framing: REPLIES[framing][name].
REPLIES = [
    {name: encode(text, framing) for name, text in {
        "higher": "C'est plus !", "lower": "C'est moins !", "fin": "FIN", "greeting": GREETING,
        "not_a_number": NOT_A_NUMBER, "empty": EMPTY, "invalid_utf8": INVALID_UTF8,
        "replay_question": REPLAY_QUESTION, "too_long": TOO_LONG}.items()}
    for framing in (UNKNOWN, RAW, LINE)
]


class JustePrix(asyncio.Protocol):
    """One connection: a state machine driven by asyncio's callbacks."""
    __slots__ = ("transport", "secrets", "framing", "state", "secret", "tries", "partial", "discarding")

    def __init__(self, secrets):
        self.secrets = secrets
        self.framing = UNKNOWN
        self.state = GUESSING
        self.partial = b""
        self.discarding = False
        self.transport = None

    def connection_made(self, transport):
        self.transport = transport
        self.greet()

    def greet(self):
        self.secret = self.secrets.randint(LOW, HIGH)
        self.tries = 0
        self.state = GUESSING
        self.transport.write(REPLIES[self.framing]["greeting"])

    def say(self, name):
        self.transport.write(REPLIES[self.framing][name])

    def say_text(self, text):
        self.transport.write(encode(text, self.framing))

    def finish(self):
        """FIN, then half-close; eof_received closes once the client has too."""
        self.say("fin")
        self.state = CLOSING
        if self.transport.can_write_eof():
            self.transport.write_eof()

    # ---- framing: raw chunks or lines, learned from the client ----------

    def data_received(self, data):
        if self.framing != LINE and b"\n" not in data:
            self.framing = RAW
            if len(data) > MAX_MESSAGE:
                self.say("too_long")
            else:
                self.on_message(data)
            return
        self.framing = LINE
        self.feed_lines(data)

    def feed_lines(self, data):
        *lines, rest = data.split(b"\n")
        for piece in lines:
            if self.discarding:
                self.discarding = False
                continue
            line = self.partial + piece if self.partial else piece
            self.partial = b""
            if line.endswith(b"\r"):
                line = line[:-1]
            if len(line) > MAX_MESSAGE:
                self.say("too_long")
            else:
                self.on_message(line)
        if self.discarding:
            return
        if len(self.partial) + len(rest) > MAX_MESSAGE + 1:
            self.partial = b""
            self.discarding = True
            self.say("too_long")
        else:
            self.partial += rest

    def eof_received(self):
        if self.state != CLOSING:
            self.say("fin")  # the client closed its side: say FIN in case it still reads
        return False  # let the transport close once what we wrote is sent

    # ---- the game --------------------------------------------------------

    def on_message(self, data):
        if self.state == CLOSING:
            return
        word = data.strip()
        if self.state == GUESSING and word.isdigit():  # the fast path: a guess
            self.on_guess(int(word), word)
            return
        if word.upper() == b"FIN":
            self.finish()
            return
        try:
            data.decode()
        except UnicodeDecodeError:
            self.say("invalid_utf8")
            return
        if self.state == GUESSING:
            self.on_other_guess(word)
        elif word.lower() in YES:
            self.greet()
        elif word.lower() in NO:
            self.finish()
        else:
            self.say("replay_question")

    def on_other_guess(self, word):
        if not word:
            self.say("empty")
            return
        digits = word[1:] if word[:1] in (b"+", b"-") else word
        if not digits.isdigit():
            self.say("not_a_number")
            return
        self.on_guess(int(word), word)

    def on_guess(self, guess, word):
        if not LOW <= guess <= HIGH:
            shown = word.decode() if abs(guess) > INT64_MAX else str(guess)
            self.say_text(OUT_OF_RANGE.format(shown, LOW, HIGH))
            return
        self.tries += 1
        if guess < self.secret:
            self.say("higher")
        elif guess > self.secret:
            self.say("lower")
        else:
            self.state = ASKING_REPLAY
            self.say_text(WON.format(self.secret, self.tries))


def raise_open_file_limit():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


async def serve(host, port, seed):
    loop = asyncio.get_running_loop()
    secrets = random.Random(seed)
    server = await loop.create_server(lambda: JustePrix(secrets), host, port, backlog=4096, reuse_address=True)
    bound = server.sockets[0].getsockname()
    print(f"Serveur prêt sur {bound[0]}:{bound[1]}, en attente de requêtes ...", flush=True)
    async with server:
        await server.serve_forever()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=50000)
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    raise_open_file_limit()
    try:
        asyncio.run(serve(args.host, args.port, args.seed))
    except KeyboardInterrupt:
        pass
    except OSError as error:
        print(f"Impossible de démarrer le service sur {args.host}:{args.port} : {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
