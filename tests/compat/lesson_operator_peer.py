#!/usr/bin/env python3
"""`liaison connect` against a peer that behaves exactly like the lesson's
operator server (shared/LESSONS.md, section 2): it speaks first with one
send() and no terminator, reads each answer with one recv(1024), and its loop
ends only on an exact FIN, from either side."""
import os
import signal
import socket
import subprocess
import sys
import threading

from peers import check

TIMEOUT = 10
binary = sys.argv[1]


class LessonOperator:
    """The lesson's operator server; `lines` is what its operator types."""

    def __init__(self, lines):
        self.lines = list(lines)
        self.transcript = []
        self.received = []  # the bytes of each recv(1024), as they came
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.settimeout(TIMEOUT)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(1)
        self.port = self.listener.getsockname()[1]
        self.error = None
        self.thread = threading.Thread(target=self._serve)
        self.thread.start()

    def _serve(self):
        try:
            connection, address = self.listener.accept()
            connection.settimeout(TIMEOUT)
            self.transcript.append("Client connecté. : " + address[0])
            message = ""
            while message != "FIN":
                message = self.lines.pop(0)  # input("moi > "); running out is a test failure
                self.transcript.append("moi > " + message)
                connection.send(message.encode("utf8"))
                if message != "FIN":
                    data = connection.recv(1024)
                    self.received.append(data)
                    message = data.decode("utf8")
                    self.transcript.append("client >  " + message)
            connection.close()
        except Exception as error:  # reported by the main thread
            self.error = repr(error)
        finally:
            self.listener.close()

    def join(self):
        self.thread.join(TIMEOUT)
        return not self.thread.is_alive()


def run_client(port, typed):
    """`liaison connect` with `typed` on its stdin; its exit code and stdout lines."""
    process = subprocess.Popen([binary, "connect", "127.0.0.1", str(port)], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        out, err = process.communicate("".join(line + "\n" for line in typed).encode("utf8"), timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        os.kill(process.pid, signal.SIGKILL)
        out, err = process.communicate()
        return None, out.decode("utf8", "replace").splitlines() + ["<timeout>"], err.decode("utf8", "replace")
    return process.returncode, out.decode("utf8").splitlines(), err.decode("utf8")


def converse(operator_lines, typed):
    operator = LessonOperator(operator_lines)
    code, out, err = run_client(operator.port, typed)
    finished = operator.join()
    transcript = out + ["--- stderr:", err, "--- operator:"] + operator.transcript + [str(operator.error)]
    check(finished and operator.error is None, "the lesson's operator loop ended cleanly", transcript)
    return code, out, operator, transcript


# The person at liaison ends with " fin ": the lesson's server needs exactly FIN.
code, out, operator, transcript = converse(
    ["Bonjour", "Comment ça va ?", "Très bien 😀"], ["salut", "", "bien, et toi ?", " fin "])
check(operator.received == [b"salut", b"bien, et toi ?", b"FIN"],
      "raw lines, no empty one, FIN exactly", transcript)
check([line for line in out if line.startswith("serveur > ")] ==
      ["serveur > Bonjour", "serveur > Comment ça va ?", "serveur > Très bien 😀"], "every message shown", transcript)
check(out[-1] == "Connexion terminée." and code == 0, "the server closing after our FIN is a normal end", transcript)

# The operator types FIN.
code, out, operator, transcript = converse(["Bonjour", "FIN"], ["salut", "jamais envoyé"])
check(operator.received == [b"salut"], "one answer", transcript)
check(out[-2:] == ["serveur > FIN", "Connexion terminée."] and code == 0, "FIN from the server ends", transcript)

# Ctrl-D (end of stdin) says FIN.
code, out, operator, transcript = converse(["Bonjour", "Encore ?"], ["salut"])
check(operator.received == [b"salut", b"FIN"], "end of input sends FIN", transcript)
check(out[-2:] == ["moi > FIN", "Connexion terminée."] and code == 0, "and ends", transcript)

# Nobody there: a port that was free a moment ago.
probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
probe.bind(("127.0.0.1", 0))
port = probe.getsockname()[1]
probe.close()
code, out, err = run_client(port, [])
check(out == ["La connexion a échoué."] and code == 1, "refused connection", out + [err])
