#!/usr/bin/env python3
"""netcat (Debian's netcat-openbsd) in line mode plays a game against
`liaison serve`: one line per reply."""
import re
import shutil
import subprocess
import sys

from peers import LiaisonServer, check

binary = sys.argv[1]
nc = shutil.which("nc")
check(nc is not None, "netcat is installed")

with LiaisonServer(binary, "--seed", "9") as server:
    netcat = subprocess.Popen([nc, "127.0.0.1", str(server.port)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              text=True, bufsize=1)
    try:
        lines = [netcat.stdout.readline()]
        check("entre 1 et 100" in lines[0], "greeting line")
        low, high = 1, 100
        for _ in range(10):
            guess = (low + high) // 2
            netcat.stdin.write(f"{guess}\n")
            netcat.stdin.flush()
            reply = netcat.stdout.readline()
            lines.append(reply)
            check(reply.endswith("\n"), f"reply to {guess} is one line")
            if reply.startswith("C'est plus"):
                low = guess + 1
            elif reply.startswith("C'est moins"):
                high = guess - 1
            else:
                break
        check(lines[-1].startswith("Gagné"), "netcat wins", lines)
        netcat.stdin.write("non\n")
        netcat.stdin.flush()
        check(netcat.stdout.readline() == "FIN\n", "FIN line after 'non'")
        # netcat-openbsd waits for its own input to end before it exits.
        netcat.stdin.close()
        check(netcat.stdout.readline() == "", "nothing after FIN")
        check(netcat.wait(5) == 0, "netcat exits cleanly")
    finally:
        netcat.kill()
        netcat.wait(5)
