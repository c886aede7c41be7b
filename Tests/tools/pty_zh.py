#!/usr/bin/env python3
"""Drives the permitdesk REPL in a pseudo-terminal in a Chinese session (issue 15): LANG=zh_CN.UTF-8
with no other configuration (the zh_CN locale need not be installed), typing Chinese through GNU
readline: a trainee name with a backspace over a wide character, a Chinese cohort, completion,
and the alignment of the curriculum table by display width.

With CONTENT (the content root), a second part opens a training room and types Chinese in an
attempt: completion of attempt arguments, a trainer's announcement (`inject 1 announce 中文`, with a
backspace over a wide character) that reaches the trainee, and the queue's alignment.

Usage: pty_zh.py BINARY [CONTENT]   (PERMITDESK_DB and XDG_STATE_HOME must point into a scratch folder)
Prints one "ok: ..." line per check; exits 0 when all pass, 1 at the first failure.
"""
import getpass
import os
import re
import sqlite3
import subprocess
import sys
import unicodedata

import pexpect

from ptycheck import PROMPT, TIMEOUT, expect, fail, ok

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|[\x01\x02]")
BACKSPACE = "\x7f"


def width(s):
    """Display columns, as wcwidth(3): East Asian Wide and Fullwidth take two."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def main():
    binary = sys.argv[1]
    env = dict(os.environ)
    for k in ("LC_ALL", "LC_MESSAGES", "LC_CTYPE", "PERMITDESK_LANG", "NO_COLOR", "PERMITDESK_TRAINEE"):
        env.pop(k, None)
    env["LANG"] = "zh_CN.UTF-8"
    env["TERM"] = "xterm"
    child = pexpect.spawn(binary, ["--no-color"], env=env, encoding="utf-8", timeout=TIMEOUT, dimensions=(40, 200))
    expect(child, "外国人工作许可受理窗口培训沙盒", "the Chinese banner")
    expect(child, PROMPT, "the first prompt")
    ok("LANG=zh_CN.UTF-8 opens in Chinese with no configuration")

    # A Chinese name typed with one wide character too many, then a backspace over it.
    child.send("login 张伟伟")
    expect(child, "login 张伟伟", "the echo of the typed Chinese name")
    child.send(BACKSPACE)
    child.send(" --cohort 春季班\r")
    expect(child, r"已登录：张伟（批次 春季班）。", "the login as 张伟 after a backspace over 伟")
    echoed = ANSI.sub("", child.before)
    expect(child, PROMPT, "the prompt after login")
    ok("typed Chinese echoed; one backspace removed one wide character (logged in as 张伟, cohort 春季班)")

    # Completion in a Chinese session: verbs and module ids.
    child.send("curr\t")
    expect(child, "curriculum ", "'curr' + TAB to complete to 'curriculum '")
    child.send("\r")
    expect(child, "张伟 的课程：", "the curriculum header")
    expect(child, PROMPT, "the prompt after curriculum")
    table = ANSI.sub("", child.before).replace("\r", "")
    rows = [l for l in table.split("\n") if re.match(r"^\s+\d+\. m\d\d-", l)]
    if len(rows) < 10:
        fail("expected 10 module rows, found %d in %r" % (len(rows), table))
    # The pass-mark column starts at the same display column on every row, whatever the
    # Chinese status before it (已开放, 未解锁).
    cols = {width(r[: r.index("合格分数")]) for r in rows}
    if len(cols) != 1:
        fail("the pass-mark column is not aligned: display columns %r in\n%s" % (sorted(cols), "\n".join(rows)))
    if not any("已开放" in r for r in rows) or not any("未解锁" in r for r in rows):
        fail("module statuses are not in Chinese:\n" + "\n".join(rows))
    ok("curriculum table aligned by display width (pass mark at column %d on %d rows)" % (cols.pop(), len(rows)))
    if "管辖与申请事项类型" not in table:
        fail("module titles are not in Chinese")
    ok("module titles in Chinese")

    child.send("scenarios m01-ju\t")
    expect(child, "m01-jurisdiction ", "the module id completed after 'scenarios m01-ju' + TAB")
    child.send("\r")
    expect(child, "这是谁的窗口？朝阳窗口的管辖", "the Chinese scenario title")
    expect(child, PROMPT, "the prompt after scenarios")
    ok("completion in a Chinese session: 'curr' -> curriculum, 'scenarios m01-ju' -> m01-jurisdiction")

    child.send("quit\r")
    expect(child, pexpect.EOF, "the end after quit")
    child.close()
    if child.exitstatus != 0:
        fail("quit exited with %r" % child.exitstatus)

    db = sqlite3.connect(env["PERMITDESK_DB"])
    names = [r[0] for r in db.execute("select name from trainee")]
    if names != ["张伟"]:
        fail("trainees in the database: %r (expected exactly 张伟, valid UTF-8)" % names)
    ok("the database holds the trainee 张伟")
    history = os.path.join(env["XDG_STATE_HOME"], "permitdesk", "history")
    with open(history, encoding="utf-8") as f:
        first = f.read().split("\n")[0]
    if first != "login 张伟 --cohort 春季班":
        fail("first history line %r" % first)
    ok("the history file holds the edited Chinese line")
    if len(sys.argv) > 2:
        room(binary, sys.argv[2], env)
    print("all Chinese pty checks passed")


def run(args, what):
    r = subprocess.run(args, capture_output=True, text=True)
    if r.returncode != 0:
        fail("%s exited %d: %s%s" % (what, r.returncode, r.stdout, r.stderr))


def shell(binary, prefix, name, env):
    """What sshd runs for NAME (`room shell`), on a pseudo-terminal in a Chinese session."""
    child = pexpect.spawn(binary, ["room", "shell", "--room", prefix, name], env=env, encoding="utf-8",
                          timeout=TIMEOUT, dimensions=(40, 200))
    expect(child, PROMPT, name + "'s first prompt")
    return child


def room(binary, content, env):
    scratch = os.path.dirname(env["PERMITDESK_DB"])
    prefix = os.path.join(scratch, "room")
    keys = os.path.join(scratch, "keys")
    os.makedirs(keys, exist_ok=True)
    run([binary, "room", "init", "--prefix", prefix, "--account", getpass.getuser(), "--authorized-keys",
         os.path.join(scratch, "authorized_keys"), "--program", binary, "--content", content], "room init")
    for name, role in (("alice", ["--trainer"]), ("bob", [])):
        run(["/usr/bin/ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", os.path.join(keys, name)], "ssh-keygen")
        run([binary, "room", "add", name, "--key", os.path.join(keys, name + ".pub"), "--room", prefix] + role, "room add " + name)

    bob = shell(binary, prefix, "bob", env)
    bob.send("start m01-s01-jurisdiction\r")
    expect(bob, "练习 #1 已开始。", "the Chinese start of bob's attempt")
    expect(bob, PROMPT, "the prompt after start")
    # Completion of attempt arguments in a Chinese session: an option, a ticket, a material.
    bob.send("advance --ne\t")
    expect(bob, "advance --next ", "'advance --ne' + TAB completed to '--next'")
    bob.send("\r")
    expect(bob, "T001 号到达", "the Chinese arrival of T001")
    expect(bob, PROMPT, "the prompt after advance")
    bob.send("open T0\t")
    expect(bob, "open T001 ", "'open T0' + TAB completed to the ticket T001")
    bob.send("\r")
    expect(bob, "用人单位：", "the Chinese case overview")
    expect(bob, PROMPT, "the prompt after open")
    bob.send("show crim\t")
    expect(bob, "show criminal-record ", "'show crim' + TAB completed to the material criminal-record")
    bob.send("\r")
    expect(bob, "criminal-record 无犯罪记录证明：", "the document named in Chinese")
    expect(bob, PROMPT, "the prompt after show")
    ok("completion of attempt arguments in a Chinese session: --next, T001, criminal-record")

    # The trainer types a Chinese announcement with one wide character too many, then a backspace.
    alice = shell(binary, prefix, "alice", env)
    alice.send("inject 1 announce 三号窗口十五点关闭闭")
    expect(alice, "announce 三号窗口十五点关闭闭", "the echo of the typed Chinese announcement")
    alice.send(BACKSPACE + "\r")
    expect(alice, r"已插入练习 #1（bob，m01-s01-jurisdiction）.*announce 三号窗口十五点关闭\r?\n", "the Chinese injection reply")
    expect(alice, PROMPT, "alice's prompt after inject")
    alice.send("quit\r")
    expect(alice, pexpect.EOF, "the end of alice's session")
    ok("the trainer's Chinese announcement echoed; one backspace removed one wide character")

    # The event reaches bob while he waits at the prompt (printed above it, no Enter needed).
    expect(bob, "培训师插入事件：announce 三号窗口十五点关闭\r?\n", "the injected event at bob's prompt")
    expect(bob, "通知：三号窗口十五点关闭\r?\n", "the announcement in bob's session")
    bob.send("queue\r")
    expect(bob, r"\*T001  ", "the queue with T001 open")
    expect(bob, PROMPT, "the prompt after queue")
    text = "*T001  " + ANSI.sub("", bob.before).replace("\r", "")
    rows = [l for l in text.split("\n") if re.match(r"^[ *]T\d{3}  ", l)]
    if not rows:
        fail("no queue rows in %r" % text)
    # The state column starts at the same display column whatever the Chinese type before it.
    states = ("已收件", "已提出受理意见", "B岗已同意")
    cols = {width(r[: min(r.index(x) for x in states if x in r)]) for r in rows if any(x in r for x in states)}
    if len(cols) != 1 or not rows[0].startswith("*T001  来华工作许可"):
        fail("queue not aligned by display width: %r in\n%s" % (sorted(cols), "\n".join(rows)))
    ok("the announcement reached the trainee; the queue (Chinese types and states) aligned at column %d" % cols.pop())
    bob.send("quit\r")
    expect(bob, pexpect.EOF, "the end of bob's session")
    print("ok: the training room's Chinese checks")


if __name__ == "__main__":
    main()
