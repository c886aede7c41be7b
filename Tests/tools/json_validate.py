#!/usr/bin/env python3
"""Validates a JSON document against a JSON Schema (draft 2020-12) with python-jsonschema.
Usage: json_validate.py SCHEMA DOCUMENT. Prints {"errors": [...], "rows": N} as JSON."""
import json
import sys

import jsonschema

schema = json.load(open(sys.argv[1], encoding="utf-8"))
doc = json.load(open(sys.argv[2], encoding="utf-8"))
cls = jsonschema.validators.validator_for(schema)
cls.check_schema(schema)
checker = cls(schema, format_checker=cls.FORMAT_CHECKER)
errors = ["%s: %s" % ("/".join(map(str, e.absolute_path)), e.message) for e in checker.iter_errors(doc)]
print(json.dumps({"errors": errors, "rows": len(doc) if isinstance(doc, list) else 0}))
sys.exit(1 if errors else 0)
