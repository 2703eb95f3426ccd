#!/usr/bin/env python3
"""Chaos: a few hundred hostile loopback clients -- connect and vanish, garbage,
oversized messages, never reading, half-closing, never speaking, resetting --
while a well-behaved lesson-style player plays full games throughout.
Afterwards the server still answers, its descriptor count and memory are back
near where they started, and the player saw every reply it expected."""
import os
import random
import socket
import struct
import sys
import threading
import time

from peers import Bisection, LessonClient, LiaisonServer, check

binary = sys.argv[1]
HOSTILE = 300
rng = random.Random(7)


def fds(pid):
    return len(os.listdir(f"/proc/{pid}/fd"))


def rss_kib(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def vanish(port):
    socket.create_connection(("127.0.0.1", port), timeout=5).close()


def reset(port):
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    s.send(b"50")
    s.close()  # RST


def garbage(port):
    with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
        s.recv(1024)
        for _ in range(20):
            s.send(bytes(rng.randrange(256) for _ in range(rng.randrange(1, 200))))
            s.settimeout(0.5)
            try:
                s.recv(4096)
            except OSError:
                break


def oversized(port):
    with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
        s.recv(1024)
        s.sendall(b"9" * 200_000)
        s.sendall(b"x" * 50_000 + b"\n")
        s.settimeout(2)
        try:
            s.recv(4096)
        except OSError:
            pass


def never_reads(port):
    with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
        s.settimeout(0.2)
        try:
            for _ in range(200):
                s.send(b"abc\n" * 1000)
        except OSError:
            pass


def half_close(port):
    with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
        s.recv(1024)
        s.send(b"42\n")
        s.shutdown(socket.SHUT_WR)
        s.settimeout(3)
        try:
            while s.recv(4096):
                pass
        except OSError:
            pass


def silent(port, held):
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    held.append(s)  # never speaks; closed at the end


with LiaisonServer(binary, "--seed", "11", "--max-per-ip", "1000", "--idle-timeout", "2") as server:
    pid = server.process.pid
    time.sleep(0.2)
    fds_before, rss_before = fds(pid), rss_kib(pid)

    player = Bisection(replays=["o"] * 30)
    player_transcript = []

    def play():
        player_transcript.extend(LessonClient(server.port, player).run())

    good = threading.Thread(target=play)
    good.start()

    held = []
    kinds = [vanish, reset, garbage, oversized, never_reads, half_close]
    workers = []
    for i in range(HOSTILE):
        kind = kinds[i % len(kinds)]
        args = (server.port,) if i % 10 else (server.port, held)
        target = kind if i % 10 else silent
        workers.append(threading.Thread(target=lambda t=target, a=args: _run(t, a)))

    errors = []

    def _run(target, args):
        try:
            target(*args)
        except OSError as error:  # the server may cut a hostile client off: that is fine
            errors.append(type(error).__name__)

    for worker in workers:
        worker.start()
        time.sleep(0.002)
    for worker in workers:
        worker.join(30)
    good.join(60)
    for s in held:
        s.close()

    check(not good.is_alive(), "the well-behaved player finished")
    check(len(player.wins) == 31, f"the player won all 31 games (won {len(player.wins)})", player_transcript)
    check(player_transcript[-2:] == ["serveur > FIN", "Connexion terminée."], "the player ended on FIN",
          player_transcript)

    # Still answering afterwards.
    fresh = Bisection(replays=[])
    transcript = LessonClient(server.port, fresh).run()
    check(len(fresh.wins) == 1, "a new player is served after the chaos", transcript)

    # Descriptors and memory back near the start (hostile sockets all closed).
    deadline = time.time() + 10
    while fds(pid) > fds_before + 2 and time.time() < deadline:
        time.sleep(0.1)
    check(fds(pid) <= fds_before + 2, f"descriptors back near start ({fds_before} -> {fds(pid)})")
    rss_after = rss_kib(pid)
    if os.environ.get("LIAISON_SANITIZE"):
        # AddressSanitizer keeps freed memory in quarantine: RSS says nothing there.
        print(f"memory not checked under {os.environ['LIAISON_SANITIZE']} ({rss_before} KiB -> {rss_after} KiB)")
    else:
        check(rss_after <= rss_before + 4096, f"memory back near start ({rss_before} KiB -> {rss_after} KiB)")
    print(f"hostile clients: {HOSTILE}, client-side errors (cut off by the server): {len(errors)}")
