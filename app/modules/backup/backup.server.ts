// Backup and restore of the SQLite database, for `npm run backup` and
// `npm run restore`. Plain functions on file paths (no app database client),
// so the tests can run them against any file and the scripts stay thin.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { databaseFilePath, DEFAULT_DATABASE_URL } from "~/database-url";

/** A refusal the scripts print as it is (no stack trace) before exiting non-zero. */
export class Refusal extends Error {}

/** Tables whose row counts a backup and a restore print, so a person can see the copy is not empty. */
export const KEY_TABLES = ["Person", "Enrolment", "LessonProgress", "Completion", "HandledningSession", "CrisisPlanItem", "OutboxMessage"] as const;

const SQLITE_HEADER = Buffer.from("SQLite format 3\0", "latin1");

/** The database file DATABASE_URL names, resolved the way the app resolves it. */
export function sqliteFileFromEnv(url: string | undefined = process.env.DATABASE_URL): string {
  const value = url && url.trim() !== "" ? url.trim() : DEFAULT_DATABASE_URL;
  if (/^postgres(ql)?:\/\//i.test(value)) {
    throw new Refusal("DATABASE_URL points at PostgreSQL: use pg_dump (and pg_restore) for that database; this command copies only the SQLite file.");
  }
  if (!value.startsWith("file:")) throw new Refusal(`DATABASE_URL must be a SQLite file: url (file:./data/ledarlyftet.db), got "${value}".`);
  return databaseFilePath(value);
}

/** 20261125T120000Z: sorts by time, safe in a file name. */
export function utcStamp(now = new Date()): string {
  return now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
}

export function defaultBackupPath(now = new Date(), dir = path.resolve("backups")): string {
  return path.join(dir, `ledarlyftet-${utcStamp(now)}.db`);
}

export interface DatabaseReport {
  path: string;
  bytes: number;
  integrity: string;
  counts: Record<string, number>;
  migrations: string[];
}

