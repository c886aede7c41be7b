#!/usr/bin/env python3
"""Drives the permitdesk REPL in a pseudo-terminal (GNU readline's callback interface): Ctrl-C
clears the line being typed and gives a fresh prompt (also mid-line and in a history search),
Ctrl-D on an empty line leaves; in a training room, Ctrl-C stops a trainer's live `monitor` and
returns to the prompt, and an instructor's injected announcement appears above a trainee's
half-typed line without Enter, the line redrawn intact (cursor included) and run afterwards.

Usage: pty_keys.py BINARY ROOM_PREFIX TRAINER TRAINEE
  (PERMITDESK_DB and XDG_STATE_HOME must point into a scratch folder; ROOM_PREFIX is a room made
  by `room init` with TRAINER added as a trainer and TRAINEE as a trainee)
Prints one "ok: ..." line per check; exits 0 when all pass, 1 at the first failure.
"""
import glob
import os
import re
import signal
import subprocess
import sys
import tempfile
import termios
import time

import pexpect

from ptycheck import PROMPT, TIMEOUT, expect, fail, ok

LEFT = "\x1b[D"
CTRL_R = "\x12"


def spawn(binary, args, extra_env=None, preexec_fn=None, cwd=None):
    env = dict(os.environ)
    env["TERM"] = "xterm"
    env["NO_COLOR"] = "1"
    env.update(extra_env or {})
    return pexpect.spawn(
        binary, list(args), env=env, encoding="utf-8", timeout=TIMEOUT, dimensions=(40, 200), preexec_fn=preexec_fn, cwd=cwd)


