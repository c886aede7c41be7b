"""What the pseudo-terminal checks (pty_repl.py, pty_zh.py) share: the REPL's prompt, the time
limit, and reporting one "ok: ..." line per check or "FAIL: ..." with the last output and exit 1."""
import os
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


def process_state(pid):
    """Where each thread of a process is (state, kernel wait channel, system call), for a timeout."""
    lines = []
    for task in sorted(os.listdir("/proc/%d/task" % pid)) if os.path.isdir("/proc/%d" % pid) else []:
        base = "/proc/%d/task/%s/" % (pid, task)
        try:
            stat = open(base + "stat").read().split(") ", 1)[1].split()[0]
            wchan = open(base + "wchan").read()
            call = open(base + "syscall").read().strip()
        except OSError:
            continue
        lines.append("thread %s: state %s, wchan %s, syscall %s" % (task, stat, wchan, call))
    return "\n".join(lines)


def expect(child, pattern, what):
    try:
        child.expect(pattern)
    except pexpect.TIMEOUT:
        fail("timed out waiting for " + what + "\n--- the process ---\n" + process_state(child.pid), child)
    except pexpect.EOF:
        fail("the REPL ended while waiting for " + what, child)
