#!/usr/bin/env bash
# Whole-process benchmark with a peer's dictionaries: `dyad code` with the Phoenix actor, agent,
# discard and issue files and PETRARCH's CAMEO.2.0 verbs on the PETRARCH GigaWord sample repeated to
# >= 100,000 sentences, one thread; once with the first 1,000 Phoenix actor entries, once with the
# first 10,000, once with all of them, to show how the cost grows with the dictionary.
# Each configuration runs `runs` times and the fastest run is reported (the machine is shared: the
# slower runs measure the neighbours), with the slowest wall time beside it.
# Usage: bench/peers_throughput.sh [build/dyad] [repeats] [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
dyad=${1:-build/dyad}
repeats=${2:-1400}
runs=${3:-3}
src=../shared/eval/petrarch/gigaword.jsonl
phx=../shared/reference/phoenix
[ -f "$src" ] && [ -d "$phx" ] || { echo "skipped: ../shared not found"; exit 0; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for i in $(seq 1 "$repeats"); do cat "$src"; done > "$tmp/in.jsonl"
sentences=$(wc -l < "$tmp/in.jsonl")
echo '{"id":"x","text":"Nothing happens here."}' > "$tmp/one.jsonl"
actor_files=("$phx/Phoenix.Countries.actors.txt" "$phx/Phoenix.International.actors.txt"
             "$phx/Phoenix.MilNonState.actors.txt")
# The first N entries of the actor files: an entry is a primary line with its synonyms ("+...")
# and date lines (indented "[...]"); comments and blank lines go along.
subset() {
  awk -v n="$1" '
    /^[^ \t+#<\[]/ && NF > 0 { if (++entries > n) exit }
    { print }' "${actor_files[@]}" > "$tmp/actors-$1.txt"
  echo "$tmp/actors-$1.txt"
}
others="--agents $phx/Phoenix.agents.txt --verbs $phx/CAMEO.2.0.txt --discards $phx/Phoenix.discards.txt --issues $phx/Phoenix.IssueCoding.txt"
for n in 1000 10000 all; do
  if [ "$n" = all ]; then
    actors=$(IFS=,; echo "${actor_files[*]}")
  else
    actors=$(subset "$n")
  fi
  flags="--no-default-dictionaries --actors $actors $others"
  names=$( { "$dyad" dict check $flags 2>/dev/null || true; } | tail -1 | sed "s/.*: \([0-9]*\) actor names.*/\1/")
  /usr/bin/time -f "%U %e" -o "$tmp/load.txt" "$dyad" code -j 1 $flags "$tmp/one.jsonl" > /dev/null 2>&1 || true
  load=$(tail -1 "$tmp/load.txt")
  secs="" user="" rss="" worst=0
  for r in $(seq 1 "$runs"); do
    events=$( { /usr/bin/time -v "$dyad" code -j 1 $flags "$tmp/in.jsonl" 2> "$tmp/time.txt" || true; } | wc -l)
    s=$(grep "Elapsed (wall clock)" "$tmp/time.txt" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
    worst=$(awk -v a="$worst" -v b="$s" 'BEGIN { print (b > a ? b : a) }')
    if [ -z "$secs" ] || awk -v a="$s" -v b="$secs" 'BEGIN { exit !(a < b) }'; then
      secs=$s
      user=$(grep "User time" "$tmp/time.txt" | awk '{print $NF}')
      rss=$(grep "Maximum resident set size" "$tmp/time.txt" | awk '{print $NF}')
    fi
  done
  awk -v n="$n" -v names="$names" -v s="$sentences" -v t="$secs" -v w="$worst" -v u="$user" -v r="$rss" -v e="$events" -v l="$load" 'BEGIN {
    split(l, lt, " ");
    printf "actors=%s actor_names=%s sentences=%d events=%d seconds=%.2f user=%.2f sentences_per_s=%.0f slowest_run_s=%.2f load_user_s=%s peak_rss_mb=%.1f\n", n, names, s, e, t, u, s / t, w, lt[1], r / 1024 }'
done
