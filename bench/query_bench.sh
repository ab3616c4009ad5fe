#!/usr/bin/env bash
# Query time over a large store: N synthetic events (default 10,000,000) imported into SQLite,
# then `dyad events --dyad CHN JPN` (whole history, and one year) timed as whole processes.
# Usage: bench/query_bench.sh [N]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DYAD="$ROOT/build/dyad"
N=${1:-10000000}
W=${DYAD_BENCH_DIR:-/tmp/dyad-bench}
mkdir -p "$W"
DB="$W/events-$N.db"
if [ ! -s "$DB" ]; then
  [ -s "$W/events-$N.jsonl" ] || python3 "$ROOT/bench/gen_events.py" "$W/events-$N.jsonl" "$N"
  /usr/bin/time -f "import: %e s, %M KB peak RSS" "$DYAD" import plover "$W/events-$N.jsonl" --db "$DB"
fi
echo "store: $(( $(stat -c %s "$DB") / 1048576 )) MB, $("$DYAD" runs --db "$DB" | head -1)"
t() {  # best of 3 wall times, in ms
  best=999999
  for _ in 1 2 3; do
    s=$(date +%s%N); "$@" > "$W/q.out"; e=$(date +%s%N)
    ms=$(( (e - s) / 1000000 )); [ $ms -lt $best ] && best=$ms
  done
  echo "$best ms, $(( $(wc -l < "$W/q.out") - 1 )) events"
}
echo "dyad events --dyad CHN JPN (all years, tsv):   $(t "$DYAD" events --db "$DB" --dyad CHN JPN --format tsv)"
echo "dyad events --dyad CHN JPN --from/--to 2012:   $(t "$DYAD" events --db "$DB" --dyad CHN JPN --from 2012-01-01 --to 2012-12-31 --format tsv)"
echo "dyad events --dyad CHN JPN --directed --root 17: $(t "$DYAD" events --db "$DB" --dyad CHN JPN --directed --root 17 --format tsv)"
echo "dyad series CHN JPN --by month:                 $(t "$DYAD" series CHN JPN --db "$DB" --by month)"
echo "dyad turns CHN JPN (series + change points):    $(t "$DYAD" turns CHN JPN --db "$DB")"
