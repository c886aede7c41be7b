#!/usr/bin/env python3
"""Reads a `permitdesk report --format csv` file with Python's csv module, as pandas or a spreadsheet
import would: prints {"bom": bool, "rows": [[cell, ...], ...]} as JSON (the BOM is reported, then
stripped, as the utf-8-sig codec does)."""
import csv
import json
import sys

raw = open(sys.argv[1], "rb").read()
text = raw.decode("utf-8-sig")
rows = list(csv.reader(text.splitlines(keepends=True), strict=True))
print(json.dumps({"bom": raw.startswith(b"\xef\xbb\xbf"), "crlf": b"\r\n" in raw, "rows": rows}))
