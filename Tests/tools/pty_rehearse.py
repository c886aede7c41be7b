#!/usr/bin/env python3
"""Drives `permitdesk rehearse --new overseas-notification` in a pseudo-terminal (GNU readline), as
an employer's HR officer would: answers each question by its label, uses '?' for help and tab to
complete a value, and checks the packet file and the notice.

Usage: pty_rehearse.py BINARY FOLDER   (PERMITDESK_DB must point into a scratch folder)
Prints one "ok: ..." line per check; exits 0 when all pass, 1 at the first failure.
"""
import os
import re
import sys

import pexpect

QUESTION = re.compile(r"(?:\n|\x1b\[\?2004h)  ([A-Za-z][A-Za-z -]*?)(?: \[[^\]\r\n]*\])?: $")
ANSWERS = {
    "applicant name": "Ada KOWALSKA",
    "passport number": "SPEC55501",
    "criminal-record issued": "2016-01-02",   # stale on the day of submission
    "degree translation": "none",             # a foreign degree without translation
}


def fail(message, child=None):
    tail = "\n--- last output ---\n" + repr((child.before or "")[-800:]) if child is not None else ""
    print("FAIL: " + message + tail)
    sys.exit(1)


def ok(message):
    print("ok: " + message)
    sys.stdout.flush()


def main():
    binary, folder = sys.argv[1], sys.argv[2]
    out = os.path.join(folder, "mine.yaml")
    env = dict(os.environ, TERM="xterm")
    child = pexpect.spawn(binary, ["rehearse", "--new", "overseas-notification", "--category", "B", "--output", out,
                                   "--person", "hr1"], env=env, encoding="utf-8", timeout=30, dimensions=(40, 200))
    try:
        child.expect("Materials for overseas-notification, Category B")
        child.expect("contract: the employment contract")
        ok("the materials list for the type and category comes first")
        asked, helped, completed = [], False, False
        while True:
            i = child.expect([QUESTION, pexpect.EOF])
            if i == 1:
                break
            label = child.match.group(1)
            asked.append(label)
            if label == "education" and not completed:
                child.send("doc\t")
                child.expect("doctorate")
                child.send("\r")
                completed = True
                continue
            if label == "employer name" and not helped:
                child.sendline("?")
                child.expect("business licence")
                helped = True
                continue
            child.sendline(ANSWERS.get(label, ""))
        output = child.before
    except pexpect.TIMEOUT:
        fail("timed out", child)
    if not helped or not completed:
        fail("'?' help or tab completion was not exercised: " + repr(asked))
    ok("'?' explained a question again; tab completed 'doc' to 'doctorate'")
    for section in ["employer name", "employer district", "applicant name", "nationality", "passport expires",
                    "category", "annual salary", "education", "degree", "criminal-record", "health-certificate"]:
        if section not in asked:
            fail("never asked for " + section + ": " + repr(asked))
    ok("asked %d questions: employer, applicant, application and each material" % len(asked))
    text = open(out, encoding="utf-8").read()
    if not text.startswith("# yaml-language-server: $schema=") or "Ada KOWALSKA" not in text or "education: doctorate" not in text:
        fail("packet file: " + text[:400])
    ok("the packet file holds the answers and a schema modeline")
    if "mismatch:" in output:
        fail("the documents did not follow the new applicant's name and passport", child)
    for needle in ["ONE-TIME SUPPLEMENT NOTICE", "Points (claimed Category B", "What the codes mean:",
                   "stale:criminal-record: the criminal record was issued too long before submission",
                   "untranslated:degree: the degree is not in Chinese", "hr1: 1 rehearsal, 1 file, 0 right the first time"]:
        if needle not in output:
            fail("the notice lacks " + repr(needle), child)
    if "Decision due by" in output:
        fail("a supplement notice names a window deadline", child)
    ok("the notice has the points breakdown, a plain line per code, and the person's record")
    child.close()
    if child.exitstatus != 0:
        fail("exit status %s" % child.exitstatus)
    return 0


if __name__ == "__main__":
    sys.exit(main())
