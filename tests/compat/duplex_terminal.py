#!/usr/bin/env python3
"""`liaison connect --duplex` on a pseudo-terminal, against a scripted line
server: a line the server pushes while the person is typing is printed above
their unfinished line, which is then redrawn intact; line editing and history
work; Ctrl-Z gives the terminal back and `fg` redraws; Ctrl-D says FIN,
Ctrl-C exits 130, and the terminal is restored on every exit; the history is
kept for the next session.

The screen is read through a small xterm model (vt_screen.py), so the checks
are about what a person would see, not about the exact bytes libedit chose."""
import fcntl
import os
import pty
import select
import signal
import socket
import struct
import sys
import tempfile
import termios
import time

from peers import check
from vt_screen import Screen

binary = sys.argv[1]
ROWS, COLUMNS = 40, 60
TIMEOUT = 10


class LineServer:
    """A server socket scripted by the test: one client, lines both ways."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.connection = None
        self.received = b""

    def accept(self):
        self.listener.settimeout(TIMEOUT)
        self.connection, _ = self.listener.accept()
        self.connection.settimeout(TIMEOUT)

    def send(self, text):
        self.connection.sendall(text.encode())

    def recv_line(self):
        while b"\n" not in self.received:
            chunk = self.connection.recv(4096)
            if not chunk:
                return None
            self.received += chunk
        line, self.received = self.received.split(b"\n", 1)
        return line.decode()

    def close(self):
        if self.connection:
            self.connection.close()
        self.listener.close()


class Terminal:
    """The client on a pseudo-terminal, and the screen it shows."""

    def __init__(self, port, home):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
                os.environ.update(TERM="xterm", HOME=home, XDG_STATE_HOME=os.path.join(home, "state"),
                                  EDITRC=os.devnull)
                os.execv(binary, [binary, "connect", "--duplex", "127.0.0.1", str(port)])
            finally:
                os._exit(127)
        self.screen = Screen(ROWS, COLUMNS)
        self.output = b""  # every byte the client wrote
        self.status = None

    def type(self, keys):
        os.write(self.fd, keys.encode())

    def pump(self, seconds):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.fd], [], [], 0.02)
            if not ready:
                continue
            try:
                data = os.read(self.fd, 4096)
            except OSError:  # the client exited and closed the terminal
                return
            if not data:
                return
            self.output += data
            self.screen.feed(data)

    def wait_for(self, condition, what):
        deadline = time.monotonic() + TIMEOUT
        while not condition() and time.monotonic() < deadline:
            self.pump(0.05)
        check(condition(), what, [self.screen.text(), "cursor row: %r" % self.screen.cursor_line()])

    def cursor_shows(self, text):
        """The cursor's row reads `text`, and the cursor is right after it."""
        return self.screen.cursor_line() == text.rstrip() and self.screen.column == len(text)

    def resize(self, columns):
        """As a terminal window does: the client gets SIGWINCH."""
        self.pump(0.1)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, columns, 0, 0))
        self.screen.resize(columns)

    def canonical(self):
        """The terminal as a shell leaves it: lines, echo."""
        local_modes = termios.tcgetattr(self.fd)[3]
        return bool(local_modes & termios.ICANON) and bool(local_modes & termios.ECHO)

    def wait_stopped(self):
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG | os.WUNTRACED)
            if pid:
                return os.WIFSTOPPED(status)
            time.sleep(0.02)
        return False

    def wait_exit(self):
        deadline = time.monotonic() + TIMEOUT
        while self.status is None and time.monotonic() < deadline:
            self.pump(0.05)
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = os.waitstatus_to_exitcode(status)
        self.pump(0.1)
        return self.status

    def close(self):
        if self.status is None:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        os.close(self.fd)


def session(home, test):
    server = LineServer()
    terminal = Terminal(server.port, home)
    try:
        server.accept()
        server.send("Bienvenue dans le salon\n")
        # The prompt may be drawn before the greeting arrives (a slow start,
        # under a sanitizer): what counts is what the screen settles on.
        terminal.wait_for(lambda: terminal.cursor_shows("moi > ")
                          and terminal.screen.line(terminal.screen.row - 1) == "serveur > Bienvenue dans le salon",
                          "the prompt is shown under the greeting, on the row below it")
        test(server, terminal)
    finally:
        terminal.close()
        server.close()


def push_while_typing(server, terminal):
    terminal.type("bonjour tout le mo")
    terminal.wait_for(lambda: terminal.cursor_shows("moi > bonjour tout le mo"), "the partial line is shown")
    before = len(terminal.output)
    server.send("Alice : salut\n")
    terminal.wait_for(lambda: terminal.cursor_shows("moi > bonjour tout le mo")
                      and terminal.screen.line(terminal.screen.row - 1) == "serveur > Alice : salut",
                      "the pushed line is above the prompt and the partial line, redrawn intact")
    rows = terminal.screen.text().splitlines()
    check(not any("Alice" in row and "bonjour" in row for row in rows), "no row mixes the two", rows)
    check(rows.count("moi > bonjour tout le mo") == 1, "the old partial line was erased, not left behind", rows)
    # The same, in the bytes: the line was erased, then the message, then the redraw.
    written = terminal.output[before:]
    message = written.find(b"serveur > Alice : salut")
    erase = max(written.rfind(b"\x1b[J", 0, message), written.rfind(b"\x1b[K", 0, message))
    check(0 <= erase < message, "an erase comes before the message", [repr(written)])
    check(written.find(b"moi > bonjour tout le mo", message) > message, "the redraw comes after it", [repr(written)])

    terminal.type("nde\r")
    check(server.recv_line() == "bonjour tout le monde", "the server receives exactly the finished line")
    terminal.wait_for(lambda: terminal.cursor_shows("moi > "), "a fresh prompt after Enter")
    check(terminal.screen.line(terminal.screen.row - 1) == "moi > bonjour tout le monde",
          "the sent line stays on screen", [terminal.screen.text()])


