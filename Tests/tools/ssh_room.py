#!/usr/bin/env python3
"""Drives a training room over a real sshd with `ssh -tt` (pexpect): each member's key opens the
room as that member and nothing else.

Usage: ssh_room.py PORT USER KEYDIR
  KEYDIR holds private keys alice (a trainer), bob and carol (trainees), made by ssh-keygen.
Prints one "ok: ..." line per check; exits 0 when all pass, 1 at the first failure.
"""
import re
import subprocess
import sys

import pexpect

TIMEOUT = 30


def fail(message, child=None):
    tail = ""
    if child is not None:
        tail = "\n--- last output ---\n" + repr((child.before or "")[-1200:])
    print("FAIL: " + message + tail)
    sys.stdout.flush()
    sys.exit(1)


def ok(message):
    print("ok: " + message)
    sys.stdout.flush()


class Room:
    def __init__(self, port, user, keydir):
        self.port, self.user, self.keydir = port, user, keydir

    def ssh_args(self, name, tty=True):
        args = ["-F", "/dev/null", "-p", self.port, "-i", self.keydir + "/" + name,
                "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no",
                "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-o", "ConnectTimeout=10"]
        if tty:
            args.insert(0, "-tt")
        return args + [self.user + "@127.0.0.1"]

    def connect(self, name):
        child = pexpect.spawn("ssh", self.ssh_args(name), encoding="utf-8", timeout=TIMEOUT,
                              dimensions=(40, 200), env={"TERM": "xterm", "PATH": "/usr/bin:/bin"})
        expect(child, "You are %s, a " % name, name + "'s banner")
        prompt(child, name)
        return child


def expect(child, pattern, what):
    try:
        return child.expect(pattern)
    except pexpect.TIMEOUT:
        fail("timed out waiting for " + what, child)
    except pexpect.EOF:
        fail("the session ended while waiting for " + what, child)


def prompt(child, name):
    expect(child, re.compile(r"permitdesk %s[^\r\n>]*> " % re.escape(name)), name + "'s prompt")


def run(child, name, line, pattern, what):
    child.sendline(line)
    expect(child, pattern, what)
    prompt(child, name)


def finish(child, name, what):
    """`finish`, or `finish --now` where finish first lists what is still pending."""
    child.sendline("finish")
    if expect(child, ["Final score:", "finish --now"], what) == 1:
        prompt(child, name)
        child.sendline("finish --now")
        expect(child, "Final score:", what)
    prompt(child, name)


