#!/usr/bin/env bash
# The test suite on PostgreSQL: the drift check of the generated PostgreSQL
# schema and migrations, every Vitest test with a fresh PostgreSQL database
# per test file, and two app servers sharing one database.
#
# With TEST_DATABASE_URL set (a superuser url such as
# postgres://postgres@127.0.0.1:5433/postgres) that server is used; without it
# a throw-away cluster from Debian's postgresql package is started on
# 127.0.0.1:${PG_PORT:-5433} and removed afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${TEST_DATABASE_URL:-}" ]; then
  cluster=$(mktemp -d /tmp/ledarlyftet-pg.XXXXXX)
  trap 'bash scripts/pg-cluster.sh stop "$cluster"' EXIT
  bash scripts/pg-cluster.sh start "$cluster" "${PG_PORT:-5433}"
  export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:${PG_PORT:-5433}/postgres"
fi

echo "--- PostgreSQL schema and migrations in step with prisma/schema.prisma"
npx tsx scripts/postgres-schema.ts --check
echo "--- vitest on PostgreSQL"
npx vitest run
echo "--- two app servers on one PostgreSQL database"
npx vitest run --config vitest.multi-server.config.ts
