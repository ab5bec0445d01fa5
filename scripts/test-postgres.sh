#!/usr/bin/env bash
# The test suite on PostgreSQL: the drift check of the generated PostgreSQL
# schema and migrations, every Vitest test with a fresh PostgreSQL database
# per test file, and two app servers sharing one database.
#
# With TEST_DATABASE_URL set (a superuser url such as
# postgres://postgres@127.0.0.1:5433/postgres) that server is used; without it
# a throw-away cluster from Debian's postgresql package is started on
# 127.0.0.1:$PG_PORT (a free port the kernel picks, unless PG_PORT is set) and
# removed afterwards. The two app servers and their SMTP sink listen on
# MULTI_SERVER_PORT_A, MULTI_SERVER_PORT_B and MULTI_SERVER_SMTP_PORT, free
# ports unless set.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${TEST_DATABASE_URL:-}" ]; then
  cluster=$(mktemp -d /tmp/ledarlyftet-pg.XXXXXX)
  trap 'bash scripts/pg-cluster.sh stop "$cluster"' EXIT
  bash scripts/pg-cluster.sh start "$cluster" "${PG_PORT:-}"
  export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$(cat "$cluster/port")/postgres"
fi
echo "--- PostgreSQL schema and migrations in step with prisma/schema.prisma"
npx tsx scripts/postgres-schema.ts --check
echo "--- vitest on PostgreSQL"
npx vitest run
echo "--- two app servers on one PostgreSQL database"
# Picked just before they are bound, not minutes earlier.
mapfile -t ports < <(node scripts/free-port.mjs 3)
export MULTI_SERVER_PORT_A=${MULTI_SERVER_PORT_A:-${ports[0]}}
export MULTI_SERVER_PORT_B=${MULTI_SERVER_PORT_B:-${ports[1]}}
export MULTI_SERVER_SMTP_PORT=${MULTI_SERVER_SMTP_PORT:-${ports[2]}}
npx vitest run --config vitest.multi-server.config.ts
