#!/usr/bin/env bash
# Looks at the HTML report as a person would: headless Chromium renders it and the screenshot must
# show the charts (the index line's blue and the grade bands' colours) over most of its height.
# Usage: tests/report_screenshot.sh path/to/dyad
set -uo pipefail
DYAD=$(realpath "$1")
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CHROME=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROME" ]; then
  if [ "${CI:-}" = true ]; then echo "FAIL: chromium not installed (scripts/test.sh installs it)"; exit 1; fi
  echo "skipped: chromium not installed"; exit 0
fi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
"$DYAD" ingest "$ROOT/data/corpus/china-japan" --db "$T/cj.db" -q
"$DYAD" report CHN JPN --db "$T/cj.db" -o "$T/report.html" 2>/dev/null
timeout 120 "$CHROME" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$T/profile" --hide-scrollbars --window-size=1280,2400 \
  --screenshot="$T/shot.png" "file://$T/report.html" >/dev/null 2>&1
[ -s "$T/shot.png" ] || { echo "FAIL: no screenshot"; exit 1; }
[ -n "${DYAD_KEEP_SCREENSHOT:-}" ] && cp "$T/shot.png" "$DYAD_KEEP_SCREENSHOT"
python3 - "$T/shot.png" <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat, w, h = 8, b"", 0, 0
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b"IHDR":
        w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
        assert depth == 8 and ctype in (2, 6), f"unexpected PNG format {depth}/{ctype}"
        bpp = 4 if ctype == 6 else 3
    elif kind == b"IDAT":
        idat += body
    pos += 12 + n
raw = zlib.decompress(idat)
stride = w * bpp
rows, prev, i = [], bytearray(stride), 0
for _ in range(h):
    f = raw[i]; line = bytearray(raw[i + 1:i + 1 + stride]); i += 1 + stride
    for x in range(stride):
        a = line[x - bpp] if x >= bpp else 0
        b = prev[x]; c = prev[x - bpp] if x >= bpp else 0
        if f == 1: line[x] = (line[x] + a) & 255
        elif f == 2: line[x] = (line[x] + b) & 255
        elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    rows.append(bytes(line)); prev = line
def px(r, x): return rows[r][x * bpp:x * bpp + 3]
# The index line is drawn in #1f3f8f; the quad bars in #6aa84f / #990000.
line_blue = bars = 0
colours = set()
for r in range(0, h, 2):
    for x in range(0, w, 2):
        p = px(r, x)
        colours.add(p)
        if abs(p[0] - 0x1f) < 25 and abs(p[1] - 0x3f) < 25 and abs(p[2] - 0x8f) < 25: line_blue += 1
        if (abs(p[0] - 0x6a) < 20 and abs(p[1] - 0xa8) < 20 and abs(p[2] - 0x4f) < 20) or \
           (abs(p[0] - 0x99) < 20 and p[1] < 30 and p[2] < 30): bars += 1
print(f"screenshot {w}x{h}: {len(colours)} colours, {line_blue} index-line pixels, {bars} bar pixels")
ok = len(colours) > 200 and line_blue > 200 and bars > 200
print("ok: the report renders its charts" if ok else "FAIL: the charts did not render")
sys.exit(0 if ok else 1)
PY