def hand_down_interrupt_blocked_and_ignored():
    """What a careless parent (a test harness, nohup) does: the REPL must undo it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})


def signal_masks(pid):
    """(thread id, SIGINT blocked?) for every thread of the process, the main thread first."""
    out = []
    for task in glob.glob("/proc/%d/task/*" % pid):
        tid = int(os.path.basename(task))
        with open(task + "/status") as f:
            blocked = int(re.search(r"^SigBlk:\s*([0-9a-f]+)", f.read(), re.M).group(1), 16)
        out.append((tid, bool(blocked & (1 << (signal.SIGINT - 1)))))
    return sorted(out, key=lambda t: t[0] != pid)


def check_masks(child):
    """Only the main thread takes SIGINT (libdispatch's threads block it). The handler would work on
    any thread (it only writes to a pipe); this keeps the design simple to reason about."""
    masks = signal_masks(child.pid)
    if masks[0] != (child.pid, False) or any(blocked is False for _, blocked in masks[1:]):
        fail("SIGINT should reach the main thread only; (thread, blocked): %r" % masks)


def interrupt_and_eof(binary):
    child = spawn(binary, ["--no-color"], preexec_fn=hand_down_interrupt_blocked_and_ignored)
    expect(child, PROMPT, "the first prompt")
    # Only the main thread takes SIGINT (libdispatch's threads block it); the handler would work on
    # any thread (it only writes to a pipe), but this is what makes the design simple to reason about.
    check_masks(child)

    # A half-typed line, Ctrl-C: the line is gone and a fresh prompt follows. Had the text stayed,
    # the next line would run as 'login half-typedlogin zoe'.
    child.send("login half-typed")
    expect(child, "half-typed", "the echo of the half-typed line")
    child.sendintr()
    expect(child, r"\^C", "the ^C echo")
    expect(child, PROMPT, "a fresh prompt after Ctrl-C")
    child.send("login zoe\r")
    expect(child, r"Logged in as (\S+?)\.", "the login typed after Ctrl-C")
    if child.match.group(1) != "zoe":
        fail("the line after Ctrl-C ran as 'login %s' (the cleared text came back)" % child.match.group(1), child)
    expect(child, PROMPT, "the prompt after the login")
    ok("Ctrl-C clears a half-typed line and gives a fresh prompt; the next line runs alone")

    # Mid-line (cursor moved left), in Chinese, and twice on an empty prompt.
    child.send("curriculum 张伟" + LEFT + LEFT + LEFT)
    child.sendintr()
    expect(child, r"\^C", "the ^C echo mid-line")
    expect(child, PROMPT, "a fresh prompt after Ctrl-C mid-line")
    child.sendintr()
    expect(child, r"\^C", "the ^C echo on an empty prompt")
    expect(child, PROMPT, "a fresh prompt after Ctrl-C on an empty prompt")
    child.sendintr()
    expect(child, PROMPT, "a fresh prompt after a second Ctrl-C on an empty prompt")
    # Half a character: readline has read the first byte of 张 and waits for the rest, which never
    # comes (Ctrl-C's line discipline throws away what was not yet read): Ctrl-C still clears.
    child.send("curriculum ")
    expect(child, "curriculum ", "the echo before half a character")
    os.write(child.child_fd, "张".encode("utf-8")[:1])
    time.sleep(0.3)
    child.sendintr()
    expect(child, r"\^C", "the ^C echo in the middle of a character")
    expect(child, PROMPT, "a fresh prompt after Ctrl-C in the middle of a character")
    child.send("curriculum\r")
    expect(child, "Curriculum for zoe:", "the curriculum after three Ctrl-C")
    expect(child, PROMPT, "the prompt after curriculum")
    ok("Ctrl-C mid-line (cursor moved, Chinese text), in the middle of a character and on an empty prompt; the REPL goes on")

    # In a reverse history search: the search ends with the line, and the next line runs alone.
    child.send(CTRL_R + "logi")
    expect(child, "reverse-i-search", "the history search prompt")
    expect(child, r"\x1b\[7mlogi\x1b\[27m", "the history match 'login zoe' (the typed part highlighted)")
    child.sendintr()
    expect(child, PROMPT, "a fresh prompt after Ctrl-C in a history search")
    child.send("scenarios\r")
    expect(child, "m01-s01-jurisdiction", "the scenarios after Ctrl-C in a search")
    expect(child, PROMPT, "the prompt after scenarios")
    if "Logged in as" in child.before:
        fail("the history match ran after Ctrl-C", child)
    ok("Ctrl-C in a reverse history search (Ctrl-R) ends the search and clears the line")

    check_masks(child)
    ok("SIGINT handed down blocked and ignored is taken back; only the main thread takes it")

    # Ctrl-D on an empty line leaves, exit 0.
    child.sendeof()
    expect(child, pexpect.EOF, "the end after Ctrl-D")
    child.close()
    if child.exitstatus != 0 or child.signalstatus is not None:
        fail("Ctrl-D ended with exit %r signal %r" % (child.exitstatus, child.signalstatus))
    ok("Ctrl-D on an empty line leaves with exit 0")


def shell(binary, prefix, name):
    return spawn(binary, ["room", "shell", "--room", prefix, name])


def run_shell(binary, prefix, name, script):
    r = subprocess.run(
        [binary, "room", "shell", "--room", prefix, name], input=script, capture_output=True, text=True, timeout=60)
    return r.returncode, r.stdout + r.stderr


def monitor_interrupt(binary, prefix, trainer):
    child = shell(binary, prefix, trainer)
    expect(child, PROMPT, "the trainer's prompt")
    child.send("monitor\r")
    expect(child, "press Enter or Ctrl-C to stop", "the live monitor")
    child.sendintr()
    expect(child, PROMPT, "the prompt after Ctrl-C in the live monitor")
    child.send("monitor\r")
    expect(child, "press Enter or Ctrl-C to stop", "the live monitor again")
    child.send("\r")
    expect(child, PROMPT, "the prompt after Enter in the live monitor")
    child.send("quit\r")
    expect(child, pexpect.EOF, "the end of the trainer's session")
    child.close()
    if child.exitstatus != 0:
        fail("the trainer's session ended with %r" % child.exitstatus)
    ok("Ctrl-C (and Enter) stops a trainer's live monitor and returns to the prompt")


def run_repl(binary, args, script):
    r = subprocess.run([binary] + args, input=script, capture_output=True, text=True, timeout=60)
    if r.returncode != 0:
        fail("permitdesk %s exited %r: %s%s" % (" ".join(args), r.returncode, r.stdout[-500:], r.stderr[-500:]))
    return r.stdout


def standalone_monitor(binary):
    """`permitdesk monitor` outside a room: redrawn in place on a terminal, catching up with what a
    trainee does; Enter ends it with exit 0, Ctrl-C stops it as any program (SIGINT)."""
    run_repl(binary, ["--trainee", "kim"], "start m01-s01-jurisdiction --free\n")
    child = spawn(binary, ["monitor", "--interval", "0.5"])
    expect(child, r"#\d+ +kim +m01-s01-jurisdiction", "kim's attempt in the monitor")
    expect(child, "press Enter or Ctrl-C to stop", "the live monitor's footer")
    run_repl(binary, ["--trainee", "kim"], "resume\nadvance --next\nopen T001\n")
    expect(child, "\x1b\\[H\x1b\\[2J", "a redraw in place")
    expect(child, r"kim +m01-s01-jurisdiction +practice +09:\d\d +0/10 +\d+ +open \d+s ago", "kim's 'open' in a later refresh")
    child.send("\r")
    expect(child, pexpect.EOF, "the end after Enter")
    child.close()
    if child.exitstatus != 0:
        fail("monitor ended with %r after Enter" % child.exitstatus)
    child = spawn(binary, ["monitor"])
    expect(child, "press Enter or Ctrl-C to stop", "the live monitor's footer")
    child.sendintr()
    expect(child, pexpect.EOF, "the end after Ctrl-C")
    child.close()
    if child.signalstatus != signal.SIGINT:
        fail("monitor after Ctrl-C: exit %r signal %r (expected SIGINT)" % (child.exitstatus, child.signalstatus))
    ok("permitdesk monitor refreshes in place on a terminal; Enter ends it (exit 0), Ctrl-C stops it (SIGINT)")


def suspend_and_resume(binary):
    """Ctrl-Z at the prompt under a job-control shell: the REPL stops with the terminal put back,
    and `fg` brings it back in readline's mode with the prompt and the half-typed line redrawn (the
    rest of the line is then echoed once, by readline, and runs)."""
    env = dict(os.environ, TERM="xterm", PS1="SHELL$ ", NO_COLOR="1")
    # Blocked as a test harness may hand it down: the REPL must unblock it at its prompt.
    shell = pexpect.spawn(
        "/bin/bash", ["--norc", "--noprofile", "-i"], env=env, encoding="utf-8", timeout=TIMEOUT, dimensions=(40, 200),
        preexec_fn=lambda: signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTSTP}))
    expect(shell, r"SHELL\$ ", "bash's prompt")
    shell.send("exec 2>&1; %s --no-color\r" % binary)
    expect(shell, PROMPT, "the REPL's prompt under bash")
    shell.send("curr")
    expect(shell, "curr", "the echo of the half-typed line")
    shell.send("\x1a")
    expect(shell, r"Stopped.*\r\n.*SHELL\$ ", "bash's prompt after Ctrl-Z")
    shell.send("fg\r")
    expect(shell, PROMPT, "the prompt redrawn after fg")
    expect(shell, "curr", "the half-typed line redrawn after fg")
    mode = termios.tcgetattr(shell.child_fd)[3]
    if mode & termios.ECHO or mode & termios.ICANON:
        fail("after fg the terminal is not in readline's mode (echo or line mode on)", shell)
    shell.send("iculum\r")
    expect(shell, r"log in first", "the completed line 'curriculum' to run")
    if shell.before.count("iculum") != 1:
        fail("the rest of the line was echoed %d times" % shell.before.count("iculum"), shell)
    expect(shell, PROMPT, "the prompt after curriculum")
    shell.sendeof()
    expect(shell, r"SHELL\$ ", "bash's prompt after Ctrl-D")
    shell.send("exit\r")
    expect(shell, pexpect.EOF, "the end of bash")
    ok("Ctrl-Z stops the REPL at the prompt; fg brings back the prompt and the half-typed line in readline's mode")


def rehearse_interrupt(binary):
    """Outside the REPL Ctrl-C keeps its usual meaning: `rehearse --new` stops (killed by SIGINT,
    nothing written), the terminal first put back as it was (echo and line editing on)."""
    folder = tempfile.mkdtemp()
    child = spawn(binary, ["rehearse", "--new", "extension"], cwd=folder)
    expect(child, r"employer name \[", "the first question of the guided rehearsal")
    child.send("Acme")
    expect(child, "Acme", "the echo of the half-typed answer")
    during = termios.tcgetattr(child.child_fd)[3]
    if during & termios.ECHO or during & termios.ICANON:
        fail("readline should have the terminal in character mode while asking")
    child.sendintr()
    expect(child, pexpect.EOF, "the end after Ctrl-C in rehearse --new")
    after = termios.tcgetattr(child.child_fd)[3]
    child.close()
    if child.signalstatus != signal.SIGINT:
        fail("rehearse --new after Ctrl-C: exit %r signal %r (expected SIGINT)" % (child.exitstatus, child.signalstatus))
    if not (after & termios.ECHO and after & termios.ICANON):
        fail("the terminal was left without echo or line editing after Ctrl-C")
    if os.listdir(folder):
        fail("rehearse --new wrote %r although it was stopped" % os.listdir(folder))
    os.rmdir(folder)
    ok("rehearse --new: Ctrl-C stops the program (SIGINT) with the terminal restored")


def announcement(binary, prefix, trainer, trainee):
    child = shell(binary, prefix, trainee)
    expect(child, PROMPT, "the trainee's prompt")
    child.send("start m01-s01-jurisdiction\r")
    expect(child, r"Attempt #(\d+) started\.", "the attempt to start")
    attempt = child.match.group(1)
    expect(child, PROMPT, "the prompt after start")

    # Half a line with the cursor two places back: 'advance --nxt', cursor before 'xt'.
    child.send("advance --nxt" + LEFT + LEFT)
    expect(child, "advance --nxt", "the echo of the half-typed line")
    time.sleep(0.5)  # the REPL sits idle at the prompt with the line
    status, out = run_shell(binary, prefix, trainer, "inject %s announce Window 3 closes at 15:00 today\n" % attempt)
    if status != 0 or ("injected into attempt #%s" % attempt) not in out:
        fail("the injection failed (%r): %s" % (status, out))
    injected = time.time()
    expect(child, "ANNOUNCEMENT: Window 3 closes at 15:00 today", "the announcement without Enter")
    latency = time.time() - injected
    expect(child, PROMPT, "the prompt redrawn after the announcement")
    expect(child, "advance --nxt", "the half-typed line redrawn after the announcement")
    # The cursor is where it was: typing 'e' makes 'advance --next'.
    child.send("e\r")
    expect(child, "T001 arrived", "the completed line 'advance --next' to run")
    expect(child, PROMPT, "the prompt after advance")
    if "ANNOUNCEMENT" in child.before or "[from " in child.before:
        fail("the announcement was shown again before the next command", child)
    # Finished and scored: the test then checks that the recorded score follows from the log.
    child.send("finish\r")
    if child.expect(["Final score:", "finish --now"]) == 1:
        expect(child, PROMPT, "the prompt after finish's warning")
        child.send("finish --now\r")
        expect(child, "Final score:", "the final score")
    expect(child, PROMPT, "the prompt after finish")
    child.send("quit\r")
    expect(child, pexpect.EOF, "the end of the trainee's session")
    child.close()
    print("latency: the announcement appeared %.2f s after the injection ended" % latency)
    if latency > 5:
        fail("the announcement took %.1f s to appear" % latency)
    ok("an injected announcement appears above the half-typed line without Enter; the line and cursor are intact and it runs")


def main():
    if len(sys.argv) != 5:
        print(__doc__)
        sys.exit(64)
    binary, prefix, trainer, trainee = sys.argv[1:]
    if not os.environ.get("XDG_STATE_HOME") or not os.environ.get("PERMITDESK_DB"):
        fail("set XDG_STATE_HOME and PERMITDESK_DB to a scratch folder")
    interrupt_and_eof(binary)
    monitor_interrupt(binary, prefix, trainer)
    standalone_monitor(binary)
    rehearse_interrupt(binary)
    suspend_and_resume(binary)
    announcement(binary, prefix, trainer, trainee)
    print("all terminal key checks passed")


if __name__ == "__main__":
    main()
