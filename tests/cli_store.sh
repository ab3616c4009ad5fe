#!/usr/bin/env bash
# The store through the CLI: idempotent ingest, runs killed with SIGKILL, interchange round trips,
# bad input, feeds over loopback HTTP, re-coding. On SQLite always, on PostgreSQL too when
# $DYAD_TEST_POSTGRES names a server (scripts/test.sh starts one).
# Usage: tests/cli_store.sh path/to/dyad
set -uo pipefail
DYAD=$(realpath "$1")
ROOT=$(cd "$(dirname "$0")/.." && pwd)
T=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$T"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
pass() { echo "ok: $*"; }
PY=$(command -v python3 || true)

# The stored events as comparable lines: everything but the store's own id.
events_of() { "$DYAD" events --db "$1" --format tsv 2>/dev/null | tail -n +2 | cut -f2- | sort; }

fresh_store() {  # $1 backend, $2 name -> prints a location
  if [ "$1" = sqlite ]; then
    rm -f "$T/$2.db" "$T/$2.db-wal" "$T/$2.db-shm"
    echo "$T/$2.db"
  else  # a schema of our own: other tests use the same server at the same time
    psql -q "$DYAD_TEST_POSTGRES" -c "DROP SCHEMA IF EXISTS cli_store CASCADE; CREATE SCHEMA cli_store;" >/dev/null 2>&1
    case "$DYAD_TEST_POSTGRES" in *\?*) sep='&' ;; *) sep='?' ;; esac
    echo "$DYAD_TEST_POSTGRES${sep}options=-csearch_path%3Dcli_store"
  fi
}

