#!/usr/bin/env bash
# Ingest throughput into SQLite, one thread: documents/s, sentences/s, peak RSS, store size.
# Usage: bench/ingest_bench.sh [MIN_SENTENCES]   (default 1,000,000)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DYAD="$ROOT/build/dyad"
N=${1:-1000000}
W=${DYAD_BENCH_DIR:-/tmp/dyad-bench}
mkdir -p "$W"
[ -s "$W/corpus-$N.jsonl" ] || python3 "$ROOT/bench/gen_corpus.py" "$W/corpus-$N.jsonl" "$N"
rm -f "$W/ingest.db" "$W/ingest.db-wal" "$W/ingest.db-shm"
/usr/bin/time -f "%e s elapsed, %M KB peak RSS" "$DYAD" ingest "$W/corpus-$N.jsonl" --db "$W/ingest.db" -j 1 2> "$W/ingest.log" || true
grep -v "^dyad: ingest: " "$W/ingest.log"
summary=$(grep "^dyad: ingested" "$W/ingest.log")
docs=$(echo "$summary" | sed -E 's/.*ingested ([0-9]+) documents.*/\1/')
sents=$(echo "$summary" | sed -E 's/.* ([0-9]+) sentences, .*/\1/')
secs=$(tail -1 "$W/ingest.log" | sed -E 's/ s elapsed.*//')
bytes=$(stat -c %s "$W/ingest.db")
events=$("$DYAD" runs --db "$W/ingest.db" | head -1 | sed -E 's/.* ([0-9]+) events, ([0-9]+) reports.*/\1 \2/')
echo "ingest: $docs documents, $sents sentences in $secs s (whole process): $(echo "$docs / $secs" | bc) documents/s, $(echo "$sents / $secs" | bc) sentences/s"
set -- $events
echo "store: $(echo "$bytes / 1048576" | bc) MB for $1 events ($2 reports): $(echo "$bytes * 1000000 / $1 / 1048576" | bc) MB per million events"
