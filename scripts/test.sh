#!/usr/bin/env bash
# Set up, build, and run every test (unit, golden, public suites when ../shared/eval is present, CLI).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cd build
ctest --output-on-failure -j "${DYAD_JOBS:-2}" "$@"
