#!/usr/bin/env python3
"""Drives the permitdesk REPL in a pseudo-terminal (GNU readline): tab completion, history
(Up-arrow, and the history file in $XDG_STATE_HOME/permitdesk/history), and colour on a terminal
(none with NO_COLOR=1 or --no-color).

Usage: pty_repl.py BINARY   (PERMITDESK_DB and XDG_STATE_HOME must point into a scratch folder)
Prints one "ok: ..." line per check; exits 0 when all pass, 1 at the first failure.
"""
import os
import re
import sys

import pexpect

from ptycheck import PROMPT, TIMEOUT, expect, fail, ok

SGR = re.compile(r"\x1b\[[0-9;]*m")
UP = "\x1b[A"


def spawn(binary, args=(), extra_env=None):
    env = dict(os.environ)
    env.pop("NO_COLOR", None)
    env["TERM"] = "xterm"
    env.update(extra_env or {})
    child = pexpect.spawn(binary, list(args), env=env, encoding="utf-8", timeout=TIMEOUT, dimensions=(40, 200))
    child.logfile_read = Transcript.current
    return child


class Transcript:
    """Everything the REPL wrote to the terminal, for the colour checks."""

    current = None

    def __init__(self):
        self.parts = []

    def write(self, s):
        self.parts.append(s)

    def flush(self):
        pass

    def text(self):
        return "".join(self.parts)


def session_one(binary, state):
    Transcript.current = Transcript()
    child = spawn(binary)
    expect(child, "PermitDesk - work-permit window training sandbox", "the banner")
    expect(child, PROMPT, "the first prompt")
    ok("banner and prompt on a terminal")

    # A partial verb + TAB completes the verb.
    child.send("logi\t")
    expect(child, "login ", "'logi' + TAB to complete to 'login '")
    child.send("tess\r")
    expect(child, "Logged in as tess.", "the login")
    expect(child, PROMPT, "the prompt after login")
    ok("verb completion: 'logi' + TAB -> 'login '")

    # Two TABs on an ambiguous prefix list the candidates.
    child.send("scen\t")
    expect(child, "scenarios ", "'scen' + TAB to complete to 'scenarios'")
    child.send("\x15")  # ^U: kill the line
    child.send("s\t\t")
    expect(child, r"scenarios\s+score\s+show\s+snapshot\s+start", "the candidates after 's' + TAB TAB")
    child.send("\x15")
    ok("ambiguous prefix: 's' + TAB TAB lists scenarios score show snapshot start")

    # A scenario id after `start `.
    child.send("start m01-s01-j\t")
    expect(child, "m01-s01-jurisdiction ", "the scenario id completed after 'start m01-s01-j' + TAB")
    child.send("\r")
    expect(child, r"Attempt #1 started\.", "the attempt to start")
    expect(child, PROMPT, "the prompt after start")
    ok("scenario completion: 'start m01-s01-j' + TAB -> 'start m01-s01-jurisdiction '")

    # A ticket after `open ` once it has arrived, and a material after `show `.
    child.send("advance --next\r")
    expect(child, "T001 arrived", "T001's arrival")
    expect(child, PROMPT, "the prompt after advance")
    child.send("open T0\t")
    expect(child, "T001 ", "the ticket completed after 'open T0' + TAB")
    child.send("\r")
    expect(child, "T001 - overseas-notification", "the file to open")
    expect(child, PROMPT, "the prompt after open")
    child.send("show crim\t")
    expect(child, "criminal-record ", "the material completed after 'show crim' + TAB")
    child.send("\r")
    expect(child, "T001: criminal-record:", "the document")
    expect(child, PROMPT, "the prompt after show")
    ok("ticket and material completion: 'open T0' -> T001, 'show crim' -> criminal-record")

    # Up-arrow recalls the previous line; Enter runs it again.
    child.send("queue\r")
    expect(child, r"\*T001", "the queue")
    expect(child, PROMPT, "the prompt after queue")
    child.send(UP)
    expect(child, "queue", "'queue' recalled by Up-arrow")
    child.send("\r")
    expect(child, r"\*T001", "the recalled queue to run")
    expect(child, PROMPT, "the prompt after the recalled queue")
    child.send(UP + UP + UP)  # queue, queue, then show criminal-record
    expect(child, "show criminal-record", "'show criminal-record' three lines up")
    child.send("\x15")
    ok("Up-arrow recalls the previous lines")

    # An error in red, the prompt in bold.
    child.send("frobnicate\r")
    expect(child, "unknown command 'frobnicate'", "the error")
    expect(child, PROMPT, "the prompt after the error")
    text = Transcript.current.text()
    if "\x1b[31munknown command 'frobnicate'" not in text:
        fail("the error is not red on a terminal", child)
    if "\x1b[1mpermitdesk" not in text:
        fail("the prompt is not bold on a terminal", child)
    if "\x01" in text or "\x02" in text:
        fail("readline's invisible-prompt markers leaked to the terminal", child)
    ok("colour on a terminal: bold prompt, red error")

    child.send("quit\r")
    expect(child, pexpect.EOF, "the end after quit")
    child.close()
    if child.exitstatus != 0:
        fail("quit exited with %r" % child.exitstatus)
    ok("quit exits 0")

    path = os.path.join(state, "permitdesk", "history")
    if not os.path.exists(path):
        fail("no history file at " + path)
    with open(path, encoding="utf-8") as f:
        # Completed words keep the space readline appended after them, as typed.
        lines = [l.rstrip(" ") for l in f.read().split("\n") if l]
    want = ["login tess", "start m01-s01-jurisdiction", "advance --next", "open T001", "show criminal-record", "queue", "queue", "frobnicate", "quit"]
    if lines != want:
        fail("history file lines %r, expected %r" % (lines, want))
    ok("history file %s holds the %d lines" % (path, len(want)))