function report(sqlite: Database.Database, file: string): DatabaseReport {
  const integrity = (sqlite.pragma("integrity_check") as { integrity_check: string }[]).map((r) => r.integrity_check).join("; ");
  const tables = new Set((sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
  const counts: Record<string, number> = {};
  for (const table of KEY_TABLES) {
    if (tables.has(table)) counts[table] = (sqlite.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
  }
  const migrations = tables.has("_prisma_migrations")
    ? (
        sqlite
          .prepare("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name")
          .all() as { migration_name: string }[]
      ).map((r) => r.migration_name)
    : [];
  return { path: file, bytes: fs.statSync(file).size, integrity, counts, migrations };
}

function fsyncFile(file: string) {
  const fd = fs.openSync(file, "r");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function removeWithSidecars(file: string) {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(file + suffix, { force: true });
}

/**
 * SQLite's online backup API copies every page in one step, inside one read
 * transaction: a consistent snapshot even while the app (or any other
 * process) keeps writing, and WAL mode lets those writers go on meanwhile.
 * (In small steps, a write from another connection would restart the copy.)
 */
async function copyWithBackupApi(source: Database.Database, dest: string) {
  await source.backup(dest, { progress: () => 0x7fffffff });
}

/**
 * Copies the live database at `source` to `dest` and checks the copy. The copy
 * is written beside `dest` first and renamed only once integrity_check says
 * ok, so a file with the final name is always a good backup.
 */
export async function backupDatabase(source: string, dest: string): Promise<DatabaseReport> {
  if (!fs.existsSync(source)) throw new Refusal(`There is no database at ${source} (check DATABASE_URL).`);
  if (fs.existsSync(dest)) throw new Refusal(`${dest} already exists; not overwriting it.`);
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  const partial = `${dest}.partial`;
  removeWithSidecars(partial);
  try {
    const live = new Database(source, { fileMustExist: true, timeout: 10_000 });
    try {
      await copyWithBackupApi(live, partial);
    } finally {
      live.close();
    }
    const copy = new Database(partial, { fileMustExist: true });
    let checked: DatabaseReport;
    try {
      // One self-contained file: no -wal beside the backup.
      copy.pragma("journal_mode = DELETE");
      checked = report(copy, partial);
    } finally {
      copy.close();
    }
    if (checked.integrity !== "ok")
      throw new Refusal(`The copy failed integrity_check (${checked.integrity}); the live database may be damaged. Nothing was kept.`);
    fsyncFile(partial);
    fs.renameSync(partial, dest);
    return { ...checked, path: dest, bytes: fs.statSync(dest).size };
  } finally {
    removeWithSidecars(partial);
  }
}

/**
 * True while another connection has the database open (the app holds its
 * connection for as long as it runs): asking for SQLite's exclusive lock
 * without waiting fails then.
 */
export function databaseInUse(file: string): boolean {
  if (!fs.existsSync(file)) return false;
  const probe = new Database(file, { fileMustExist: true, timeout: 0 });
  try {
    probe.pragma("locking_mode = EXCLUSIVE");
    probe.exec("BEGIN EXCLUSIVE; COMMIT");
    return false;
  } catch (error) {
    if (error instanceof Database.SqliteError && (error.code === "SQLITE_BUSY" || error.code === "SQLITE_LOCKED")) return true;
    throw error;
  } finally {
    probe.close();
  }
}

function knownMigrations(migrationsDir: string): string[] {
  return fs
    .readdirSync(migrationsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

/** Refuses anything but a sound Ledarlyftet database this version of the app can run on. */
function checkRestorable(staged: Database.Database, file: string, original: string, migrationsDir: string): DatabaseReport & { pendingMigrations: string[] } {
  let checked: DatabaseReport;
  try {
    checked = report(staged, file);
  } catch (error) {
    throw new Refusal(`${original} is not a readable SQLite database (${error instanceof Error ? error.message : String(error)}).`);
  }
  if (checked.integrity !== "ok") throw new Refusal(`${original} failed integrity_check: ${checked.integrity}`);
  const hasMigrationsTable = staged.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
  const known = knownMigrations(migrationsDir);
  if (!hasMigrationsTable || !checked.migrations.includes(known[0]!)) {
    throw new Refusal(`${original} is an SQLite database but not a Ledarlyftet one (no record of the app's migrations in _prisma_migrations).`);
  }
  const unknown = checked.migrations.filter((m) => !known.includes(m));
  if (unknown.length > 0) {
    throw new Refusal(`${original} was made by a newer version of Ledarlyftet (migrations this code lacks: ${unknown.join(", ")}); update the app first.`);
  }
  return { ...checked, pendingMigrations: known.filter((m) => !checked.migrations.includes(m)) };
}

export interface RestoreReport extends DatabaseReport {
  /** Where the database that was replaced is kept (null if there was none). */
  keptAs: string | null;
  /** Migrations the backup predates; `npm run db:deploy` (or `npm start`) applies them. */
  pendingMigrations: string[];
}

/**
 * Puts the backup at `backupFile` in place of the database at `target`. The
 * app must be stopped: a running server keeps its connection (and its view of
 * the old file) open. The current database is first copied to
 * `<target>.before-restore-<timestamp>` (with anything still in its WAL).
 */
export async function restoreDatabase(
  backupFile: string,
  target: string,
  { migrationsDir, now = new Date() }: { migrationsDir: string; now?: Date },
): Promise<RestoreReport> {
  if (!fs.existsSync(backupFile) || !fs.statSync(backupFile).isFile()) throw new Refusal(`There is no file ${backupFile}.`);
  const header = Buffer.alloc(SQLITE_HEADER.length);
  const fd = fs.openSync(backupFile, "r");
  try {
    fs.readSync(fd, header, 0, header.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (!header.equals(SQLITE_HEADER)) throw new Refusal(`${backupFile} is not an SQLite database.`);
  if (path.resolve(backupFile) === path.resolve(target)) throw new Refusal(`${backupFile} is the database itself.`);
  if (databaseInUse(target)) throw new Refusal(`The database ${target} is in use: stop the app (and anything else using it) before restoring.`);

  // Check a private copy, so neither the backup file nor the live database is touched until it passes.
  const stamp = utcStamp(now);
  const staging = `${target}.restore-${stamp}.tmp`;
  removeWithSidecars(staging);
  fs.copyFileSync(backupFile, staging);
  let checked: ReturnType<typeof checkRestorable>;
  try {
    const staged = new Database(staging, { fileMustExist: true });
    try {
      checked = checkRestorable(staged, staging, backupFile, migrationsDir);
      // The app runs in WAL mode and a plain `node server.js` does not switch it on.
      staged.pragma("journal_mode = WAL");
    } finally {
      staged.close();
    }
    fsyncFile(staging);
  } catch (error) {
    removeWithSidecars(staging);
    throw error;
  }

  let keptAs: string | null = null;
  if (fs.existsSync(target)) {
    keptAs = `${target}.before-restore-${stamp}`;
    // Hold the exclusive lock while copying, so nothing opens the old database meanwhile.
    const current = new Database(target, { fileMustExist: true, timeout: 0 });
    try {
      current.pragma("locking_mode = EXCLUSIVE");
      current.exec("BEGIN EXCLUSIVE; COMMIT");
      await copyWithBackupApi(current, keptAs);
    } catch (error) {
      removeWithSidecars(staging);
      removeWithSidecars(keptAs);
      throw error instanceof Database.SqliteError && error.code === "SQLITE_BUSY"
        ? new Refusal(`The database ${target} came into use: stop the app before restoring.`)
        : error;
    } finally {
      current.close();
    }
  }
  // A -wal or -shm left from the old database would be read as part of the new one.
  for (const suffix of ["-wal", "-shm", "-journal"]) fs.rmSync(target + suffix, { force: true });
  fs.renameSync(staging, target);
  const final = new Database(target, { fileMustExist: true });
  try {
    return { ...report(final, target), keptAs, pendingMigrations: checked.pendingMigrations };
  } finally {
    final.close();
  }
}
