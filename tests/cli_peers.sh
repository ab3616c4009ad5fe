#!/usr/bin/env bash
# The peers' commands: dictionaries in TABARI/PETRARCH-2 formats given on the command line, bad
# lines reported with file:line, --strict, dict import, validate (when ../shared/eval is present).
set -u
dyad=$1
src=$(cd "$(dirname "$0")/.." && pwd)
fail=0
check() { if ! eval "$2"; then echo "FAIL: $1"; fail=1; else echo "ok: $1"; fi; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# A small world in TABARI's formats, written for this test.
cat > "$tmp/w.verbs" <<'EOF'
PRAISE_ [051]
- * FOR_HELP [053]
CRITICI [111]
EOF
cat > "$tmp/w.actors" <<'EOF'
NORLAND [NOR] ; a comment
SUDRIA_ [SUD]
BROKEN LINE [SUD 12x]
EOF
cat > "$tmp/w.agents" <<'EOF'
MINISTER_ [~GOV]
EOF
peer="--no-default-dictionaries --actors $tmp/w.actors --verbs $tmp/w.verbs --agents $tmp/w.agents"

doc='{"id":"a","date":"2020-01-01","text":"The Norland minister praised Sudria for help in the matter on Monday. Sudria then criticized Norland for its part in the matter."}'
out=$(echo "$doc" | $dyad code $peer 2>"$tmp/err")
check "code with TABARI dictionaries" 'echo "$out" | grep -q "\"source\":\"NORGOV\",\"target\":\"SUD\".*\"code\":\"053\""'
check "second sentence coded" 'echo "$out" | grep -q "\"source\":\"SUD\",\"target\":\"NOR\".*\"code\":\"111\""'
check "pattern names its file and line" 'echo "$out" | grep -q "\"pattern\":\"w.verbs:2\""'
check "bad line reported with file:line" 'grep -q "w.actors:3: .*12x" "$tmp/err"'
check "explain shows the peer's rules" '$dyad explain "Norland praised Sudria for help in the matter on Monday." $peer 2>/dev/null | grep -q "coded by TABARI"'
check "dict check lists problems and exits 1" '$dyad dict check $peer > "$tmp/check" 2>&1; [ $? -eq 1 ] && grep -q "w.actors:3:" "$tmp/check"'
check "--strict fails with every problem" 'echo "$doc" | $dyad code $peer --strict > /dev/null 2> "$tmp/strict"; [ $? -eq 2 ] && grep -q "w.actors:3:" "$tmp/strict"'
echo "just some words" > "$tmp/junk.txt"
check "unknown format exits 2" '$dyad code --actors "$tmp/junk.txt" < /dev/null > /dev/null 2> "$tmp/junk.err"; [ $? -eq 2 ] && grep -q "junk.txt" "$tmp/junk.err"'
check "missing file exits 2" '$dyad code --verbs "$tmp/none.verbs" < /dev/null > /dev/null 2>&1; [ $? -eq 2 ]'
check "peer actors with dyad verbs" 'echo "{\"id\":\"b\",\"text\":\"Norland criticized Japan.\"}" | $dyad code --actors "$tmp/w.actors" 2>/dev/null | grep -q "\"source\":\"NOR\",\"target\":\"JPN\""'

check "dict import writes dyad files" '$dyad dict import tabari "$tmp/w.actors" "$tmp/w.verbs" "$tmp/w.agents" -o "$tmp/out" > "$tmp/import" && [ -f "$tmp/out/actors/w.txt" ] && [ -f "$tmp/out/verbs/w.txt" ] && [ -f "$tmp/out/agents.txt" ]'
check "import report names what was lost" 'grep -q "w.actors:1: actor .NORLAND. carried with a loss: stem" "$tmp/out/IMPORT-REPORT.txt"'
check "imported folder loads" '$dyad dict check --data "$tmp/out" | tail -1 | grep -q "0 problem(s)"'
check "imported folder codes" 'echo "{\"id\":\"c\",\"text\":\"Norland praised Sudria for help.\"}" | $dyad code --data "$tmp/out" 2>/dev/null | grep -q "\"code\":\"053\""'
check "import reports a verb stem" 'grep -q "w.verbs:3: .*stem .CRITICI." "$tmp/out/IMPORT-REPORT.txt"'
check "import refuses dyad's own data" '! $dyad dict import tabari "$tmp/w.actors" -o "$src/data" > /dev/null 2>&1'

shared=$src/../shared/eval
if [ -d "$shared" ]; then
  check "validate tabari ends with passed=N total=M" '$dyad validate tabari "$shared/tabari" -q --events-out "$tmp/ev.jsonl" | tail -1 | grep -Eq "^passed=[0-9]+ total=444$"'
  check "events JSONL per record" 'head -1 "$tmp/ev.jsonl" | grep -q "\"events\":\[" && grep -q "\"id\":\"DEMO-01\"" "$tmp/ev.jsonl" && grep -q "\"seq\":3" "$tmp/ev.jsonl"'
  check "validate petrarch" '$dyad validate petrarch "$shared/petrarch" | tail -1 | grep -Eq "^passed=[0-9]+ total=284$"'
  check "failures list expected and got with an explanation" '$dyad validate petrarch "$shared/petrarch" | grep -A2 "^FAIL" | grep -q "  |"'
elif [ "${CI:-}" = "true" ]; then
  echo "FAIL: ../shared/eval not found under CI"
  fail=1
else
  echo "skipped: ../shared/eval not found"
fi
exit $fail