def session_two(binary):
    """History persists: a new process recalls the last session's lines."""
    Transcript.current = Transcript()
    child = spawn(binary)
    expect(child, PROMPT, "the prompt of the second session")
    child.send("que\t")  # completion on an existing database and history file too
    expect(child, "queue ", "'que' + TAB to complete to 'queue ' in the second session")
    child.send("\x15")
    child.send(UP + UP + UP)
    expect(child, "queue", "'queue' recalled from the history file")
    child.send("\x15login tess\r")
    expect(child, "You have an unfinished attempt at m01-s01-jurisdiction", "the login of the second session")
    expect(child, PROMPT, "the prompt")
    child.send("quit\r")
    expect(child, pexpect.EOF, "the end of the second session")
    child.close()
    ok("a new session recalls the previous session's history")


def no_colour(binary, args, extra_env, label):
    Transcript.current = Transcript()
    child = spawn(binary, args, extra_env)
    expect(child, PROMPT, "the prompt " + label)
    child.send("frobnicate\r")
    expect(child, "unknown command 'frobnicate'", "the error " + label)
    expect(child, PROMPT, "the prompt after the error " + label)
    child.send("quit\r")
    expect(child, pexpect.EOF, "the end " + label)
    child.close()
    found = SGR.findall(Transcript.current.text())
    if found:
        fail("colour escape sequences %r %s" % (sorted(set(found)), label))
    ok("no colour " + label)


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        sys.exit(64)
    binary = sys.argv[1]
    state = os.environ.get("XDG_STATE_HOME")
    if not state or not os.environ.get("PERMITDESK_DB"):
        fail("set XDG_STATE_HOME and PERMITDESK_DB to a scratch folder")
    session_one(binary, state)
    session_two(binary)
    no_colour(binary, [], {"NO_COLOR": "1"}, "with NO_COLOR=1")
    no_colour(binary, ["--no-color"], {}, "with --no-color")
    print("all pty checks passed")


if __name__ == "__main__":
    main()
