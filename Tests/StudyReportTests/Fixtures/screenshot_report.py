"""Renders an HTML report with headless Chromium and checks that the picture is not blank.

Usage: python3 screenshot_report.py REPORT.html [SCREENSHOT.png]

Runs `chromium --headless --screenshot` (Debian's `chromium` package: apt-get install -y chromium)
on the file, then reads the PNG with the standard library alone (zlib; no imaging package needed)
and counts the distinct colours and the share of pixels that differ from the background. A page
that failed to render is one flat colour; a report has text, tables and charts. Exits 0 when the
page is not blank, 1 when it is, 2 when Chromium is missing or fails.
"""

import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

MIN_COLOURS = 16          # a flat page has 1; anti-aliased text alone gives dozens
MIN_INKED_SHARE = 0.01    # at least 1% of pixels differ from the commonest colour


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def screenshot(html, png):
    browser = chromium()
    if browser is None:
        print("chromium is not installed (apt-get install -y chromium)")
        sys.exit(2)
    with tempfile.TemporaryDirectory() as profile:
        command = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                   "--user-data-dir=" + profile, "--window-size=1200,4000",
                   "--screenshot=" + os.path.abspath(png), "file://" + os.path.abspath(html)]
        result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
    if result.returncode != 0 or not os.path.exists(png):
        print("chromium failed: %s" % result.stderr.decode(errors="replace")[-2000:])
        sys.exit(2)


def read_png(path):
    """Width, height and rows of (r, g, b) tuples of an 8-bit RGB or RGBA PNG, not interlaced."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG file")
    offset, idat = 8, b""
    while offset < len(data):
        length, kind = struct.unpack(">I4s", data[offset:offset + 8])
        body = data[offset + 8:offset + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        offset += 12 + length
    if depth != 8 or colour not in (2, 6) or interlace != 0:
        raise ValueError("unsupported PNG: depth %d, colour type %d, interlace %d" % (depth, colour, interlace))
    channels = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * channels
    previous = bytearray(stride)
    rows = []
    position = 0
    for _ in range(height):
        kind = raw[position]
        line = bytearray(raw[position + 1:position + 1 + stride])
        position += 1 + stride
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else (up if pb <= pc else corner))) & 255
        rows.append([tuple(line[j:j + 3]) for j in range(0, stride, channels)])
        previous = line
    return width, height, rows


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        sys.exit(2)
    html = sys.argv[1]
    png = sys.argv[2] if len(sys.argv) > 2 else os.path.splitext(html)[0] + ".png"
    screenshot(html, png)
    width, height, rows = read_png(png)
    counts = {}
    for row in rows[::2]:
        for pixel in row[::2]:
            counts[pixel] = counts.get(pixel, 0) + 1
    total = sum(counts.values())
    background = max(counts.values())
    inked = 1 - background / total
    print("%s: %d x %d pixels, %d distinct colours, %.1f%% differ from the background (screenshot %s)"
          % (html, width, height, len(counts), 100 * inked, png))
    if len(counts) < MIN_COLOURS or inked < MIN_INKED_SHARE:
        print("the page looks blank")
        sys.exit(1)


if __name__ == "__main__":
    main()
