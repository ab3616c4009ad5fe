#!/usr/bin/env bash
# The CLI's contract: version, help on every subcommand, usage errors exit 2, streaming output.
set -u
dyad=$1
fail=0
check() { if ! eval "$2"; then echo "FAIL: $1"; fail=1; else echo "ok: $1"; fi; }

check "--version" '[[ "$($dyad --version)" == dyad\ * ]]'
check "version" '[[ "$($dyad version)" == dyad\ * ]]'
check "help lists subcommands" '$dyad help | grep -q "^Subcommands:" && $dyad help | grep -q "^  ingest "'
check "help SUBCOMMAND" '$dyad help code | grep -q "jobs"'
check "eval on a missing path exits 2" '$dyad eval golden /nonexistent >/dev/null 2>&1; [ $? -eq 2 ]'
for sub in code explain "dict check" "eval golden" "eval plover"; do
  check "$sub --help" '$dyad $sub --help | grep -qi "usage"'
done
check "unknown flag exits 2" '$dyad code --bogus >/dev/null 2>&1; [ $? -eq 2 ]'
check "unknown subcommand exits 2" '$dyad frobnicate >/dev/null 2>&1; [ $? -eq 2 ]'
check "missing dictionaries exit 2" '$dyad --data /nonexistent code </dev/null >/dev/null 2>&1; [ $? -eq 2 ]'
check "dict check passes" '$dyad dict check | tail -1 | grep -q "0 problem(s)"'

doc='{"id":"a","date":"2018-10-26","text":"Japanese Prime Minister Shinzo Abe and Chinese President Xi Jinping agreed to open a new chapter in relations on Friday."}'
out=$(echo "$doc" | $dyad code)
check "stdin to JSON events" '[ -n "$out" ] && echo "$out" | grep -q "\"doc_id\":\"a\""'
check "event has required fields" 'for f in doc_id sentence date source target source_country target_country code root goldstein quad plover context evidence pattern; do echo "$out" | head -1 | grep -q "\"$f\":" || exit 1; done'
check "--sentence-text adds the sentence" 'echo "$doc" | $dyad code --sentence-text | grep -q "\"sentence_text\":"'
check "tsv has header" '[[ "$(echo "$doc" | $dyad code --format tsv | head -1)" == doc_id* ]]'
check "-j keeps input order" 'diff <(for i in $(seq 1 300); do echo "{\"id\":\"d$i\",\"text\":\"Japan criticized China.\"}"; done | $dyad code -j 2 | grep -o "\"doc_id\":\"d[0-9]*\"") <(for i in $(seq 1 300); do echo "\"doc_id\":\"d$i\""; done)'
check "broken pipe exits 0" 'for i in $(seq 1 3000); do echo "{\"id\":\"d$i\",\"text\":\"Japan criticized China.\"}"; done | $dyad code | head -1 >/dev/null; [ "${PIPESTATUS[1]}" -eq 0 ]'
check "explain shows actors and events" '$dyad explain "Japan criticized China." | grep -q "EVENT JPN -> CHN"'
exit $fail
