#!/usr/bin/env python3
"""The bash completion, non-interactively: the script is sourced in `bash -c`,
COMP_WORDS and COMP_CWORD are set as bash sets them on <TAB>, and the
completion function fills COMPREPLY. It must offer exactly the subcommands
and options the real binary's --help lists, and the fixed values of
--service, --mode and --lang. Arguments: the binary, the completion script."""
import json
import subprocess
import sys

from cli_help import command_paths, options, subcommands

binary, script = sys.argv[1:3]
failures = []


def check(condition, what):
    print(("ok: " if condition else "FAILED: ") + what)
    if not condition:
        failures.append(what)


def complete(*lines):
    """What <TAB> offers after each command line (the last word is the one completed)."""
    program = [f'source "{script}"',
               'complete -p liaison >/dev/null || exit 3',
               'function tab() { COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMPREPLY=();'
               ' local function=$(complete -p liaison | sed -E "s/.*-F ([^ ]+).*/\\1/"); "$function";'
               ' printf "%s\\n" "${COMPREPLY[*]}"; }']
    for line in lines:
        words = line.split(" ")
        program.append("tab " + " ".join(f"'{word}'" for word in words))
    result = subprocess.run(["bash", "--norc", "--noprofile", "-c", "\n".join(program)], capture_output=True,
                            text=True, timeout=30)
    if result.returncode != 0:
        raise RuntimeError(f"bash exited {result.returncode}: {result.stderr}")
    return [set(reply.split()) for reply in result.stdout.split("\n")[:len(lines)]]


commands = subcommands(binary)
paths = command_paths(binary)
nested = {command: subcommands(binary, command) for command in commands}
per_command = {path: options(binary, *path.split()) for path in paths}
lines = ["liaison se", "liaison serve --ser", "liaison ", "liaison -"]
lines += [f"liaison {command} " for command, subs in nested.items() if subs]
lines += [f"liaison {path} -" for path in paths]
value_lines = [(command, name, values) for command, found in per_command.items()
               for name, option in found.items() if (values := option["values"])]
lines += [f"liaison {command} {name} " for command, name, _ in value_lines]
replies = dict(zip(lines, complete(*lines)))

check(replies["liaison se"] == {"serve"}, f"liaison se<TAB> completes serve: {replies['liaison se']}")
check(replies["liaison serve --ser"] == {"--service"},
      f"liaison serve --ser<TAB> completes --service: {replies['liaison serve --ser']}")
check(replies["liaison "] == set(commands), f"liaison <TAB> offers the subcommands of --help: {replies['liaison ']}")
for command, subs in nested.items():
    if subs:
        offered = replies[f"liaison {command} "]
        check(offered == set(subs), f"liaison {command} <TAB> offers its subcommands {subs}: {sorted(offered)}")
check(replies["liaison -"] == set(options(binary)), f"liaison -<TAB> offers --help's options: {replies['liaison -']}")
for command, found in per_command.items():
    offered = replies[f"liaison {command} -"]
    check(offered == set(found),
          f"liaison {command} -<TAB> offers exactly --help's long options "
          f"(missing: {sorted(set(found) - offered)}, extra: {sorted(offered - set(found))})")
check(len(value_lines) >= 6, "--help lists the fixed values of --service, --mode and every --lang: " +
      json.dumps([f"{command} {name}" for command, name, _ in value_lines]))
for command, name, values in value_lines:
    offered = replies[f"liaison {command} {name} "]
    check(offered == set(values), f"liaison {command} {name} <TAB> offers {values}: {sorted(offered)}")

sys.exit(1 if failures else 0)
