#!/usr/bin/env bash
# Installs what dyad needs from Debian's packages (only what is missing), then configures and builds.
# Usage: scripts/setup.sh            (build into ./build)
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(g++ cmake ninja-build ccache pkg-config make
          libfmt-dev libcli11-dev nlohmann-json3-dev libsimdjson-dev libutf8proc-dev libstemmer-dev
          libsqlite3-dev libpqxx-dev zlib1g-dev libzstd-dev libgumbo-dev libpugixml-dev
          libcurl4-openssl-dev libicu-dev libxxhash-dev libjs-chart.js
          libgtest-dev libgmock-dev libbenchmark-dev
          ${DYAD_EXTRA_PACKAGES:-})

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/dyad-ccache}"
if [ ! -f build/build.ninja ]; then
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
cmake --build build -j "${DYAD_JOBS:-2}"
