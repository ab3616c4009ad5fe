#!/usr/bin/env bash
# A throwaway PostgreSQL server on loopback for the store's tests.
#   scripts/postgres.sh start   -> prints the URL to use (postgresql://...)
#   scripts/postgres.sh stop
# The server runs as the 'postgres' user from a data directory under /tmp, on port 54329, and is
# removed by 'stop'. Needs root (to run as 'postgres') or to be run by the 'postgres' user itself.
set -euo pipefail
DIR=${DYAD_PG_DIR:-/tmp/dyad-test-pg}
PORT=${DYAD_PG_PORT:-54329}
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$BIN" ]; then echo "postgres.sh: PostgreSQL is not installed" >&2; exit 1; fi

as_pg() {
  if [ "$(id -un)" = postgres ]; then bash -c "$1"; else su postgres -s /bin/bash -c "$1"; fi
}

case "${1:-}" in
  start)
    as_pg "'$BIN/pg_ctl' -D '$DIR' status" >/dev/null 2>&1 && as_pg "'$BIN/pg_ctl' -D '$DIR' -m fast stop" >/dev/null 2>&1 || true
    rm -rf "$DIR"
    mkdir -p "$DIR"
    chown postgres: "$DIR" 2>/dev/null || true
    as_pg "'$BIN/initdb' -D '$DIR' --auth=trust -U postgres -E UTF8 >'$DIR.initdb.log' 2>&1"
    as_pg "'$BIN/pg_ctl' -D '$DIR' -l '$DIR/server.log' -w -o \"-p $PORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off\" start" >/dev/null
    as_pg "'$BIN/createdb' -h 127.0.0.1 -p $PORT -U postgres dyad_test"
    echo "postgresql://postgres@127.0.0.1:$PORT/dyad_test"
    ;;
  stop)
    as_pg "'$BIN/pg_ctl' -D '$DIR' -m fast stop" >/dev/null 2>&1 || true
    rm -rf "$DIR" "$DIR.initdb.log"
    ;;
  *)
    echo "usage: scripts/postgres.sh start|stop" >&2; exit 2 ;;
esac