# A corpus big enough to kill mid-run: the bundled corpus carried by 8 outlets each (wire copies:
# same text, other outlet), so events gain reports and outlets as copies arrive.
mkdir -p "$T/big"
mkdir -p "$T/big4"
for k in 1 2 3 4 5 6 7 8; do
  sed -e "s/\"id\": \"/\"id\": \"c$k-/" -e "s/\"outlet\": \"\([^\"]*\)\"/\"outlet\": \"\1 $k\"/" \
    "$ROOT"/data/corpus/china-japan/*.jsonl > "$T/big/copy$k.jsonl"
  [ $k -le 4 ] && cp "$T/big/copy$k.jsonl" "$T/big4/"
done

backends=(sqlite)
[ -n "${DYAD_TEST_POSTGRES:-}" ] && backends+=(postgres)

for B in "${backends[@]}"; do
  # --- idempotent ingest --------------------------------------------------------------------------
  DB=$(fresh_store "$B" idem)
  "$DYAD" ingest "$ROOT/data/sample" --db "$DB" -q; rc=$?
  [ $rc -eq 0 ] || fail "$B: ingest of the sample exited $rc"
  events_of "$DB" > "$T/once"
  "$DYAD" ingest "$ROOT/data/sample" --db "$DB" 2> "$T/again.err"
  events_of "$DB" > "$T/twice"
  if [ -s "$T/once" ] && cmp -s "$T/once" "$T/twice" && grep -q "(0 new, 89 already stored)" "$T/again.err"; then
    pass "$B: re-running an ingest adds nothing ($(wc -l < "$T/once") events)"
  else
    fail "$B: re-running an ingest changed the store: $(cat "$T/again.err")"
  fi

  # --- SIGKILL at any moment ---------------------------------------------------------------------
  # (PostgreSQL, a round trip per statement, gets half the corpus to keep the suite short.)
  BIG="$T/big"; COPIES=8
  [ "$B" = postgres ] && BIG="$T/big4" && COPIES=4
  REF=$(fresh_store "$B" ref)
  "$DYAD" ingest "$BIG" --db "$REF" -q
  events_of "$REF" > "$T/ref"
  DB=$(fresh_store "$B" killed)
  kills=0
  for delay in 0.15 0.5 0.9 1.4 2.0 2.7; do
    "$DYAD" ingest "$BIG" --db "$DB" -q &
    pid=$!
    sleep "$delay"
    if kill -9 $pid 2>/dev/null; then kills=$((kills + 1)); fi
    wait $pid 2>/dev/null
  done
  "$DYAD" ingest "$BIG" --db "$DB" -q
  events_of "$DB" > "$T/after"
  interrupted=$("$DYAD" runs --db "$DB" | grep -c interrupted)
  if [ "$kills" -ge 2 ] && [ -s "$T/ref" ] && cmp -s "$T/ref" "$T/after"; then
    pass "$B: $kills runs killed with SIGKILL, then a rerun ends with exactly the events of an uninterrupted run ($(wc -l < "$T/ref") events, $interrupted runs marked interrupted)"
  else
    fail "$B: after $kills SIGKILLs the store differs from an uninterrupted run: $(diff "$T/ref" "$T/after" | head -5)"
  fi
  if grep -qP "\t$COPIES\t$COPIES\t1\tdyad\t" "$T/ref"; then
    pass "$B: wire copies from $COPIES outlets count $COPIES reports, $COPIES outlets, 1 story"
  else
    fail "$B: no event with $COPIES reports from $COPIES outlets in one story"
  fi

  # --- interchange round trips -------------------------------------------------------------------
  for fmt in gdelt plover; do
    "$DYAD" export --db "$REF" --format "$fmt" -o "$T/out.$fmt" 2>/dev/null
    DB2=$([ "$B" = sqlite ] && fresh_store sqlite "rt$fmt" || echo "$T/rt$fmt-pg.db")
    "$DYAD" import "$fmt" "$T/out.$fmt" --db "$DB2" 2>/dev/null; rc=$?
    # Compare what both formats carry: date, source, target, code, reports, outlets.
    a=$("$DYAD" events --db "$REF" --format tsv | tail -n +2 | cut -f2-5,11,12 | sort | md5sum)
    b=$("$DYAD" events --db "$DB2" --format tsv | tail -n +2 | cut -f2-5,11,12 | sort | md5sum)
    n=$(wc -l < "$T/out.$fmt")
    if [ $rc -eq 0 ] && [ "$a" = "$b" ] && [ "$n" -gt 100 ]; then
      pass "$B: $fmt export -> import keeps all $n events with their counts"
    else
      fail "$B: $fmt round trip differs (import exit $rc)"
    fi
  done
  [ "$B" = sqlite ] || continue

  # --- datasets in -------------------------------------------------------------------------------
  DB=$(fresh_store sqlite imports)
  "$DYAD" import gdelt "$ROOT/tests/data/gdelt-sample.export.tsv" --db "$DB" 2>/dev/null
  "$DYAD" import icews "$ROOT/tests/data/icews-sample.tab" --db "$DB" 2>/dev/null
  "$DYAD" import plover "$ROOT/tests/data/plover-sample.jsonl" --db "$DB" 2>/dev/null
  "$DYAD" import gdelt "$ROOT/tests/data/gdelt-sample.export.tsv" --db "$DB" 2>/dev/null
  got=$("$DYAD" events --db "$DB" --dyad CHN JPN --format tsv | tail -n +2 | cut -f2-5,11,12,14 | tr '\t' ' ')
  if [ "$(echo "$got" | wc -l)" -eq 11 ] && echo "$got" | grep -q "2013-11-23 CHNMIL JPN 150 33 15 gdelt" &&
     echo "$got" | grep -q "2010-09-08 JPNCOP CHN 173 1 1 icews" && echo "$got" | grep -q "2025-11-19 CHN JPN 128 1 1 plover"; then
    pass "GDELT, ICEWS and PLOVER files import once each, marked with their origin"
  else
    fail "imports: $got"
  fi
  printf '1\t20120101\tonly three\n' > "$T/short.tsv"
  "$DYAD" import gdelt "$T/short.tsv" --db "$DB" 2> "$T/short.err"; rc=$?
  grep -q "short.tsv:1: 3 columns, a GDELT 2.0 event row has 61" "$T/short.err" && [ $rc -eq 1 ] &&
    pass "a malformed GDELT row is reported with file and line (exit 1)" || fail "bad GDELT row: rc=$rc $(cat "$T/short.err")"

  # --- bad input: everything else is ingested, the exit code says something was skipped -----------
  mkdir -p "$T/bad"
  head -c 300 "$ROOT/data/sample/china-japan.jsonl" > "$T/bad/cut.jsonl"
  gzip -c "$ROOT/data/sample/china-japan.jsonl" | head -c 4000 > "$T/bad/truncated.jsonl.gz"
  printf 'title,date,text\nok,2014-11-10,Abe met Xi in Beijing.\nbroken,2014-11-11\n' > "$T/bad/rows.csv"
  printf '<html><head><title>x</title></head><body></body></html>' > "$T/bad/empty.html"
  printf '<?xml version="1.0"?>\n<rss><channel><item><title>x</item></channel></rss>\n' > "$T/bad/broken.rss"
  printf 'Tokyo \x93\xfa\x96\x7b protested to Beijing on Monday.' > "$T/bad/2012-09-17-sjis.txt"
  printf '\xff\xfe\x00\x01\x02binary junk \xc3' > "$T/bad/2012-09-18-junk.txt"
  DB=$(fresh_store sqlite bad)
  "$DYAD" ingest "$T/bad" --db "$DB" 2> "$T/bad.err"; rc=$?
  ok=1
  for want in "truncated.jsonl.gz: after line" "truncated gzip stream at byte" "rows.csv:3: 2 fields, the header has 3" \
              "empty.html: the page has no body text" "broken.rss:2: broken XML at byte" \
              "sjis.txt: converted from Shift_JIS" "junk.txt: binary data"; do
    grep -q "$want" "$T/bad.err" || { ok=0; echo "  missing message: $want"; }
  done
  docs=$("$DYAD" runs --db "$DB" | head -1 | grep -o "[0-9]* documents" | cut -d' ' -f1)
  # kept: the whole documents before the cut in truncated.gz, the good CSV row, the Shift-JIS text
  if [ $ok -eq 1 ] && [ $rc -eq 1 ] && [ "${docs:-0}" -ge 3 ]; then
    pass "bad input is reported with file and line or byte, the rest ($docs documents) is stored, exit 1"
  else
    fail "bad input: rc=$rc docs=$docs; $(cat "$T/bad.err")"
  fi
  "$DYAD" ingest "$T/nope.jsonl" --db "$DB" 2> "$T/nope.err"; rc=$?
  grep -q "nope.jsonl: no such file" "$T/nope.err" && [ $rc -eq 1 ] && pass "a missing source is reported (exit 1)" ||
    fail "missing source: rc=$rc $(cat "$T/nope.err")"
  echo "not a store" > "$T/text.db"
  "$DYAD" events --db "$T/text.db" 2> "$T/notdb.err"; rc=$?
  grep -q "text.db" "$T/notdb.err" && [ $rc -eq 2 ] && pass "a file that is not a store is refused (exit 2)" ||
    fail "not a store: rc=$rc $(cat "$T/notdb.err")"

  # --- feeds over loopback HTTP ------------------------------------------------------------------
  if [ -n "$PY" ]; then
    mkdir -p "$T/www"
    item() { printf '<item><title>%s</title><link>http://example.org/%s</link><guid>%s</guid><pubDate>%s</pubDate><description>%s</description></item>' "$@"; }
    { printf '<?xml version="1.0"?><rss version="2.0"><channel><title>Loopback Wire</title>'
      item "Talks" a a "Mon, 10 Nov 2014 08:00:00 GMT" "Prime Minister Shinzo Abe met President Xi Jinping in Beijing on Monday."
      item "Protest" b b "Tue, 11 Sep 2012 08:00:00 GMT" "China lodged a strong protest with Japan over the purchase of the islands."
      printf '</channel></rss>'; } > "$T/www/feed.xml"
    port=$((20000 + RANDOM % 20000))
    (cd "$T/www" && exec "$PY" -m http.server "$port" --bind 127.0.0.1 >/dev/null 2>&1) &
    for _ in $(seq 50); do "$PY" -c "import urllib.request as u; u.urlopen('http://127.0.0.1:$port/feed.xml')" 2>/dev/null && break; sleep 0.1; done
    DB=$(fresh_store sqlite watch)
    "$DYAD" watch "http://127.0.0.1:$port/feed.xml" --db "$DB" --every 1s --polls 2 2> "$T/watch.err"; rc=$?
    first=$(grep -c "(2 new" "$T/watch.err"); second=$(grep -c "(0 new, 2 already stored)" "$T/watch.err")
    sed -i "s|</channel>|$(item "Water" c c "Thu, 24 Aug 2023 08:00:00 GMT" "China banned all imports of Japanese seafood on Thursday.")</channel>|" "$T/www/feed.xml"
    "$DYAD" watch "http://127.0.0.1:$port/feed.xml" --db "$DB" --every 1s --polls 1 2> "$T/watch2.err"
    third=$(grep -c "(1 new, 2 already stored)" "$T/watch2.err")
    n=$("$DYAD" events --db "$DB" --format tsv | tail -n +2 | wc -l)
    if [ $rc -eq 0 ] && [ "$first" = 1 ] && [ "$second" = 1 ] && [ "$third" = 1 ] && [ "$n" -ge 3 ]; then
      pass "watch polls a feed over HTTP, ingests new items once and never again ($n events)"
    else
      fail "watch: rc=$rc $first/$second/$third n=$n; $(cat "$T/watch.err" "$T/watch2.err")"
    fi
    "$DYAD" ingest "http://127.0.0.1:$port/missing.xml" --db "$DB" 2> "$T/404.err"; rc=$?
    grep -q "HTTP status 404" "$T/404.err" && [ $rc -eq 1 ] && pass "a URL that fails is reported with its status" ||
      fail "404: rc=$rc $(cat "$T/404.err")"
  else
    fail "python3 is needed to serve feeds over loopback HTTP"
  fi

  # --- recode with other dictionaries, and compare the codings -----------------------------------
  DB=$(fresh_store sqlite recode)
  "$DYAD" ingest "$ROOT/data/sample" --db "$DB" -q
  # Ingesting with another coder configuration says that the store's coding was made otherwise.
  "$DYAD" ingest "$ROOT/data/sample" --db "$DB" -q --syntax parse 2> "$T/mixed.err"
  "$DYAD" ingest "$ROOT/data/sample" --db "$DB" -q 2> "$T/same.err"
  if grep -q "dyad recode --db" "$T/mixed.err" && ! grep -q "warning" "$T/same.err"; then
    pass "ingest with another coder configuration warns and points to recode; the same one does not"
  else
    fail "coding mismatch warning: $(cat "$T/mixed.err" "$T/same.err")"
  fi
  cp -r "$ROOT/data" "$T/data2"
  rm "$T/data2/verbs/"*-protest.txt 2>/dev/null || rm "$T/data2/verbs/14"*
  "$DYAD" recode --db "$DB" --data "$T/data2" 2> "$T/recode.err"; rc=$?
  diff_out=$("$DYAD" diff-runs --db "$DB")
  only_old=$(echo "$diff_out" | head -1 | grep -o "[0-9]* only in 1" | cut -d' ' -f1)
  roots=$(echo "$diff_out" | grep '^- ' | awk '{print $5}' | cut -c1-2 | sort -u | tr '\n' ' ')
  after=$("$DYAD" events --db "$DB" --root 14 --format tsv | tail -n +2 | wc -l)
  before=$("$DYAD" events --db "$DB" --root 14 --coding 1 --format tsv | tail -n +2 | wc -l)
  if [ $rc -eq 0 ] && [ "${only_old:-0}" -gt 0 ] && [ "$after" -lt "$before" ]; then
    pass "recode without the protest patterns: $only_old events only in the old coding (roots $roots), which stays readable ($before root-14 events before, $after after)"
  else
    fail "recode: rc=$rc; $diff_out; before=$before after=$after"
  fi
done

echo "$fails failures"
[ "$fails" -eq 0 ]