def main(port, user, keydir):
    room = Room(port, user, keydir)

    # A trainee: `login other` is refused, trainer verbs are refused, the REPL works.
    bob = room.connect("bob")
    ok("bob's key opens the room as bob over ssh -tt")
    run(bob, "bob", "login carol", "your SSH key decides who you are, so 'login' is not available", "login refused")
    ok("a trainee's 'login carol' is refused")
    run(bob, "bob", "report", "'report' is for trainers", "report refused")
    run(bob, "bob", "verify", "'verify' is for trainers", "verify refused")
    ok("a trainee cannot report or verify")
    run(bob, "bob", "start m01-s01-jurisdiction", "Attempt #1 started", "bob's attempt")
    run(bob, "bob", "advance --next", "It is now ", "time passing")
    ok("bob works in his attempt")

    # Another trainee at the same time, on the same account.
    carol = room.connect("carol")
    run(carol, "carol", "login bob", "you are carol in this training room", "carol's login refused")
    run(carol, "carol", "start m01-s01-jurisdiction", "Attempt #2 started", "carol's attempt")
    ok("carol works beside bob, as herself")

    # The trainer sees both, as themselves, and authenticates the records.
    alice = room.connect("alice")
    run(alice, "alice", "report --format csv", "bob.*\r\n.*carol|carol.*\r\n.*bob", "both trainees in the report")
    ok("the trainer's report lists bob's and carol's attempts")
    run(alice, "alice", "verify", "intact and authenticated with the room key", "verify with the key")
    ok("the trainer's verify authenticates the records with the room key")
    run(alice, "alice", "report --db /etc/passwd", "--db is not available in the training room", "--db refused")
    ok("no file paths, even for the trainer")

    # The instructor station while both work: monitor lists both, an injected event reaches bob.
    run(alice, "alice", "monitor --once --format json",
        re.compile(r'"trainee": "bob"[\s\S]*"trainee": "carol"'), "both trainees in the monitor")
    ok("the trainer's monitor --once --format json lists bob and carol while they work")
    run(alice, "alice", "inject 1 announce Window 3 closes at 15:00", "injected into attempt #1 \\(bob", "the injection")
    run(bob, "bob", "clock", r"\[from trainer:alice\] instructor event: announce Window 3 closes at 15:00",
        "the event at bob's next command")
    ok("an injected event reaches bob before his next command")
    # Live on a terminal: the table is redrawn in place until Enter.
    alice.sendline("monitor")
    expect(alice, re.compile(r"\x1b\[H\x1b\[2J.*#1 +bob", re.S), "the live monitor's table")
    expect(alice, "refreshing every 2 s", "the live monitor's footer")
    expect(alice, re.compile(r"\x1b\[H\x1b\[2J.*#1 +bob", re.S), "the live monitor redrawn")
    alice.sendline("")
    prompt(alice, "alice")
    ok("the live monitor redraws in place and stops at Enter")
    run(bob, "bob", "monitor", "'monitor' is for trainers", "monitor refused")
    ok("a trainee has no instructor station")

    finish(bob, "bob", "bob's score")
    finish(carol, "carol", "carol's score")

    # Pair mode: bob (post A) and carol (post B) share one attempt; the trainer sees both.
    run(bob, "bob", "start m01-s01-jurisdiction --pair dave", "dave is not a trainee of this room", "a stranger refused")
    run(bob, "bob", "start m01-s01-jurisdiction --pair carol", r"Attempt #3 started[\s\S]*you are post A, carol is post B",
        "the pair attempt")
    run(carol, "carol", "join", r"Joined pair attempt #3 at m01-s01-jurisdiction as post B with bob", "carol joins")
    ok("bob starts a pair attempt with carol, carol joins as post B")
    for line, pattern in (("advance --next", "It is now "), ("open T001", "T001 - "), ("decide accept", "you propose accept"),
                          ("handover", r"handed over to post B \(carol\)")):
        run(bob, "bob", line, pattern, "bob's " + line)
    run(alice, "alice", "monitor --once --format json",
        re.compile(r'"attempt": 3,\s*"trainee": "bob"[\s\S]*"partner": "carol"[\s\S]*"attempt": 3,\s*"trainee": "carol"'
                   r'[\s\S]*"post": "B"[\s\S]*"partner": "bob"'), "both partners in the monitor")
    ok("the trainer's monitor --once --format json lists both partners while they work")
    run(alice, "alice", "inject 3 announce Lunch at 12", "injected into attempt #3 \\(bob", "the injection into the pair")
    run(carol, "carol", "open T001",
        re.compile(r"\[bob, post A\] handover[\s\S]*hands over the proposal accept: your review, please[\s\S]*"
                   r"\[from trainer:alice\] instructor event: announce Lunch at 12"), "bob's handover and the event at carol's")
    ok("bob's commands and the injected event reach carol before her next command")
    run(carol, "carol", "show passport", "passport", "carol looks")
    run(carol, "carol", "checklist", "materials required", "carol's checklist")
    run(carol, "carol", "review agree", "you agree with post A's proposal; bob issues the notice", "carol's verdict")
    run(bob, "bob", "issue", r"post B \(carol\) agrees[\s\S]*notice issued", "bob issues")
    finish(bob, "bob", "bob's pair score")
    run(carol, "carol", "score", r"\[bob, post A\] finish[\s\S]*Final score:", "carol's pair score")
    ok("the two trainees finish the pair attempt, each with a final score")
    run(alice, "alice", "report --format csv", re.compile(r"\n3,bob,[\s\S]*\n3,carol,"), "a report row for each partner")
    run(alice, "alice", "verify --rescore", "intact and authenticated with the room key", "verify after the pair")
    ok("the trainer's report has a row for each partner; the records verify and re-score")
    for child, name in ((bob, "bob"), (carol, "carol"), (alice, "alice")):
        child.sendline("quit")
        expect(child, pexpect.EOF, name + " leaving")
    ok("everyone leaves with quit")

    # A command asked for over ssh (as scp or sftp would) is refused, with no shell behind it.
    r = subprocess.run(["ssh"] + room.ssh_args("bob", tty=False) + ["cat", "/etc/passwd"],
                       capture_output=True, text=True, timeout=TIMEOUT)
    if r.returncode != 64 or "only opens the PermitDesk training room" not in r.stderr or "root:" in r.stdout:
        fail("ssh bob@host cat /etc/passwd: exit %d, stdout %r, stderr %r" % (r.returncode, r.stdout[:200], r.stderr[:300]))
    ok("ssh with a command is refused (exit 64), nothing runs")
    r = subprocess.run(["ssh"] + room.ssh_args("bob", tty=False) + ["-N", "-R", "127.0.0.1:0:127.0.0.1:22",
                        "-o", "ExitOnForwardFailure=yes"], capture_output=True, text=True, timeout=TIMEOUT)
    if r.returncode == 0:
        fail("port forwarding was allowed: %r" % r.stderr)
    ok("port forwarding is refused (restrict)")
    print("all ssh room checks passed")


if __name__ == "__main__":
    main(*sys.argv[1:4])
