import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";

export const TMP_DIR = path.resolve("tests/.tmp");
export const BASE_DB = path.join(TMP_DIR, "base.db");

/**
 * The PostgreSQL mode of the test suite: TEST_DATABASE_URL (e.g.
 * postgres://postgres@127.0.0.1:5433/postgres) names a server and a database
 * to connect to for creating and dropping the test databases.
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;
/** Prefix of every database the suite makes, so a crashed run's leftovers can be found. */
export const PG_PREFIX = "ledarlyftet_test_";

/**
 * Applies the committed migration SQL in order to a fresh file: the same
 * schema `prisma migrate deploy` produces, in a fraction of the time.
 */
export function createMigratedDatabase(file: string) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  const sqlite = new Database(file);
  for (const sql of migrationScripts("prisma/migrations")) sqlite.exec(sql);
  sqlite.pragma("journal_mode = WAL");
  sqlite.close();
}

export function migrationScripts(folder: string): string[] {
  const dir = path.resolve(folder);
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8"));
}

/** The url of another database on the TEST_DATABASE_URL server. */
export function databaseUrl(database: string, base = TEST_DATABASE_URL): string {
  if (!base) throw new Error("TEST_DATABASE_URL is not set");
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Runs fn with one connection to the server's maintenance database (the one TEST_DATABASE_URL names). */
export async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Creates a database and applies the committed PostgreSQL migrations (prisma/postgres/migrations), or the scripts given, to it. */
export async function createMigratedPostgres(database: string, scripts = migrationScripts("prisma/postgres/migrations")) {
  await withAdmin(async (admin) => {
    await admin.query(`DROP DATABASE IF EXISTS ${quote(database)} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${quote(database)}`);
  });
  const client = new pg.Client({ connectionString: databaseUrl(database) });
  await client.connect();
  try {
    for (const sql of scripts) await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh database copied from the migrated template: a few milliseconds, where migrating takes seconds. */
export async function createFromTemplate(database: string, template: string) {
  await withAdmin((admin) => admin.query(`CREATE DATABASE ${quote(database)} TEMPLATE ${quote(template)}`));
}

export async function dropDatabase(database: string) {
  await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${quote(database)} WITH (FORCE)`));
}
