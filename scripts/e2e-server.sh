#!/usr/bin/env bash
# The app as `npm start` runs it, on a fresh throw-away database, for Playwright.
set -euo pipefail
cd "$(dirname "$0")/.."
export DATABASE_URL="file:./tests/.tmp/e2e.db"
rm -f tests/.tmp/e2e.db tests/.tmp/e2e.db-wal tests/.tmp/e2e.db-shm
npm run --silent build >/dev/null
npx prisma migrate deploy >/dev/null
npx tsx scripts/content-sync.ts
npx tsx scripts/seed-demo.ts
exec node server.js
