#!/usr/bin/env python3
"""bench/web_load.py: the web side's load, for bench/compare --web.

Opens PAGES event streams (GET /events, read to the end, as a projected page
does) and PLAYERS WebSocket players on /play that play juste prix by
bisection, a guess every PAUSE seconds (as people do; 0: as fast as they
can), against `liaison serve --web`, for SECONDS; then
prints one JSON line: events read, guesses made, errors.

    bench/web_load.py HOST WEB_PORT --pages 200 --players 100 --seconds 10

Python's standard library has no WebSocket client: the few lines of RFC 6455
a client needs (handshake, masked text frames out, unmasked frames in) are
written here. Loopback only; everything stops by itself after SECONDS.
"""
import argparse
import asyncio
import base64
import json
import os
import re
import struct
import sys
import time


async def read_events(host, port, stop, counts):
    try:
        reader, writer = await asyncio.open_connection(host, port)
        writer.write(f"GET /events HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode())
        while not stop.is_set():
            chunk = await asyncio.wait_for(reader.read(65536), timeout=5)
            if not chunk:
                counts["errors"] += 1
                return
            counts["events"] += chunk.count(b"event: ")
        writer.close()
    except (OSError, asyncio.TimeoutError):
        counts["errors"] += 1


class WebSocket:
    def __init__(self, reader, writer):
        self.reader, self.writer = reader, writer

    @classmethod
    async def connect(cls, host, port, path):
        reader, writer = await asyncio.open_connection(host, port)
        key = base64.b64encode(os.urandom(16)).decode()
        writer.write((f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\n"
                      f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
        header = await reader.readuntil(b"\r\n\r\n")
        if not header.startswith(b"HTTP/1.1 101"):
            raise OSError("handshake refused: " + header.split(b"\r\n")[0].decode())
        return cls(reader, writer)

    def send(self, text):
        payload = text.encode()
        mask = os.urandom(4)
        head = bytes([0x81, 0x80 | len(payload)])  # our messages are short
        self.writer.write(head + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))

    async def receive(self):
        while True:
            first, second = await self.reader.readexactly(2)
            length = second & 0x7F
            if length == 126:
                length = struct.unpack(">H", await self.reader.readexactly(2))[0]
            elif length == 127:
                length = struct.unpack(">Q", await self.reader.readexactly(8))[0]
            payload = await self.reader.readexactly(length)
            opcode = first & 0x0F
            if opcode == 1:
                return payload.decode()
            if opcode == 8:
                raise OSError("closed")


async def play(host, port, stop, counts, pause):
    try:
        ws = await WebSocket.connect(host, port, "/play")
        greeting = await asyncio.wait_for(ws.receive(), timeout=5)
        bounds = re.search(r"(-?\d+) et (-?\d+)", greeting) or re.search(r"(-?\d+) and (-?\d+)", greeting)
        low, high = map(int, bounds.groups())
        first_low, first_high = low, high
        while not stop.is_set():
            if pause:
                await asyncio.sleep(pause)  # a person reads, thinks, types
            guess = (low + high) // 2
            ws.send(str(guess))
            reply = await asyncio.wait_for(ws.receive(), timeout=5)
            counts["guesses"] += 1
            if reply.startswith(("C'est plus", "Higher")):
                low = guess + 1
            elif reply.startswith(("C'est moins", "Lower")):
                high = guess - 1
            elif reply.startswith(("Gagné", "You won")):
                ws.send("o")
                await asyncio.wait_for(ws.receive(), timeout=5)  # the greeting of the next game
                low, high = first_low, first_high
            else:
                counts["errors"] += 1
                return
        ws.send("FIN")
        ws.writer.close()
    except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError, AttributeError):
        counts["errors"] += 1


async def main():
    parser = argparse.ArgumentParser(description="event streams and WebSocket players against liaison serve --web")
    parser.add_argument("host")
    parser.add_argument("port", type=int)
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--players", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--pause", type=float, default=1.0,
                        help="seconds each player waits before each guess, as a person would (0: none)")
    args = parser.parse_args()
    if args.host not in ("127.0.0.1", "::1", "localhost"):
        sys.exit("web_load: loopback only")
    counts = {"events": 0, "guesses": 0, "errors": 0}
    stop = asyncio.Event()
    tasks = [asyncio.create_task(read_events(args.host, args.port, stop, counts)) for _ in range(args.pages)]
    tasks += [asyncio.create_task(play(args.host, args.port, stop, counts, args.pause)) for _ in range(args.players)]
    started = time.monotonic()
    await asyncio.sleep(args.seconds)
    stop.set()
    await asyncio.wait(tasks, timeout=10)
    for task in tasks:
        task.cancel()
    elapsed = time.monotonic() - started
    print(json.dumps({"pages": args.pages, "players": args.players, "seconds": round(elapsed, 2),
                      "events": counts["events"], "guesses": counts["guesses"],
                      "guesses_per_s": round(counts["guesses"] / elapsed), "errors": counts["errors"]}))


if __name__ == "__main__":
    asyncio.run(main())
