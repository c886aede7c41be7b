#!/usr/bin/env python3
"""Opens a `permitdesk report --format html` page in headless Chromium, as a trainer's browser would.

Usage: html_check.py REPORT.html SCREENSHOT.png

Prints one JSON object: the screenshot's size and how many pixels are not white (a blank page has
none), axe-core's violations (id, impact, help, node count) and the page's scroll width at a 1280 px
wide window. axe-core comes from the axe-selenium-python package on PyPI (it bundles axe.min.js);
Chromium is Debian's `chromium`. Exit 2 when either is missing.
"""
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        p = shutil.which(name)
        if p:
            return p
    return None


def axe_source():
    try:
        import axe_selenium_python
    except ImportError:
        return None
    p = os.path.join(os.path.dirname(axe_selenium_python.__file__), "node_modules", "axe-core", "axe.min.js")
    return p if os.path.exists(p) else None


def png_pixels(path):
    """Decodes an 8-bit RGB or RGBA, non-interlaced PNG (what Chromium writes): (width, height, rows)."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width, height, ctype = 8, b"", 0, 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and ctype in (2, 6) and interlace == 0, "unsupported PNG"
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, bpp, rows


def main():
    report, shot = sys.argv[1], sys.argv[2]
    browser, axe = chromium(), axe_source()
    if not browser or not axe:
        print(json.dumps({"error": "missing " + ("chromium" if not browser else "axe-core (pip install axe-selenium-python)")}))
        return 2
    flags = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1280,900"]
    env = dict(os.environ, DBUS_SESSION_BUS_ADDRESS="disabled:")
    subprocess.run(flags + ["--screenshot=" + shot, "file://" + os.path.abspath(report)],
                   capture_output=True, timeout=120, env=env, check=True)
    width, height, bpp, rows = png_pixels(shot)
    ink = sum(1 for r in rows for i in range(0, len(r), bpp) if r[i:i + 3] != b"\xff\xff\xff")

    page = open(report, encoding="utf-8").read()
    probe = ("<script>" + open(axe, encoding="utf-8").read() + "</script><script>"
             "axe.run(document, {resultTypes: ['violations']}).then(function (r) {"
             "var p = document.createElement('pre'); p.id = 'axe-result';"
             "p.textContent = JSON.stringify({violations: r.violations.map(function (v) {"
             "return {id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length}; }),"
             "scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth});"
             "document.body.appendChild(p); });</script>")
    with tempfile.TemporaryDirectory() as d:
        probe_page = os.path.join(d, "probe.html")
        open(probe_page, "w", encoding="utf-8").write(page.replace("</body>", probe + "</body>"))
        dom = subprocess.run(flags + ["--virtual-time-budget=30000", "--dump-dom", "file://" + probe_page],
                             capture_output=True, text=True, timeout=180, env=env).stdout
    m = re.search(r'<pre id="axe-result">(.*?)</pre>', dom, re.S)
    if not m:
        print(json.dumps({"error": "axe-core did not report", "dom-tail": dom[-500:]}))
        return 1
    import html
    result = json.loads(html.unescape(m.group(1)))
    result.update({"width": width, "height": height, "ink": ink})
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
