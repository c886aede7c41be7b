#!/usr/bin/env python3
"""Validates `permitdesk report --format xapi` output with the Ralph LRS's xAPI models (PyPI package
ralph-malph), then posts it twice into an in-memory store keyed by statement id, as an LRS does
(xAPI 1.0.3 §2.2: a statement id is unique; a repeated id with the same statement is not stored
again). Prints {"valid": N, "errors": [...], "stored_after_first": N, "stored_after_second": N} as JSON.
Exit 2 when ralph-malph is missing."""
import json
import sys

try:
    from ralph.models.xapi.base.statements import BaseXapiStatement
except ImportError:
    print(json.dumps({"error": "ralph-malph is not installed (pip install ralph-malph)"}))
    sys.exit(2)

errors, valid, store = [], 0, {}


def post(statements):
    for s in statements:
        model = BaseXapiStatement(**s)
        key = str(model.id)
        if key in store and store[key] != model:
            raise SystemExit("conflict: id %s posted with a different statement" % key)
        store[key] = model


batches = [json.load(open(p, encoding="utf-8")) for p in sys.argv[1:]]
for i, statement in enumerate(batches[0]):
    try:
        m = BaseXapiStatement(**statement)
        if m.id is None:
            errors.append("statement %d has no id" % i)
        else:
            valid += 1
    except Exception as e:  # pydantic.ValidationError: report every field it names
        errors.append("statement %d: %s" % (i, e))
counts = []
for b in batches:
    post(b)
    counts.append(len(store))
print(json.dumps({"valid": valid, "errors": errors, "stored": counts}))
