#!/usr/bin/env python3
"""Forges a recorded score the way someone with the database file but without the room key would:
drops the guard trigger, sets a new score, recomputes the attempt's result hash with plain SHA-256
(the chain's canonical form, see Sources/PermitStore/Chain.swift), and puts the trigger back.

Usage: forge_score.py DATABASE ATTEMPT OVERALL
"""
import hashlib
import sqlite3
import sys


def canonical(kind, fields):
    out = kind + "|"
    for f in fields:
        out += "~;" if f is None else "%d:%s;" % (len(f.encode("utf-8")), f)
    return out


def text(v):
    return None if v is None else str(v)


def main(path, attempt, overall):
    db = sqlite3.connect(path)
    trigger = db.execute("SELECT sql FROM sqlite_master WHERE name = 'attempt_result_final'").fetchone()[0]
    row = db.execute(
        "SELECT hash, status, finishedAt, decisions, doubleReview, timeLimits, resultJSON, resultSeq "
        "FROM attempt WHERE id = ?", (attempt,)).fetchone()
    attempt_hash, status, finished_at, decisions, double_review, time_limits, result_json, result_seq = row
    head = db.execute("SELECT hash FROM action WHERE attempt = ? AND seq = ?", (attempt, result_seq)).fetchone()
    head_hash = head[0] if head else attempt_hash
    fields = [status, finished_at, str(overall), text(decisions), text(double_review), text(time_limits), "1",
              result_json, str(result_seq), head_hash]
    forged = hashlib.sha256((attempt_hash + canonical("result", fields)).encode("utf-8")).hexdigest()
    db.execute("DROP TRIGGER attempt_result_final")
    db.execute("UPDATE attempt SET overall = ?, passed = 1, resultHash = ? WHERE id = ?", (overall, forged, attempt))
    db.execute(trigger)
    db.commit()
    print("forged attempt #%s: overall %s, result hash %s" % (attempt, overall, forged))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
