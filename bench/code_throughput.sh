#!/usr/bin/env bash
# Whole-process benchmark: `dyad code` on the PETRARCH GigaWord sample repeated to >= 100,000 sentences,
# one thread. Prints sentences/s and peak RSS.
# Usage: bench/code_throughput.sh [build/dyad] [repeats] [none|parse (--syntax)]
set -euo pipefail
cd "$(dirname "$0")/.."
dyad=${1:-build/dyad}
repeats=${2:-1400}
syntax=${3:-none}
src=../shared/eval/petrarch/gigaword.jsonl
[ -f "$src" ] || { echo "skipped: $src not found"; exit 0; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for i in $(seq 1 "$repeats"); do cat "$src"; done > "$tmp/in.jsonl"
docs=$(wc -l < "$tmp/in.jsonl")
# Sentences as the coder splits them (gigaword records are mostly one sentence each).
sentences=$(( docs ))
# dyad is a streaming filter: its output goes down a pipe to a line counter, so the figure measures the
# coder (and its JSON writing), not the disk.
events=$( { /usr/bin/time -v "$dyad" code -j 1 --syntax "$syntax" "$tmp/in.jsonl" 2> "$tmp/time.txt" || true; } | wc -l)
secs=$(grep "Elapsed (wall clock)" "$tmp/time.txt" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
rss=$(grep "Maximum resident set size" "$tmp/time.txt" | awk '{print $NF}')
awk -v s="$sentences" -v t="$secs" -v r="$rss" -v e="$events" 'BEGIN {
  printf "syntax='"$syntax"' documents=%d sentences=%d events=%d seconds=%.2f sentences_per_s=%.0f peak_rss_mb=%.1f\n", s, s, e, t, s / t, r / 1024 }'
