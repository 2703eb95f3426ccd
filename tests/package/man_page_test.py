#!/usr/bin/env python3
"""The man page against the real binary: every subcommand of `liaison --help`
has its section, and each section defines exactly the options (long and
short) that `liaison SUB --help` lists; then `man -l` renders the built page
with no warning. Arguments: the binary, docs/liaison.1.scd, build/docs/liaison.1."""
import os
import re
import subprocess
import sys

from cli_help import command_paths, options

binary, source, page = sys.argv[1:4]
failures = []


def check(condition, what):
    print(("ok: " if condition else "FAILED: ") + what)
    if not condition:
        failures.append(what)


def man_sections(text):
    """{'': global options, 'serve': ..., ...}: the option names each section defines
    (its definition lines start with *-)."""
    found, current = {}, None
    for line in text.splitlines():
        if line.startswith("# "):
            current = "" if line == "# GLOBAL OPTIONS" else None
        elif line.startswith("## liaison "):
            current = " ".join(line.split()[2:])  # "serve", or "check client"
        elif current is not None and line.startswith("*-"):
            names = found.setdefault(current, set())
            names.update(re.findall(r"\*(--?[\w-]+)\*", line))
    return found


with open(source, encoding="utf-8") as file:
    defined = man_sections(file.read())

commands = command_paths(binary)
check(len(commands) >= 6, f"liaison --help lists the subcommands ({', '.join(commands)})")
check(set(defined) - {""} == set(commands),
      f"one man page section per subcommand (man: {sorted(set(defined) - {''})}, --help: {sorted(commands)})")
for command in ["", *commands]:
    listed = set()
    for option in options(binary, *command.split()).values():
        listed |= option["names"]
    in_man = defined.get(command, set())
    name = f"liaison {command}".strip()
    check(not listed - in_man, f"{name}: the man page defines every option of --help (missing: {sorted(listed - in_man)})")
    check(not in_man - listed, f"{name}: the man page defines no option --help lacks (extra: {sorted(in_man - listed)})")

# man-db's `man -l --warnings` passes -ww to groff: any warning fails.
environment = dict(os.environ, MANWIDTH="80", LC_ALL="C.UTF-8")
rendered = subprocess.run(["man", "--warnings", "-l", page], capture_output=True, text=True, env=environment, timeout=30)
check(rendered.returncode == 0, f"man -l {page} exits 0")
check(rendered.stderr == "", f"man -l renders with no warning: {rendered.stderr!r}")
for heading in ("NAME", "SYNOPSIS", "COMMANDS", "PROTOCOL", "CONFIGURATION FILE", "EXAMPLES", "EXIT STATUS", "FILES"):
    check(re.search(rf"^{heading}$", rendered.stdout, re.M) is not None, f"the page has its {heading} section")
version = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=10).stdout.strip()
footer = rendered.stdout.rstrip().splitlines()[-1] if rendered.stdout.strip() else ""
check(version in footer, f"the page's footer names the version, {version!r}: {footer!r}")
for path in ("scores.db", "/etc/liaison/liaison.toml", "liaison/liaison.toml"):
    check(path in rendered.stdout, f"FILES names {path}")

sys.exit(1 if failures else 0)
