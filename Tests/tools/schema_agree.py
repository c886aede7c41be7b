#!/usr/bin/env python3
"""Validates PermitDesk content files against the JSON Schemas and prints one line per file:
`VALID path` or `INVALID path` (followed, on stderr, by the first schema error).

Usage: schema_agree.py [--root PACKAGE_ROOT] PATH...   (folders are searched for *.yaml)

The kind of each file is recognised from its keys as `permitdesk check` does: a scenario has
clock/applicants/generate/events/scoring/colleague, a module has scenarios/objectives/
prerequisites/order, anything else is a packet. Needs `pip install jsonschema pyyaml`.

YAML is loaded the way PermitDesk reads it: every scalar is text except null, booleans
(true/false/yes/no), decimal integers and decimals, and a key whose value is null counts as
absent. So `2017-07-03` stays a string (checked by the
schema's date pattern), `17:00` is not a sexagesimal number and `NO` is Norway, not false.
"""
import json
import os
import pathlib
import re
import sys
import urllib.parse

import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource


class Loader(yaml.SafeLoader):
    pass


Loader.yaml_implicit_resolvers = {}
Loader.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])
Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE|yes|no)$"), list("tTfFyn"))
Loader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9][0-9_]*$"), list("-+0123456789"))
Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float", re.compile(r"^[-+]?(?:[0-9][0-9_]*)?\.[0-9]+(?:[eE][-+]?[0-9]+)?$"), list("-+0123456789."))


def _bool(loader, node):
    return node.value in ("true", "True", "TRUE", "yes")


Loader.add_constructor("tag:yaml.org,2002:bool", _bool)


def strip_nulls(value):
    """PermitDesk reads a key whose value is null (`key:`, `~`, `null`) as absent."""
    if isinstance(value, dict):
        return {k: strip_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [strip_nulls(v) for v in value]
    return value


def kind_of(doc):
    keys = set(doc.keys()) if isinstance(doc, dict) else set()
    if keys & {"clock", "applicants", "generate", "events", "scoring", "colleague"}:
        return "scenario"
    if keys & {"scenarios", "objectives", "prerequisites", "order"}:
        return "module"
    return "packet"


def main(argv):
    root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
    paths = []
    i = 0
    while i < len(argv):
        if argv[i] == "--root":
            root = argv[i + 1]
            i += 2
            continue
        paths.append(argv[i])
        i += 1
    schema_files = {
        "scenario": os.path.join(root, "Scenarios", "schema", "scenario.schema.json"),
        "packet": os.path.join(root, "Scenarios", "schema", "packet.schema.json"),
        "module": os.path.join(root, "Curriculum", "schema", "module.schema.json"),
    }
    # The schemas have no `$id`: like an editor, each is placed at its own file:// address, and its
    # relative `$ref`s ("packet.schema.json#/$defs/…") resolve beside it. Anything not on the local
    # disk is refused, so a reference that needs the network fails this run.
    def retrieve(uri):
        if not uri.startswith("file://"):
            raise ValueError("schema reference %s is not resolvable offline" % uri)
        with open(urllib.parse.unquote(uri[len("file://"):]), encoding="utf-8") as f:
            return Resource.from_contents(json.load(f))

    registry = Registry(retrieve=retrieve)
    schemas = {}
    for kind, path in schema_files.items():
        with open(path, encoding="utf-8") as f:
            schema = json.load(f)
        assert "$id" not in schema, "%s: a $id would move its relative $refs off the disk" % path
        schema = dict(schema, **{"$id": pathlib.Path(os.path.abspath(path)).as_uri()})
        schemas[kind] = schema
    validators = {k: Draft202012Validator(s, registry=registry) for k, s in schemas.items()}

    files = []
    for p in paths:
        if os.path.isdir(p):
            for dirpath, dirnames, filenames in os.walk(p):
                dirnames.sort()
                for name in sorted(filenames):
                    if name.endswith(".yaml") or name.endswith(".yml"):
                        files.append(os.path.join(dirpath, name))
        else:
            files.append(p)
    for path in files:
        try:
            with open(path, "rb") as f:
                doc = yaml.load(f, Loader=Loader)
        except Exception as e:  # unreadable or not YAML
            print("INVALID " + path)
            print("%s: %s" % (path, str(e).splitlines()[0] if str(e) else type(e).__name__), file=sys.stderr)
            continue
        doc = strip_nulls(doc)
        kind = kind_of(doc)
        errors = sorted(validators[kind].iter_errors(doc), key=lambda e: list(e.absolute_path))
        if errors:
            print("INVALID " + path)
            e = errors[0]
            print("%s: %s at /%s" % (path, e.message[:200], "/".join(str(x) for x in e.absolute_path)), file=sys.stderr)
        else:
            print("VALID " + path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
