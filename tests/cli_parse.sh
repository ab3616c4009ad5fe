#!/usr/bin/env bash
# The parser commands' contract: CoNLL-U out for text or CoNLL-U in, file:line messages for bad
# input, exit codes 0 (ok), 1 (input reported and skipped), 2 (usage or configuration).
set -u
dyad=$1
model=${2:-}
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
check() { if ! eval "$2"; then echo "FAIL: $1"; fail=1; else echo "ok: $1"; fi; }
m=()
[ -n "$model" ] && m=(--model "$model")

out=$(echo "Japan's foreign minister met his Chinese counterpart in Beijing on Friday. They agreed to talk." |
  $dyad parse "${m[@]}")
check "text in, CoNLL-U out" 'echo "$out" | grep -q "^1	Japan	Japan	PROPN	NNP	"'
check "two sentences" '[ "$(echo "$out" | grep -c "^# sent_id")" -eq 2 ]'
check "one root per sentence" '[ "$(echo "$out" | awk -F"\t" "\$7==\"0\"" | wc -l)" -eq 2 ]'
check "clitic split and lemmatised" 'echo "$out" | grep -q "^2	'"'"'s	'"'"'s	PART	POS	"'
check "SpaceAfter=No kept" 'echo "$out" | grep -q "^1	Japan.*SpaceAfter=No"'

printf '# sent_id = a\n1\tThey\t_\t_\t_\t_\t_\t_\t_\t_\n2-3\tcan'"'"'t\t_\t_\t_\t_\t_\t_\t_\t_\n2\tca\t_\t_\t_\t_\t_\t_\t_\t_\n3\tn'"'"'t\t_\t_\t_\t_\t_\t_\t_\t_\n4\tgo\t_\t_\t_\t_\t_\t_\t_\t_\n\n' > "$tmp/in.conllu"
printf '1\tbroken line\n\n' >> "$tmp/in.conllu"
printf '# sent_id = c\n1\tStop\t_\t_\t_\t_\t_\t_\t_\t_\n2\t.\t_\t_\t_\t_\t_\t_\t_\t_\n\n' >> "$tmp/in.conllu"
$dyad parse "${m[@]}" --input conllu "$tmp/in.conllu" > "$tmp/out.conllu" 2> "$tmp/err"
rc=$?
check "CoNLL-U in: bad sentence reported, exit 1" '[ $rc -eq 1 ] && grep -q "in.conllu:8: expected 10 tab-separated fields" "$tmp/err"'
check "CoNLL-U in: good sentences parsed" '[ "$(grep -c "^# sent_id" "$tmp/out.conllu")" -eq 2 ]'
check "CoNLL-U in: multiword token line kept" 'grep -q "^2-3	can'"'"'t" "$tmp/out.conllu"'
check "CoNLL-U in: predicted columns filled" 'grep -q "^4	go	go	VERB	VB	" "$tmp/out.conllu"'

printf 'A good paragraph.\n\nBad \xC3\x28 bytes here.\n\nAnother good one.\n' > "$tmp/bad.txt"
$dyad parse "${m[@]}" "$tmp/bad.txt" > "$tmp/out2" 2> "$tmp/err2"
rc=$?
check "invalid UTF-8: file:line, exit 1, rest parsed" '[ $rc -eq 1 ] && grep -q "bad.txt:3: invalid UTF-8 at byte 4" "$tmp/err2" && [ "$(grep -c "^# sent_id" "$tmp/out2")" -eq 2 ]'
$dyad parse "${m[@]}" /nonexistent.txt > /dev/null 2> "$tmp/err3"
check "missing input file: exit 1" '[ $? -eq 1 ] && grep -q "/nonexistent.txt: cannot open file" "$tmp/err3"'
$dyad parse --model /nonexistent.parse < /dev/null > /dev/null 2>&1
check "missing model: exit 2" '[ $? -eq 2 ]'
$dyad parse --input xml < /dev/null > /dev/null 2>&1
check "bad flag value: exit 2" '[ $? -eq 2 ]'
$dyad eval parser /nonexistent.conllu "${m[@]}" > /dev/null 2>&1
check "eval on a missing file: exit 2" '[ $? -eq 2 ]'
$dyad eval parser "$tmp/in.conllu" "${m[@]}" > "$tmp/eval" 2>/dev/null
check "eval parser prints scores" 'grep -q "UPOS .* UAS .* LAS" "$tmp/eval"'
check "train-parser --help" '$dyad train-parser --help | grep -q -- "--seed"'
$dyad train-parser --train /nonexistent.conllu -o "$tmp/m.parse" > /dev/null 2>&1
check "train-parser on a missing file: exit 2" '[ $? -eq 2 ]'
exit $fail
