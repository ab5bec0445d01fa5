import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "./generated/prisma/client.ts";
import { config } from "./config.server";
import { databaseFilePath } from "./database-url";

function createClient(url: string) {
  // timeout is better-sqlite3's busy timeout: writers wait for the lock instead of failing.
  const adapter = new PrismaBetterSQLite3({ url: databaseFilePath(url), timeout: 5000 });
  return new PrismaClient({ adapter });
}

type Db = ReturnType<typeof createClient>;

const globalForDb = globalThis as unknown as { __db?: Db; __dbReady?: Promise<void> };

/** One client per process, reused across dev reloads. */
export const db: Db = (globalForDb.__db ??= createClient(config.DATABASE_URL));

/**
 * WAL lets readers go on while one writer writes; the setting is stored in
 * the file, so applying it once per process is enough.
 */
export function ensureDatabaseReady(): Promise<void> {
  return (globalForDb.__dbReady ??= db
    .$queryRawUnsafe("PRAGMA journal_mode = WAL")
    .then(() => undefined));
}

/**
 * At shutdown: folds the write-ahead log back into the database file and
 * closes the connection, so the file alone is the whole database (what a
 * file-level copy or the next start sees) and no -wal is left behind.
 */
export async function closeDatabase() {
  try {
    await db.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
  } finally {
    await db.$disconnect();
  }
}

export async function databaseStatus() {
  const started = performance.now();
  try {
    const [row] = await db.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
    const [fk] = await db.$queryRawUnsafe<{ foreign_keys: bigint }[]>("PRAGMA foreign_keys");
    return {
      ok: true as const,
      journalMode: row?.journal_mode ?? "unknown",
      foreignKeys: Number(fk?.foreign_keys ?? 0) === 1,
      latencyMs: Math.round((performance.now() - started) * 10) / 10,
    };
  } catch (error) {
    return { ok: false as const, error: error instanceof Error ? error.message : String(error) };
  }
}
