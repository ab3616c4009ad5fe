#!/usr/bin/env bash
# The README's main job on the bundled corpus: the CHN–JPN turning points, their driving events,
# and the report. Usage: tests/cli_story.sh path/to/dyad
#
# The reference turns are what happened: the 2005 protests (Apr 2005), the trawler collision
# (Sep 2010), the islands purchase (Sep 2012), the thaw (Nov 2014), Abe's visit (Oct 2018), the
# treated-water release (Aug 2023) and the Taiwan remarks row (Nov 2025). A detected turn counts
# when it falls within one quarter (3 months) of one of them. The floor only rises; the goal is 7.
# Usage: tests/cli_story.sh path/to/dyad [none|parse]   (the coder's --syntax; the main job uses parse)
set -uo pipefail
DYAD=$(realpath "$1")
SYNTAX=${2:-none}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
# Floor 3: word order finds 2010, 2012 and 2014 (2014-08); with syntax also 2005 (4 of 7).
FLOOR=3
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

"$DYAD" ingest "$ROOT/data/corpus/china-japan" --db "$T/cj.db" -q --syntax "$SYNTAX" || fail "ingest"
"$DYAD" turns CHN JPN --db "$T/cj.db" --format json > "$T/turns.json" || fail "turns"
python3 - "$T/turns.json" "$FLOOR" <<'PY' || fails=$((fails + 1))
import json, sys
turns = json.load(open(sys.argv[1]))
floor = int(sys.argv[2])
month = lambda s: int(s[:4]) * 12 + int(s[5:7]) - 1
truth = {"2005-04": "2005 protests", "2010-09": "trawler collision", "2012-09": "islands purchase",
         "2014-11": "four-point consensus and Abe-Xi meeting", "2018-10": "Abe visit to Beijing",
         "2023-08": "treated-water release", "2025-11": "Taiwan remarks row"}
hits = []
for when, what in truth.items():
    near = [t for t in turns if abs(month(t["period"]) - month(when)) <= 3]
    print(("found  " if near else "missed ") + f"{when} {what}" + (f" -> turn {near[0]['period']}" if near else ""))
    if near:
        hits.append(near[0])
for t in turns:
    if not t["drivers"]:
        print(f"FAIL: turn {t['period']} has no driving events"); sys.exit(1)
    for d in t["drivers"]:
        if not d["evidence"] or not d["doc_id"]:
            print(f"FAIL: a driver of {t['period']} has no evidence or document"); sys.exit(1)
print(f"{len(hits)} of {len(truth)} reference turns found within a quarter ({len(turns)} turns detected); floor {floor}")
sys.exit(0 if len(hits) >= floor else 1)
PY
# Each turn is led by an event pushing the level its way: below the level before a fall (a
# conflict event in a crisis, or a lukewarm one ending a warm spell), above it before a rise.
python3 - "$T/turns.json" <<'PY' || fails=$((fails + 1))
import json, sys
for t in json.load(open(sys.argv[1])):
    down = t["after"] < t["before"]
    top = t["drivers"][0]["goldstein"]
    if down and top >= t["before"] or not down and top <= t["before"]:
        print(f"FAIL: turn {t['period']} ({'down' if down else 'up'} from {t['before']}) led by an event of Goldstein {top}"); sys.exit(1)
print("each turn is led by an event pushing its way")
PY
"$DYAD" story CHN JPN --db "$T/cj.db" > "$T/story.txt" || fail "story"
grep -q "Turning points" "$T/story.txt" && grep -q "ordinary\|discord" "$T/story.txt" || fail "story text: $(head -5 "$T/story.txt")"
"$DYAD" report CHN JPN --db "$T/cj.db" -o "$T/r.html" 2>/dev/null || fail "report"
"$DYAD" report CHN JPN --db "$T/cj.db" --format md -o "$T/r.md" 2>/dev/null || fail "md report"
grep -q "new Chart(" "$T/r.html" && ! grep -q "<script src=" "$T/r.html" && grep -q "## Turning points" "$T/r.md" ||
  fail "the report is not self-contained or lacks its charts"
"$DYAD" alerts CHN JPN --db "$T/cj.db" --format json > "$T/alerts.json"; rc=$?
[ $rc -eq 0 ] || [ $rc -eq 3 ] || fail "alerts exit $rc"
python3 -c "import json,sys; j=json.load(open('$T/alerts.json')); assert j['grade'] and 'alerts' in j" || fail "alerts json"
"$DYAD" series CHN JPN --db "$T/cj.db" --by year --dimension territorial --format csv > "$T/terr.csv" || fail "series"
grep -q "^2012," "$T/terr.csv" || fail "no 2012 in the territorial series"
echo "$fails failures"
[ $fails -eq 0 ]
