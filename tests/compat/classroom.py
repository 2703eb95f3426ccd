#!/usr/bin/env python3
"""A classroom plays together (issue 5's proof): three lesson-style clients,
two netcat users and two `liaison connect --duplex` users join one
`serve --mode partie`, chat, play a round, and the leaderboard printed by
`liaison scores --json` afterwards shows exactly what they saw; then the same
seven chat in `serve --service salon`.

The lesson-style clients keep the lesson's rhythm (send, then one recv(1024)
decoded on its own, news riding on the reply); netcat and --duplex are
real processes whose output is read line by line as it comes (pushed news).
"""
import json
import os
import queue
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time

from peers import TIMEOUT, LiaisonServer, check

binary = sys.argv[1]
nc = shutil.which("nc")
check(nc is not None, "netcat is installed")

GUESS_REPLY = re.compile(r"^(C'est plus|C'est moins|Gagné|Trouvé|Vous avez déjà trouvé)")


class TurnClient:
    """The lesson's client, one turn at a time: send, then one recv(1024)."""

    def __init__(self, name, port):
        self.name, self.seen = name, []
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT)
        self.greeting = self._receive()

    def _receive(self):
        message = self.sock.recv(1024).decode("utf8")
        self.seen.extend(message.split("\n"))
        return message

    def say(self, text):
        self.sock.send(text.encode("utf8"))
        return self._receive()

    def guess(self, number):
        reply = self.say(str(number))
        # News come first, newest last; then the reply (and, for the last
        # finder, the round's summary after it).
        return next(line for line in reply.split("\n") if GUESS_REPLY.match(line))

    def finish(self, word="FIN"):
        check(self.say(word) == "FIN", f"{self.name}: exact FIN after {word}")
        check(self.sock.recv(1024) == b"", f"{self.name}: the server closes after FIN")
        self.sock.close()


