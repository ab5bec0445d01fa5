import fs from "node:fs";
import path from "node:path";

export const DEFAULT_DATABASE_URL = "file:./data/ledarlyftet.db";

/**
 * Turns a `file:` url into a path for better-sqlite3 and makes sure its folder
 * exists, so a fresh clone needs no manual `mkdir data`.
 */
export function databaseFilePath(url: string): string {
  if (!url.startsWith("file:")) {
    throw new Error(`DATABASE_URL must be a file: url for SQLite, got "${url}"`);
  }
  const file = path.resolve(url.slice("file:".length));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return file;
}
