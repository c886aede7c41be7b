#!/usr/bin/env python3
"""Pair mode on two pseudo-terminals: post B waits at the prompt with a half-typed line while post A
works; post A's commands appear above post B's prompt without Enter (LineReader's idle handler),
the half-typed line redrawn intact, and post B's completed line then runs.

Usage: pty_pair.py BINARY
  (PERMITDESK_DB and XDG_STATE_HOME must point into a scratch folder)
Prints one "ok: ..." line per check; exits 0 when all pass, 1 at the first failure.
"""
import os
import sys
import time

import pexpect

from ptycheck import PROMPT, TIMEOUT, expect, fail, ok


def spawn(binary):
    env = dict(os.environ)
    env["TERM"] = "xterm"
    env["NO_COLOR"] = "1"
    return pexpect.spawn(binary, [], env=env, encoding="utf-8", timeout=TIMEOUT, dimensions=(40, 200))


def command(child, line, pattern, what):
    child.send(line + "\r")
    expect(child, pattern, what)
    expect(child, PROMPT, "the prompt after " + what)


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        sys.exit(64)
    binary = sys.argv[1]
    bob = spawn(binary)
    expect(bob, PROMPT, "bob's first prompt")
    command(bob, "login bob", "Logged in as bob", "bob's login")
    alice = spawn(binary)
    expect(alice, PROMPT, "alice's first prompt")
    command(alice, "login alice", "Logged in as alice", "alice's login")
    command(alice, "start m01-s01-jurisdiction --pair bob", r"you are post A, bob is post B", "the pair attempt")
    command(bob, "join", r"Joined pair attempt #1 at m01-s01-jurisdiction as post B with alice", "bob joins")
    ok("alice starts a pair attempt on one terminal, bob joins it on another")

    # Bob half-types a line and waits; alice works.
    bob.send("open T0")
    expect(bob, "open T0", "the echo of bob's half-typed line")
    time.sleep(0.5)
    for line, pattern in (("advance --next", "It is now"), ("open T001", "T001 - "), ("decide accept", "you propose accept"),
                          ("handover", r"handed over to post B \(bob\)")):
        command(alice, line, pattern, "alice's " + line)
    handed = time.time()
    expect(bob, r"\[alice, post A\] handover", "alice's handover on bob's terminal without Enter")
    expect(bob, "your review, please", "what the handover means for bob")
    latency = time.time() - handed
    expect(bob, PROMPT, "bob's prompt redrawn")
    expect(bob, "open T0", "bob's half-typed line redrawn")
    bob.send("01\r")
    expect(bob, "T001 - overseas-notification", "bob's completed line 'open T001'")
    expect(bob, PROMPT, "bob's prompt after open")
    if "[alice, post A]" in bob.before:
        fail("alice's commands were shown again before bob's command", bob)
    print("latency: alice's handover appeared %.2f s after it was committed" % latency)
    if latency > 5:
        fail("the handover took %.1f s to appear" % latency)
    ok("post A's commands appear above post B's half-typed line without Enter; the line is intact and runs")

    command(bob, "review agree", "you agree with post A's proposal", "bob's verdict")
    for child, name in ((alice, "alice"), (bob, "bob")):
        child.send("quit\r")
        expect(child, pexpect.EOF, name + " leaving")
        child.close()
        if child.exitstatus != 0:
            fail("%s's session ended with %r" % (name, child.exitstatus))
    ok("both leave with quit")
    print("all pair terminal checks passed")


if __name__ == "__main__":
    main()
