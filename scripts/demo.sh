#!/usr/bin/env bash
# The main job: set up, build, ingest the bundled China–Japan corpus into an embedded SQLite store
# (coded with syntax: roles from dyad's own dependency parser), print the CHN–JPN story (periods,
# grades, turning points with their top events) and write report.html.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh >&2
DB=${DYAD_DEMO_DB:-china-japan.db}
echo "== dyad $(build/dyad --version | cut -d' ' -f2): ingesting data/corpus/china-japan into $DB ==" >&2
build/dyad ingest data/corpus/china-japan --db "$DB" --syntax parse
echo
build/dyad story CHN JPN --db "$DB"
echo
build/dyad report CHN JPN --db "$DB" -o report.html
echo "Open report.html in a browser; explore further with: build/dyad events --db $DB --dyad CHN JPN --from 2012-09-01 --to 2012-09-30" >&2
