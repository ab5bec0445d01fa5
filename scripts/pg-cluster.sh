#!/usr/bin/env bash
# A throw-away PostgreSQL cluster on 127.0.0.1 for the tests, from Debian's
# postgresql package: all of it lives in one directory that `stop` removes.
#
#   scripts/pg-cluster.sh start <dir> [port]   initdb + pg_ctl start, on <port> or, without
#                                              one, a free port the kernel picks; the port
#                                              is written to <dir>/port
#   scripts/pg-cluster.sh stop <dir>           pg_ctl stop, then remove <dir>
#
# PostgreSQL refuses to run as root; as root the cluster runs as the
# `postgres` user the Debian package creates. The superuser is `postgres`
# with trust authentication: for tests on 127.0.0.1 only, never a deployment.
set -euo pipefail
cmd=${1:?usage: pg-cluster.sh start|stop <dir> [port]}
dir=${2:?usage: pg-cluster.sh start|stop <dir> [port]}
port=${3:-}

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$bin" ]; then
  echo "pg-cluster: PostgreSQL is not installed (apt-get install postgresql)" >&2
  exit 1
fi

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$cmd" in
  start)
    [ -n "$port" ] || port=$(node "$(dirname "$0")/free-port.mjs")
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    # C collation sorts like SQLite (by code point); C.UTF-8 ctype still
    # folds å/Ä/ö for case-insensitive search.
    as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 \
      --lc-collate=C --lc-ctype=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; exit 1; }
    # Durability off: the cluster is thrown away after the run.
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    echo "$port" >"$dir/port"
    echo "pg-cluster: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (data in $dir)"
    ;;
  stop)
    if [ -d "$dir/data" ]; then
      as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: pg-cluster.sh start|stop <dir> [port]" >&2
    exit 2
    ;;
esac
