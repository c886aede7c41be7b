"""What the pseudo-terminal checks (pty_repl.py, pty_zh.py) share: the REPL's prompt, the time
limit, and reporting one "ok: ..." line per check or "FAIL: ..." with the last output and exit 1."""
import re
import sys

import pexpect

PROMPT = re.compile(r"permitdesk[^\r\n>]*> ")
TIMEOUT = 30


def fail(message, child=None):
    tail = ""
    if child is not None:
        tail = "\n--- last output ---\n" + repr((child.before or "")[-800:])
    print("FAIL: " + message + tail)
    sys.exit(1)


def ok(message):
    print("ok: " + message)
    sys.stdout.flush()


def expect(child, pattern, what):
    try:
        child.expect(pattern)
    except pexpect.TIMEOUT:
        fail("timed out waiting for " + what, child)
    except pexpect.EOF:
        fail("the REPL ended while waiting for " + what, child)
