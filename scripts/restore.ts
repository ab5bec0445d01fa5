// npm run restore -- path/to/backup.db
// Replaces the SQLite database DATABASE_URL names with a backup. Stop the app
// first. The backup must pass integrity_check and be a Ledarlyftet database;
// the current database is kept as <db>.before-restore-<UTC timestamp>.
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { Refusal, restoreDatabase, sqliteFileFromEnv } from "~/modules/backup/backup.server";

const migrationsDir = fileURLToPath(new URL("../prisma/migrations", import.meta.url));

try {
  const { positionals } = parseArgs({ allowPositionals: true, options: {} });
  if (positionals.length !== 1) throw new Refusal("name one backup file: npm run restore -- backups/ledarlyftet-<timestamp>.db");
  const target = sqliteFileFromEnv();
  const result = await restoreDatabase(positionals[0]!, target, { migrationsDir });
  console.log(`Restored ${positionals[0]} to ${target}`);
  console.log(result.keptAs ? `  the database it replaced is kept as ${result.keptAs}` : "  (there was no database before)");
  console.log(`  integrity: ${result.integrity}`);
  for (const [table, n] of Object.entries(result.counts)) console.log(`  ${table.padEnd(18)} ${n} rows`);
  if (result.pendingMigrations.length > 0) {
    console.log(`  the backup predates ${result.pendingMigrations.length} migration(s): run npm run db:deploy (npm start does) before serving`);
  }
} catch (error) {
  if (error instanceof Refusal || (error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS"))) {
    console.error(`Restore refused: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
