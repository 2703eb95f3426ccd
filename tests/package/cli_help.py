"""What the real binary's --help says: its subcommands, each one's options
(long and short names) and the fixed values of --service, --mode, --lang.
The man page and completion tests compare their files with this, so that
neither can drift from the program."""
import re
import subprocess

OPTION_LINE = re.compile(r"^  ((?:-\w,)*--[\w-]+|-\w(?:,--[\w-]+)?)(?: (\S+))?")


def help_text(binary, *words):
    result = subprocess.run([binary, *words, "--help"], capture_output=True, text=True, timeout=10)
    if result.returncode != 0:
        raise RuntimeError(f"{binary} {' '.join(words)} --help exited {result.returncode}: {result.stderr}")
    return result.stdout


def sections(text):
    """{'Options': [lines], 'Subcommands': [lines], ...} of a CLI11 help text."""
    found, current = {}, None
    for line in text.splitlines():
        heading = re.match(r"^(\w+):$", line)
        if heading:
            current = found.setdefault(heading.group(1), [])
        elif current is not None and line.startswith("  "):
            current.append(line)
    return found


def subcommands(binary, *words):
    return [line.split()[0] for line in sections(help_text(binary, *words)).get("Subcommands", [])]


def command_paths(binary):
    """Every command with its own options: "serve", ..., "check", "check client", "check server"."""
    paths = []
    for command in subcommands(binary):
        paths.append(command)
        paths += [f"{command} {sub}" for sub in subcommands(binary, command)]
    return paths


def options(binary, *words):
    """{'--port': {'names': {'--port', '-p'}, 'values': None or ['a', 'b']}} of one (sub)command."""
    found = {}
    for line in sections(help_text(binary, *words)).get("Options", []):
        match = OPTION_LINE.match(line)
        if not match:
            continue
        names = set(match.group(1).split(","))
        long_names = [name for name in names if name.startswith("--")]
        # option_text("a|b|c (default a)"): the fixed values.
        values = match.group(2).split("|") if match.group(2) and "|" in match.group(2) else None
        # An option with a short name only (check's -j) goes by it.
        found[long_names[0] if long_names else min(names)] = {"names": names, "values": values}
    return found
