#!/usr/bin/env bash
# The main job: set up, build, and code the bundled China–Japan sample into a table of events.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh >&2
echo "== dyad $(build/dyad --version | cut -d' ' -f2): coding data/sample/china-japan.jsonl ==" >&2
build/dyad code data/sample/china-japan.jsonl --format table
