#!/usr/bin/env python3
"""`liaison serve`'s config file, with the real binary: a file sets serve's
options (a string, a number, a flag, a list), the command line wins, --config
beats $XDG_CONFIG_HOME/liaison/liaison.toml which beats the system file
($LIAISON_SYSTEM_CONFIG, standing for /etc/liaison/liaison.toml); a bad file
is refused with one line naming it and its line, exit 2, and no server.
Argument: the binary."""
import os
import pathlib
import shutil
import socket
import subprocess
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "compat"))
from peers import LiaisonServer  # noqa: E402

binary = sys.argv[1]
failures = []
work = pathlib.Path(tempfile.mkdtemp(prefix="liaison-config-"))
config_home = work / "config-home"
user_file = config_home / "liaison" / "liaison.toml"
system_file = work / "etc-liaison.toml"
os.environ["XDG_CONFIG_HOME"] = str(config_home)
os.environ["LIAISON_SYSTEM_CONFIG"] = str(system_file)


def check(condition, what):
    print(("ok: " if condition else "FAILED: ") + what)
    if not condition:
        failures.append(what)


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def ready(*args):
    """Starts the server, returns its ready line, stops it."""
    server = LiaisonServer(binary, "--db", ":memory:", *args)
    try:
        return server.ready
    finally:
        server.stop()


def refused(*args):
    try:
        result = subprocess.run([binary, *args], capture_output=True, text=True, timeout=10, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:  # it started serving (and was killed)
        return None, ["still running after 10 s"]
    return result.returncode, result.stderr.splitlines()


def no_config():
    user_file.unlink(missing_ok=True)
    system_file.unlink(missing_ok=True)


# 1. A file given with --config: the echo service in English, one address
#    allowed (a list), a flag; the command line's --port 0 beats its port.
config = write(work / "classroom.toml", """# the class's server
service = "echo"
lang = "en"
port = 50000          # the command line's --port 0 wins
verbose = true
allow = ["127.0.0.0/8", "::1/128"]
""")
with LiaisonServer(binary, "--db", ":memory:", "--config", str(config)) as server:
    check(server.ready.startswith("Server ready on 127.0.0.1:"), f"lang and port from the file, --port from the command line: {server.ready!r}")
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as client:
        reader = client.makefile("r", encoding="utf-8")
        greeting = reader.readline()
        client.sendall("bonjour\n".encode())
        echoed = reader.readline()
        check("bonjour" in echoed, f"service = \"echo\": the server echoes ({greeting!r}, {echoed!r})")
    server.stop()
    log = server.process.stderr.read()
    check("bonjour" in log, "verbose = true: the server logged the message")

# 2. A list without the client's address: the connection is refused (and an
#    empty list is no value).
write(config, 'service = "echo"\nallow = ["10.0.0.0/8", "192.168.0.0/16"]\ndeny = []\n')
with LiaisonServer(binary, "--db", ":memory:", "--config", str(config)) as server:
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as client:
        check(client.recv(1024) in (b"", b"FIN"), "allow = [two networks]: 127.0.0.1 gets no greeting")
    server.stop()
    check("denied 127.0.0.1" in server.process.stderr.read(), "allow = [two networks]: the server denied 127.0.0.1")

# 3. Which file: --config, else the user's, else the system's; the command line wins.
no_config()
write(system_file, 'lang = "en"\n')
check(ready().startswith("Server ready"), "the system file is read when there is no other")
write(user_file, 'lang = "fr"\n')
check(ready().startswith("Serveur prêt"), "$XDG_CONFIG_HOME/liaison/liaison.toml beats the system file")
write(config, 'lang = "en"\n')
check(ready("--config", str(config)).startswith("Server ready"), "--config FILE beats $XDG_CONFIG_HOME's")
check(ready("--config", str(config), "--lang", "fr").startswith("Serveur prêt"), "the command line beats the file")
no_config()
check(ready().startswith("Serveur prêt"), "no config file at all: the defaults")

# 4. Bad files: one line "liaison: FILE:LINE: ...", exit 2, no server. (A key
#    the command line sets is not read: --port 0 keeps a bad file from binding 50000.)
bad_files = [
    ("unknown key", "# comment\nport = 0\nprot = 5\n", 3, 'unknown key "prot"'),
    ("a number that is not one", 'lang = "en"\nmax-clients = "abc"\n', 2, 'bad value for "max-clients"'),
    ("a value not in the list", "port = 0\n\n\nmode = \"bogus\"\n", 4, 'bad value for "mode"'),
    ("a number out of range", "threads = 0\n", 1, 'bad value for "threads"'),
    ("a bad CIDR in a list", 'allow = ["10.0.0.0/8", "nope"]\n', 1, 'bad value for "allow"'),
    ("a [section]", "port = 0\n[serve]\nport = 1\n", 2, "no [section]"),
    ("the config key itself", 'config = "other.toml"\n', 1, '"config" cannot be set'),
    ("a dotted key", "serve.port = 1\n", 1, 'unknown key "serve.port"'),
    ("a key set twice", 'lang = "en"\nport = 0\nlang = "fr"\n', 3, '"lang" is set twice (first on line 1)'),
]
for what, text, line, message in bad_files:
    write(config, text)
    code, errors = refused("serve", "--port", "0", "--config", str(config))
    check(code == 2 and len(errors) == 1 and errors[0].startswith(f"liaison: {config}:{line}: ") and message in errors[0],
          f"{what}: exit 2 and one line at line {line}: {code} {errors}")

missing = work / "missing.toml"
code, errors = refused("serve", "--port", "0", "--config", str(missing))
check(code == 2 and len(errors) == 1 and str(missing) in errors[0], f"a missing --config FILE: exit 2, one line: {code} {errors}")

# A bad default file is refused too, but only by serve.
write(user_file, "colour = 3\n")
code, errors = refused("serve", "--port", "0")
check(code == 2 and errors == [f'liaison: {user_file}:1: unknown key "colour" (the keys are the long options of '
                               f"`liaison serve --help`)"], f"a bad $XDG_CONFIG_HOME file: {code} {errors}")
code, _ = refused("version")
check(code == 0, "other subcommands do not read serve's config file")
shutil.rmtree(work)
sys.exit(1 if failures else 0)
