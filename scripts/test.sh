#!/usr/bin/env bash
# Set up, build, and run every test (unit, golden, public suites when ../shared/eval is present, CLI,
# the store on SQLite and on a throwaway PostgreSQL server on loopback).
set -euo pipefail
cd "$(dirname "$0")/.."
# The tests also need a PostgreSQL server, Python (a loopback HTTP server for feeds), gzip, and
# Chromium (to look at the HTML report).
DYAD_EXTRA_PACKAGES="postgresql python3 gzip chromium" scripts/setup.sh
if [ -z "${DYAD_TEST_POSTGRES:-}" ] && { [ "$(id -u)" -eq 0 ] || [ "$(id -un)" = postgres ]; }; then
  DYAD_TEST_POSTGRES=$(scripts/postgres.sh start)
  export DYAD_TEST_POSTGRES
  trap "$PWD/scripts/postgres.sh stop" EXIT
fi
cd build
ctest --output-on-failure -j "${DYAD_JOBS:-2}" "$@"
