#!/usr/bin/env python3
"""The lesson's client, unchanged in behaviour (peers.LessonClient: recv(1024),
decode, print, answer, send without terminator, stop on an exact FIN), talks
with `liaison serve --service chat` whose operator console is this script:
two conversations, the first ended by the client's " fin ", the second by
the operator's FIN after <R>ecommencer."""
import os
import re
import select
import signal
import subprocess
import sys

from peers import LessonClient, check

TIMEOUT = 10
binary = sys.argv[1]


def scripted(*answers):
    """The person at the lesson's client: types these, in order."""
    queue = list(answers)
    return lambda message: queue.pop(0)


def first_line(process):
    """The server's first line, without waiting for ever."""
    readable, _, _ = select.select([process.stdout], [], [], TIMEOUT)
    return process.stdout.readline().decode("utf8") if readable else ""


def stop(process):
    if process.poll() is None:
        os.kill(process.pid, signal.SIGKILL)
        process.wait(TIMEOUT)


operator_lines = ["Bonjour", "Ça va ?", "é" * 600, "R", "Re-bonjour", "FIN", "T"]
server = subprocess.Popen([binary, "serve", "--service", "chat", "--port", "0"], stdin=subprocess.PIPE,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)
ready = first_line(server)
listening = re.search(r":(\d+),", ready)
if not listening:
    stop(server)
    check(False, "the server announces its port: " + repr(ready))
try:
    # The operator types ahead; the console uses each line in its turn.
    server.stdin.write("".join(line + "\n" for line in operator_lines).encode("utf8"))
    server.stdin.flush()
    first = LessonClient(int(listening.group(1)), scripted("salut", "oui", " fin ")).run()
    second = LessonClient(int(listening.group(1)), scripted("encore")).run()
    out, err = server.communicate(timeout=TIMEOUT)
except (OSError, IndexError, subprocess.TimeoutExpired) as error:  # socket timeouts are OSErrors
    stop(server)
    check(False, "the conversations ran: " + repr(error))
console = ready + out.decode("utf8")
code = server.returncode

transcript = first + ["---"] + second + ["--- console:", console, err.decode("utf8", "replace")]
check(first[0] == "serveur > Bonjour\n", "first words as a line: nobody knows the client's framing yet", transcript)
check(first[2] == "serveur > Ça va ?", "then raw, as the lesson's client sends", transcript)
check(first[4] == "serveur > " + "é" * 512, "a long line is cut on a character boundary, in one recv", transcript)
check(first[-2:] == ["serveur > FIN", "Connexion terminée."], "' fin ' from the client gets FIN", transcript)
check(second == ["serveur > Re-bonjour\n", "moi > encore", "serveur > FIN", "Connexion terminée."],
      "the operator's FIN after R ends the second conversation", transcript)
check(code == 0, "T stops the server", transcript)
for line in ["client > salut\n", "client > oui\n", "client >  fin \n", "client > encore\n", "moi > FIN\n"]:
    check(line in console, "the console shows " + repr(line), transcript)
check(console.count("Client connecté. : 127.0.0.1:") == 2, "two clients, one after the other", transcript)
check(console.count("<R>ecommencer <T>erminer ? ") == 2, "asked after each conversation", transcript)
