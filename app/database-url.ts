import fs from "node:fs";
import path from "node:path";

export const DEFAULT_DATABASE_URL = "file:./data/ledarlyftet.db";

export type DatabaseProvider = "sqlite" | "postgresql";

/** Which profile a DATABASE_URL selects: `file:` is embedded SQLite, `postgres://` or `postgresql://` is PostgreSQL. */
export function databaseProvider(url: string): DatabaseProvider {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  throw new Error(`DATABASE_URL must be a file: url (SQLite) or a postgres:// url (PostgreSQL), got "${redactDatabaseUrl(url)}"`);
}

/** The url without its password, for messages and logs. */
export function redactDatabaseUrl(url: string): string {
  return url.replace(/^([a-z]+:\/\/[^:/@]*):[^@]*@/i, "$1:***@");
}

/**
 * Turns a `file:` url into a path for better-sqlite3 and makes sure its folder
 * exists, so a fresh clone needs no manual `mkdir data`.
 */
export function databaseFilePath(url: string): string {
  if (!url.startsWith("file:")) {
    throw new Error(`DATABASE_URL must be a file: url for SQLite, got "${redactDatabaseUrl(url)}"`);
  }
  const file = path.resolve(url.slice("file:".length));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return file;
}
