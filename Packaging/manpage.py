#!/usr/bin/env python3
"""Writes the permitdesk(1) man page (roff) from the ArgumentParser command tree.

Usage: manpage.py BINARY VERSION > permitdesk.1
The text comes from `BINARY --experimental-dump-help`, ArgumentParser's description of every
command, option and argument (what its generate-manual plugin reads), so the page always matches
the binary. One page: the root command, then a section per subcommand.
"""
import datetime
import json
import subprocess
import sys


def esc(text):
    """Escapes roff: backslashes, leading dots/quotes, hyphens in options."""
    out = []
    for line in (text or "").replace("\\", "\\e").split("\n"):
        if line.startswith((".", "'")):
            line = "\\&" + line
        out.append(line)
    return "\n".join(out)


def names(arg):
    parts = []
    for n in arg.get("names", []):
        parts.append(("-" if n["kind"] == "short" else "--") + n["name"])
    return ", ".join("\\fB" + p.replace("-", "\\-") + "\\fR" for p in parts)


def synopsis(cmd, path):
    words = ["\\fB" + path + "\\fR"]
    for a in cmd.get("arguments", []):
        if not a.get("shouldDisplay", True):
            continue
        value = "<" + a.get("valueName", "value") + ">"
        if a["kind"] == "positional":
            word = "\\fI" + value + "\\fR" + ("..." if a.get("isRepeating") else "")
        else:
            first = a.get("preferredName") or a["names"][0]
            flag = ("-" if first["kind"] == "short" else "--") + first["name"]
            word = "\\fB" + flag.replace("-", "\\-") + "\\fR" + ("" if a["kind"] == "flag" else " \\fI" + value + "\\fR")
        words.append(word if not a.get("isOptional") else "[" + word + "]")
    return " ".join(words)


def arguments(cmd):
    lines = []
    for a in cmd.get("arguments", []):
        if not a.get("shouldDisplay", True):
            continue
        label = names(a) if a["kind"] != "positional" else "\\fI<" + a.get("valueName", "value") + ">\\fR"
        if a["kind"] == "option":
            label += " \\fI<" + a.get("valueName", "value") + ">\\fR"
        lines += [".TP", label, esc(a.get("abstract", ""))]
        if a.get("defaultValue"):
            lines.append("(default: " + esc(a["defaultValue"]) + ")")
        if a.get("allValues"):
            lines.append("(values: " + esc(", ".join(a["allValues"])) + ")")
    return lines


def main():
    binary, version = sys.argv[1], sys.argv[2]
    tree = json.loads(subprocess.run([binary, "--experimental-dump-help"], check=True, capture_output=True).stdout)
    root = tree["command"]
    name = root["commandName"]
    date = datetime.date.today().isoformat()
    out = [
        '.TH %s 1 "%s" "%s %s" "User Commands"' % (name.upper(), date, name, version),
        ".SH NAME", "%s \\- %s" % (name, esc(root.get("abstract", ""))),
        ".SH SYNOPSIS", synopsis(root, name) + " [\\fIsubcommand\\fR]",
        ".SH DESCRIPTION", esc(root.get("discussion", "")),
        ".SH OPTIONS",
    ] + arguments(root)
    out += [".SH SUBCOMMANDS"]
    for sub in root.get("subcommands", []):
        if not sub.get("shouldDisplay", True):
            continue
        path = name + " " + sub["commandName"]
        out += [".SS " + path, esc(sub.get("abstract", "")), ".PP", synopsis(sub, path)]
        if sub.get("discussion"):
            out += [".PP", esc(sub["discussion"])]
        out += [".RS"] + arguments(sub) + [".RE"]
    out += [
        ".SH FILES",
        ".TP", "\\fI/usr/share/permitdesk/\\fR",
        "Policy packs, scenarios and the curriculum (override with \\fB\\-\\-content\\fR or \\fBPERMITDESK_HOME\\fR).",
        ".TP", "\\fI$XDG_DATA_HOME/permitdesk/sandbox.sqlite\\fR",
        "The sandbox database (override with \\fB\\-\\-db\\fR or \\fBPERMITDESK_DB\\fR).",
        ".SH EXIT STATUS",
        "0 success, 1 problems found, 64 wrong usage, 65 bad input data, 70 internal error.",
        ".SH NOTES",
        "Everything PermitDesk contains is synthetic training data.",
    ]
    sys.stdout.write("\n".join(out) + "\n")


main()
