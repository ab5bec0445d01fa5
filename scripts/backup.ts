// npm run backup [-- --out path/to/file.db]
// A consistent copy of the SQLite database while the app keeps serving
// (SQLite's online backup API), checked with integrity_check before it gets
// its final name. Default: ./backups/ledarlyftet-<UTC timestamp>.db
import path from "node:path";
import { parseArgs } from "node:util";
import { backupDatabase, defaultBackupPath, Refusal, sqliteFileFromEnv } from "~/modules/backup/backup.server";

try {
  const { values } = parseArgs({ options: { out: { type: "string" } } });
  const source = sqliteFileFromEnv();
  const dest = values.out ? path.resolve(values.out) : defaultBackupPath();
  const result = await backupDatabase(source, dest);
  console.log(`Backup of ${source}`);
  console.log(`  file:      ${result.path}`);
  console.log(`  size:      ${(result.bytes / 1024).toFixed(0)} KiB (${result.bytes} bytes)`);
  console.log(`  integrity: ${result.integrity}`);
  console.log(`  migration: ${result.migrations.at(-1) ?? "(none recorded)"}`);
  for (const [table, n] of Object.entries(result.counts)) console.log(`  ${table.padEnd(18)} ${n} rows`);
} catch (error) {
  if (error instanceof Refusal || (error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS"))) {
    console.error(`Backup refused: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
