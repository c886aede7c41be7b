#!/usr/bin/env python3
"""A trainee's REPL on a pseudo-terminal loses its attempt to `resume --take-over` in another
process: while the trainee sits at the prompt with a half-typed line, the take-over is said above
the prompt without Enter (which process, which host), the prompt no longer shows the attempt, and
the half-typed line, once entered, records nothing.

Usage: pty_lease.py BINARY
  (PERMITDESK_DB, PERMITDESK_HOME and XDG_STATE_HOME must point into a scratch folder)
Prints one "ok: ..." line per check; exits 0 when all pass, 1 at the first failure.
"""
import os
import socket
import subprocess
import sys
import time

import pexpect

from ptycheck import PROMPT, TIMEOUT, expect, fail, ok


def actions(db):
    out = subprocess.run(["sqlite3", db, ".timeout 5000", "SELECT count(*) FROM action;"], capture_output=True, text=True)
    return int(out.stdout.strip().splitlines()[-1])


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        sys.exit(64)
    binary = sys.argv[1]
    db = os.environ.get("PERMITDESK_DB")
    if not db or not os.environ.get("XDG_STATE_HOME"):
        fail("set PERMITDESK_DB and XDG_STATE_HOME to a scratch folder")
    env = dict(os.environ)
    env["TERM"] = "xterm"
    env["NO_COLOR"] = "1"
    child = pexpect.spawn(binary, ["--trainee", "kim"], env=env, encoding="utf-8", timeout=TIMEOUT, dimensions=(40, 200))
    expect(child, PROMPT, "the first prompt")
    child.send("start m01-s01-jurisdiction\r")
    expect(child, r"Attempt #1 started\.", "the attempt to start")
    expect(child, PROMPT, "the prompt after start")
    child.send("advance --next\r")
    expect(child, "T001 arrived", "advance")
    expect(child, PROMPT, "the prompt after advance")
    child.send("open T00")  # half-typed, no Enter
    expect(child, "open T00", "the echo of the half-typed line")

    second = subprocess.run([binary, "--trainee", "kim"], input="resume\n", capture_output=True, text=True, env=os.environ)
    where = "is open in another session: process %d on %s" % (child.pid, socket.gethostname())
    if where not in second.stderr:
        fail("a second resume should say where the attempt is open (%r); got: %s" % (where, second.stderr + second.stdout))
    ok("a second resume while the terminal holds the attempt says where it is open")

    # The take-over, by a session that stays (a script would leave at once and release the lease).
    third = subprocess.Popen(
        [binary, "--trainee", "kim"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env=os.environ)
    third.stdin.write("resume --take-over\nhelp quit\n")
    third.stdin.flush()
    said = ""
    while "leave (an unfinished" not in said:
        line = third.stdout.readline()
        if not line:
            fail("the taking-over session ended early: " + said + third.stderr.read())
        said += line
    if "Took attempt #1 over from process %d" % child.pid not in said:
        fail("resume --take-over should take the attempt: " + said)
    taken = time.time()
    logged = actions(db)
    expect(child, "attempt #1 was taken over by process %d on %s" % (third.pid, socket.gethostname()),
           "the take-over said above the prompt without Enter")
    latency = time.time() - taken
    expect(child, r"permitdesk kim> ", "the prompt redrawn without the attempt")
    expect(child, "open T00", "the half-typed line redrawn")
    child.send("1\r")
    expect(child, "no attempt in progress", "the half-typed line refused for want of an attempt")
    expect(child, PROMPT, "the prompt after the refused line")
    if actions(db) != logged:
        fail("the first session recorded something after the take-over", child)
    child.send("quit\r")
    expect(child, pexpect.EOF, "the end of the first session")
    third.stdin.write("quit\n")
    third.stdin.close()
    third.wait(timeout=TIMEOUT)
    child.close()
    print("latency: the take-over appeared %.2f s after it happened" % latency)
    if latency > 5:
        fail("the take-over took %.1f s to appear" % latency)
    ok("the take-over appears above the half-typed line without Enter; the line then records nothing")
    print("all lease terminal checks passed")


if __name__ == "__main__":
    main()
