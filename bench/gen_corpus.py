#!/usr/bin/env python3
"""Writes a large JSONL corpus for the ingest benchmark from the bundled China-Japan corpus.

Copy k of each document is dated k*3 days later, carries another outlet name and has its numbers
changed, so that copies are distinct documents whose events do not all merge. Deterministic.
Usage: gen_corpus.py OUT.jsonl MIN_SENTENCES
"""
import datetime, glob, json, os, re, sys

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
docs = []
for path in sorted(glob.glob(os.path.join(root, "data/corpus/china-japan/*.jsonl"))):
    with open(path, encoding="utf-8") as f:
        docs += [json.loads(line) for line in f if line.strip()]
sentences_per_pass = sum(len(re.findall(r"[.!?](\s|$)", d["text"])) for d in docs)
want = int(sys.argv[2])
copies = -(-want // sentences_per_pass)
with open(sys.argv[1], "w", encoding="utf-8") as out:
    for k in range(copies):
        for d in docs:
            day = datetime.date.fromisoformat(d["date"]) + datetime.timedelta(days=3 * k)
            text = re.sub(r"\d+", lambda m: str(int(m.group(0)) + k), d["text"])
            out.write(json.dumps({"id": f"b{k}-{d['id']}", "date": day.isoformat(),
                                  "outlet": f"{d['outlet']} {k}", "title": d["title"],
                                  "text": text}, ensure_ascii=False) + "\n")
print(f"{copies * len(docs)} documents, about {copies * sentences_per_pass} sentences", file=sys.stderr)
