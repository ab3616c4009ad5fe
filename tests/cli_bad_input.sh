#!/usr/bin/env bash
# Bad input never crashes, never hangs and never silently loses data: each bad record gets one error
# naming file and line, the rest is coded, and the exit code is 1.
set -u
dyad=$1
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
good='{"id":"good","date":"2018-10-26","text":"Japan criticized China on Friday."}'
{
  echo "$good"
  echo '{"id":"badjson", "text": '
  echo '{"id":"notext"}'
  echo '{"id":"empty","text":""}'
  printf '{"id":"badutf8","text":"caf\xC3\x28 Japan criticized China."}\n'
  echo '{"id":"nul","text":"Japan\u0000criticized China."}'
  echo '{"id":"baddate","date":"2018-02-30","text":"Japan criticized China."}'
  head -c 3000 /dev/urandom | tr -d '\n'; echo
  echo '["an","array"]'
  echo "$good" | sed 's/"good"/"good2"/'
} > "$tmp/in.jsonl"
timeout 60 $dyad code "$tmp/in.jsonl" > "$tmp/out" 2> "$tmp/err"
rc=$?
cat "$tmp/err"
check() { if ! eval "$2"; then echo "FAIL: $1"; fail=1; else echo "ok: $1"; fi; }
check "exit code 1 when records were skipped" '[ $rc -eq 1 ]'
check "good records still coded" '[ "$(grep -c "\"source\":\"JPN\"" "$tmp/out")" -eq 2 ]'
for line in 2 3 4 5 6 7 8 9; do
  check "line $line reported with file:line" 'grep -q "in.jsonl:$line:" "$tmp/err"'
done
check "invalid UTF-8 names the byte" 'grep "in.jsonl:5:" "$tmp/err" | grep -q "invalid UTF-8 at byte"'
check "NUL byte named" 'grep "in.jsonl:6:" "$tmp/err" | grep -q "NUL byte"'
check "bad date names the value" 'grep "in.jsonl:7:" "$tmp/err" | grep -q "2018-02-30"'

# A 50 MB document and a 100k-token sentence.
{
  printf '{"id":"huge","text":"'; head -c 52428800 /dev/zero | tr '\0' 'a'; echo '"}'
  printf '{"id":"longsentence","text":"'; for i in $(seq 1 20000); do printf 'Japan and China and '; done; echo 'end."}'
  echo "$good"
} > "$tmp/big.jsonl"
timeout 120 $dyad code "$tmp/big.jsonl" > "$tmp/out2" 2> "$tmp/err2"
rc=$?
head -c 600 "$tmp/err2"; echo
check "big inputs: exit 1, no crash" '[ $rc -eq 1 ]'
check "50 MB document reported" 'grep "big.jsonl:1:" "$tmp/err2" | grep -q "bytes"'
check "100k-token sentence reported" 'grep "big.jsonl:2:" "$tmp/err2" | grep -q "tokens"'
check "the good document after them is coded" 'grep -q "\"doc_id\":\"good\"" "$tmp/out2"'

check "a directory: exit 1, named, no abort" '$dyad code "$tmp" >/dev/null 2>"$tmp/e4"; [ $? -eq 1 ] && grep -q "is a directory" "$tmp/e4"'
check "full disk: exit 2, not success" 'echo "$good" | $dyad code > /dev/full 2>/dev/null; [ $? -eq 2 ]'
check "byte-order mark on line 1 is accepted" 'printf "\xEF\xBB\xBF%s\n" "$good" | $dyad code | grep -q "\"doc_id\":\"good\""'
check "negative date fields are rejected" 'echo "{\"id\":\"n\",\"date\":\"-10101\",\"text\":\"Japan criticized China.\"}" | $dyad code 2>&1 >/dev/null | grep -q "bad date"'
check "missing file: exit 1, rest coded" 'echo "$good" > "$tmp/ok.jsonl"; $dyad code "$tmp/nope.jsonl" "$tmp/ok.jsonl" >"$tmp/o3" 2>"$tmp/e3"; [ $? -eq 1 ] && grep -q nope.jsonl "$tmp/e3" && grep -q good "$tmp/o3"'
exit $fail