def history_and_editing(server, terminal):
    terminal.type("\x1b[A")  # up arrow
    terminal.wait_for(lambda: terminal.cursor_shows("moi > bonjour tout le monde"), "up recalls the last line")
    terminal.type("\x1b[D" * 5 + "grand ")  # left arrow, then insert
    terminal.wait_for(lambda: terminal.screen.cursor_line() == "moi > bonjour tout le grand monde",
                      "left arrow and insert in the middle")
    terminal.type("\x01Oui, \r")  # Ctrl-A: to the start
    check(server.recv_line() == "Oui, bonjour tout le grand monde", "Ctrl-A then insert, sent whole")
    terminal.type("répété ça\r")
    check(server.recv_line() == "répété ça", "UTF-8 typed is sent as UTF-8")


def message_above_long_line(server, terminal, character, message):
    """A line longer than a row, a message pushed meanwhile: the message goes
    above both rows of the line, which are redrawn; nothing is left behind."""
    columns = terminal.screen.columns
    typed = character * (columns + 10)  # with the prompt: a full row and 16 more
    first_row, second_row = "moi > " + typed[:columns - 6], typed[columns - 6:]
    terminal.type(typed)
    terminal.wait_for(lambda: terminal.screen.cursor_line() == second_row, "the long line wraps at %d columns" % columns)
    server.send(message + "\n")
    terminal.wait_for(lambda: terminal.screen.cursor_line() == second_row
                      and terminal.screen.line(terminal.screen.row - 1) == first_row
                      and terminal.screen.line(terminal.screen.row - 2) == "serveur > " + message,
                      "the message goes above both rows of the line, both redrawn")
    rows = terminal.screen.text().splitlines()
    check(rows.count(first_row) == 1, "no piece of the rows drawn before is left", rows)
    terminal.type("\r")
    check(server.recv_line() == typed, "the long line is sent whole")


def suspend_and_resume(server, terminal):
    terminal.type("en pause")
    terminal.wait_for(lambda: terminal.cursor_shows("moi > en pause"), "typed before Ctrl-Z")
    terminal.type("\x1a")  # Ctrl-Z
    check(terminal.wait_stopped(), "Ctrl-Z stops the client")
    check(terminal.canonical(), "the terminal is normal while it is stopped")
    terminal.wait_for(lambda: terminal.screen.cursor_line() == "", "the line is erased for the shell meanwhile")
    os.kill(terminal.pid, signal.SIGCONT)  # what `fg` does
    terminal.wait_for(lambda: terminal.cursor_shows("moi > en pause"), "fg redraws the prompt and the line")
    check(not terminal.canonical(), "the editor has the terminal again")
    terminal.type("\r")
    check(server.recv_line() == "en pause", "the line typed before Ctrl-Z is sent")


def ctrl_d_says_fin(server, terminal):
    terminal.type("\x04")
    check(server.recv_line() == "FIN", "Ctrl-D sends FIN")
    server.send("Au revoir\nFIN\n")
    check(terminal.wait_exit() == 0, "exit 0 after the server's FIN")
    rows = terminal.screen.text().splitlines()
    check(rows[-4:] == ["moi > FIN", "serveur > Au revoir", "serveur > FIN", "Connexion terminée."],
          "the ending reads as the lesson's client's", rows)
    check(terminal.canonical(), "the terminal is restored after FIN")


def first_session(server, terminal):
    push_while_typing(server, terminal)
    history_and_editing(server, terminal)
    message_above_long_line(server, terminal, "x", "Bob : un message pendant une longue ligne")
    suspend_and_resume(server, terminal)
    ctrl_d_says_fin(server, terminal)


def second_session(server, terminal):
    terminal.resize(40)  # a narrower window: the next keys and messages use the new width
    message_above_long_line(server, terminal, "y", "Carol : redimensionné")
    terminal.type("\x1b[A\x1b[A")
    terminal.wait_for(lambda: terminal.cursor_shows("moi > en pause"), "the history survived the first session")
    terminal.type(" encore")
    terminal.wait_for(lambda: terminal.cursor_shows("moi > en pause encore"), "typed before Ctrl-C")
    terminal.type("\x03")  # Ctrl-C
    check(terminal.wait_exit() == 130, "Ctrl-C exits 130")
    check(server.recv_line() == "FIN", "Ctrl-C says FIN to the server")
    check("Interrompu." in terminal.screen.text(), "Ctrl-C is reported", [terminal.screen.text()])
    check(terminal.canonical(), "the terminal is restored after Ctrl-C")


with tempfile.TemporaryDirectory() as home:
    session(home, first_session)
    check(os.path.isfile(os.path.join(home, "state", "liaison", "history")), "the history is saved under XDG_STATE_HOME")
    session(home, second_session)