class LineProcess:
    """A line client in a child process (netcat, liaison connect --duplex):
    its output is read by a thread, so pushed lines are seen as they come."""

    def __init__(self, name, argv, prefix=""):
        self.name, self.prefix, self.seen = name, prefix, []
        self.lines = queue.Queue()
        self.process = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True, bufsize=1)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.process.stdout:
            line = line.rstrip("\n")
            if self.prefix:
                if not line.startswith(self.prefix):
                    continue  # our own lines ("moi > ...") and the client's notices
                line = line[len(self.prefix):]
            self.lines.put(line)
        self.lines.put(None)

    def send(self, text):
        self.process.stdin.write(text + "\n")
        self.process.stdin.flush()

    def expect(self, pattern, what=None):
        """Reads lines until one matches; every line read is kept in `seen`."""
        deadline = time.monotonic() + TIMEOUT
        while True:
            try:
                line = self.lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                line = None
            if line is None:
                check(False, f"{self.name}: {what or pattern}", self.seen)
            self.seen.append(line)
            if re.search(pattern, line):
                return line

    def say(self, text, pattern):
        self.send(text)
        return self.expect(pattern)

    def guess(self, number):
        self.send(str(number))
        return self.expect(GUESS_REPLY.pattern, f"reply to {number}")

    def drain(self, pattern):
        """Waits for a pushed line (a push arrives without asking)."""
        return self.expect(pattern)

    def finish(self, word="FIN"):
        self.send(word)
        self.expect(r"^FIN$", "FIN after " + word)
        self.process.stdin.close()  # netcat-openbsd waits for its input to end
        try:
            rest = self.process.wait(TIMEOUT)
        except subprocess.TimeoutExpired:
            self.process.kill()
            check(False, f"{self.name} ends after FIN")
        check(rest == 0, f"{self.name} exits with 0 (got {rest})", [self.process.stderr.read()])
        while (line := self.lines.get(timeout=TIMEOUT)) is not None:
            self.seen.append(line)

    def kill(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(5)


def netcat(name, port):
    return LineProcess(name, [nc, "127.0.0.1", str(port)])


def duplex(name, port):
    return LineProcess(name, [binary, "connect", "--duplex", "127.0.0.1", str(port)], prefix="serveur > ")


class Bisector:
    def __init__(self, first):
        self.low, self.high, self.next = 1, 100, first
        self.tries, self.rank, self.seconds, self.found = 0, 0, None, False

    def take(self, reply, tried):
        """Learns from the reply to `tried`; returns False once found."""
        count = re.search(r"(\d+) essai", reply)
        self.tries = int(count.group(1))
        if reply.startswith("C'est plus"):
            self.low = tried + 1
        elif reply.startswith("C'est moins"):
            self.high = tried - 1
        else:
            self.found = True
            if reply.startswith("Gagné"):
                self.rank = 1
                self.seconds = re.search(r"en \d+ essai\(s\) et ([\d,]+) s", reply).group(1)
            else:
                found = re.search(r"vous êtes (\d+)e, en \d+ essai\(s\) et ([\d,]+) s", reply)
                self.rank, self.seconds = int(found.group(1)), found.group(2)
            return False
        self.next = (self.low + self.high) // 2
        return True


started = []  # every child process, killed at the end whatever happens


def arrive(port):
    """The class connects: three lesson-style clients, two netcat, two --duplex."""
    players = [TurnClient(name, port) for name in ("ada", "brahim", "chloé")]
    players += [netcat("dora", port), netcat("émile", port), duplex("farid", port), duplex("gaëlle", port)]
    started.extend(players[3:])
    return players


def seen_by(player):
    return "\n".join(player.seen)


workdir = tempfile.mkdtemp(prefix="liaison-classroom-")
db = os.path.join(workdir, "scores.db")
try:
    # ---- the round -------------------------------------------------------
    with LiaisonServer(binary, "--mode", "partie", "--db", db, "--round-grace", "60", "--round-pause", "1",
                       "--seed", "2026") as server:
        ada, brahim, chloe, dora, emile, farid, gaelle = everyone = arrive(server.port)
        turn_based, pushed = everyone[:3], everyone[3:]

        for player in turn_based:
            check(player.greeting.endswith("Votre pseudo ?\n"), f"{player.name}: asked for a nickname")
        for player in pushed:
            player.expect(r"^Votre pseudo \?$", "asked for a nickname")

        # Nicknames, in order of arrival; the first one starts round 1.
        check(ada.say("ada").startswith("Bonjour ada ! Manche 1 en cours (1 joueur(s))"), "ada starts round 1")
        check(brahim.say("brahim").startswith("Bonjour brahim ! Manche 1 en cours (2 joueur(s))"), "brahim joins")
        check("Bonjour chloé !" in chloe.say("chloé"), "chloé joins")
        dora.say("dora", r"^Bonjour dora !")
        emile.say("émile", r"^Bonjour émile !")
        farid.say("farid", r"^Bonjour farid !")
        gaelle.say("ADA", r"^Le pseudo ADA est déjà pris")  # nicknames are unique, whatever the case
        gaelle.say("gaëlle", r"^Bonjour gaëlle ! Manche 1 en cours \(7 joueur\(s\)\)")
        for player in (dora, emile, farid):
            player.drain(r"^\* gaëlle arrive$")

        # Chat before guessing: a line from each kind of client.
        check(ada.say("bonjour la classe").endswith("(envoyé, 6 lecteur(s))"), "ada's chat is acknowledged")
        dora.send("salut ada")        # a push client's chat gets no reply
        farid.send("/me fait coucou")
        for player in (emile, gaelle):
            player.drain(r"^\* farid fait coucou$")
        chats = ["<ada> bonjour la classe", "<dora> salut ada", "* farid fait coucou"]

        # The round, round-robin: different first guesses, so different counts.
        # émile tries twice, then leaves before finding (/quit).
        firsts = {"ada": 50, "brahim": 25, "chloé": 75, "dora": 10, "émile": 90, "farid": 60, "gaëlle": 40}
        guessing = {player.name: Bisector(firsts[player.name]) for player in everyone}
        order = []
        searching = list(everyone)
        while searching:
            for player in list(searching):
                state = guessing[player.name]
                if player is emile and state.tries == 2:
                    emile.finish("/quit")
                    searching.remove(emile)
                    continue
                if player is brahim and state.tries == 1:
                    # A turn-based player chats during the round.
                    check(brahim.say("trop dur").endswith("(envoyé, 6 lecteur(s))"), "brahim chats mid-round")
                    chats.append("<brahim> trop dur")
                tried = state.next
                if not state.take(player.guess(tried), tried):
                    order.append(player.name)
                    searching.remove(player)
        check(len(order) == 6, f"six players found it, in this order: {order}")
        for rank, name in enumerate(order, 1):
            check(guessing[name].rank == rank, f"{name} was told rank {rank}")

        # The last finder's reply carries the summary; the others get it too.
        summary = r"^Fin de la manche 1 \(c'était \d+\) : 6 sur 7 ont trouvé\. 1\. " + re.escape(order[0])
        for player in (dora, farid, gaelle):
            player.drain(summary)
            player.drain(r"^Manche 2 : un nouveau nombre entre 1 et 100")
        # The turn-based ones read what happened in their next reply.
        time.sleep(1.5)  # round 2 has started
        for player in turn_based:
            reply = player.say("/who")
            check("Présents (6)" in reply, f"{player.name}: /who lists six", [reply])
        for player in turn_based:
            check(re.search(summary, seen_by(player), re.M), f"{player.name} saw the end of round 1", player.seen)

        # Every chat line reached every other player; émile's departure too.
        for player in everyone:
            if player is emile:
                continue
            for line in chats + ["* émile s'en va"]:
                mine = line.startswith((f"<{player.name}>", f"* {player.name} "))
                if not mine:
                    check(line in player.seen, f"{player.name} saw {line!r}", player.seen)
        for line in chats:
            check(line in emile.seen or line.startswith("<émile>"), f"émile saw {line!r}", emile.seen)

        # The winner's news, as the others saw it.
        winner = guessing[order[0]]
        news = f"* {order[0]} gagne la manche 1 : trouvé en {winner.tries} essai(s) et {winner.seconds} s !"
        for player in everyone:
            if player.name not in (order[0], "émile"):
                check(news in player.seen, f"{player.name} saw the winner's news", player.seen)

        for player in turn_based + [dora, farid, gaelle]:
            player.finish()

    # ---- the leaderboard shows exactly that ----------------------------------
    printed = subprocess.run([binary, "scores", "--db", db, "--json"], capture_output=True, text=True, timeout=TIMEOUT)
    check(printed.returncode == 0, "liaison scores --json runs", [printed.stderr])
    board = json.loads(printed.stdout)["players"]
    rows = {row["nickname"]: row for row in board}
    check(sorted(rows) == sorted(firsts), f"the board lists the seven players: {sorted(rows)}")
    for name, state in guessing.items():
        row = rows[name]
        if state.found:
            best = f"{row['best_time_ms'] / 1000:.1f}".replace(".", ",")
            check(row["rounds_won"] == (1 if state.rank == 1 else 0) and row["games_found"] == 1
                  and row["games"] == 1 and row["average_tries"] == state.tries and best == state.seconds,
                  f"{name}: rank {state.rank}, {state.tries} tries, {state.seconds} s", [json.dumps(row)])
        else:
            check(row["rounds_won"] == 0 and row["games_found"] == 0 and row["games"] == 1
                  and row["average_tries"] is None and row["best_time_ms"] is None,
                  f"{name}: played, did not find", [json.dumps(row)])
    # Best first: the winner, then fewer tries, then faster; émile last.
    ranked = [row["nickname"] for row in board]
    check(ranked[0] == order[0] and ranked[-1] == "émile", f"the board's order: {ranked}")
    found_rows = board[1:-1]
    check(all((a["average_tries"], a["best_time_ms"]) <= (b["average_tries"], b["best_time_ms"])
              for a, b in zip(found_rows, found_rows[1:])), "the others by tries, then time")

    # ---- the salon: the same seven chat ----------------------------------------
    with LiaisonServer(binary, "--service", "salon", "--db", db) as server:
        ada, brahim, chloe, dora, emile, farid, gaelle = everyone = arrive(server.port)
        turn_based, pushed = everyone[:3], everyone[3:]
        for player in turn_based:
            check(player.greeting.startswith("Bienvenue dans le salon !"), f"{player.name}: salon greeting")
            check(player.say(f"/nick {player.name}").endswith(f"Vous êtes maintenant {player.name}."),
                  f"{player.name} takes a nickname")
        for player in pushed:
            player.expect(r"^Bienvenue dans le salon !")
            player.say(f"/nick {player.name}", rf"^Vous êtes maintenant {re.escape(player.name)}\.$")

        said = []
        for player in everyone:
            line = f"message de {player.name}"
            said.append(f"<{player.name}> {line}")
            if player in turn_based:
                check(player.say(line).endswith("(envoyé, 6 lecteur(s))"), f"{player.name} speaks")
            else:
                player.send(line)
            # Wait until every push client saw it, so the order is the same for all.
            for other in pushed:
                if other is not player:
                    other.drain(re.escape(said[-1]))
        for player in turn_based:
            player.say("/who")
        for player in everyone:
            for line in said:
                if not line.startswith(f"<{player.name}>"):
                    check(line in player.seen, f"salon: {player.name} saw {line!r}", player.seen)
        for player in turn_based:
            mine = [line for line in player.seen if line in said]
            check(mine == [line for line in said if not line.startswith(f"<{player.name}>")],
                  f"salon: {player.name} read them in order")
        for player in turn_based + pushed:
            player.finish("/quit" if player is brahim else "FIN")
finally:
    for process in started:
        process.kill()
    shutil.rmtree(workdir, ignore_errors=True)
print("ok: the classroom played, chatted, and the leaderboard matches")
