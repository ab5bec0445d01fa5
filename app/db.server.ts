import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client.ts";
import { PrismaClient as PostgresPrismaClient } from "./generated/prisma-postgres/client.ts";
import { config } from "./config.server";
import { databaseFilePath, databaseProvider, type DatabaseProvider } from "./database-url";
import type { Prisma } from "./generated/prisma/client.ts";
import { outsideTransaction, SerializedSqliteAdapterFactory, transactionScope } from "./sqlite-adapter.server";

/**
 * The app's one database client type. Both profiles are generated from the
 * one source schema (the PostgreSQL client from prisma/postgres/schema.prisma),
 * so their models and methods are the same; the SQLite client's types stand
 * for both.
 */
type Db = PrismaClient;

/** Which profile DATABASE_URL selected: embedded SQLite or PostgreSQL for several app servers. */
export const provider: DatabaseProvider = databaseProvider(config.DATABASE_URL);

/**
 * Serialization failures (40001) and deadlocks (40P01), which a retry of the
 * whole transaction resolves. They reach us as Prisma's P2034, or, when
 * PostgreSQL refuses the COMMIT, as the driver adapter's own error.
 */
export function isRetryableConflict(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, cause, message } = error as { code?: unknown; cause?: { kind?: unknown; code?: unknown }; message?: unknown };
  if (code === "P2034") return true;
  if (cause?.kind === "TransactionWriteConflict" || cause?.code === "40001" || cause?.code === "40P01") return true;
  return typeof message === "string" && /could not serialize access|deadlock detected|TransactionWriteConflict/i.test(message);
}

/**
 * Prisma 6.19 does not hand a pooled connection back when PostgreSQL refuses
 * a COMMIT (as it does for a serialization failure found at commit time):
 * after ten of them the pool is empty and every query waits forever. Here a
 * failed COMMIT releases its connection itself; PostgreSQL has already rolled
 * the transaction back.
 */
class PrismaPgReleasingFailedCommits extends PrismaPg {
  override async connect() {
    const adapter = await super.connect();
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => {
      const tx = await startTransaction(isolationLevel);
      const executeRaw = tx.executeRaw.bind(tx);
      tx.executeRaw = async (query) => {
        try {
          return await executeRaw(query);
        } catch (error) {
          if (/^\s*COMMIT\b/i.test(query.sql)) await tx.rollback().catch(() => undefined);
          throw error;
        }
      };
      return tx;
    };
    return adapter;
  }
}

function createClient(url: string): Db {
  if (provider === "postgresql") {
    const client = new PostgresPrismaClient({
      // allowExitOnIdle: scripts (content sync, seed) end when their work is done, not when idle connections time out.
      // TimeZone=UTC: DateTime columns hold UTC instants, so the database's own CURRENT_TIMESTAMP must be UTC too.
      adapter: new PrismaPgReleasingFailedCommits({ connectionString: url, allowExitOnIdle: true, options: "-c TimeZone=UTC" }),
      // Waiting for one of the pool's connections under load is normal; a retry starts a new transaction.
      transactionOptions: { isolationLevel: "Serializable", maxWait: 10_000, timeout: 15_000 },
    });
    return client as unknown as Db;
  }
  // busyTimeoutMs: another process's lock (a backup, a second server on the same file) is waited for, not an error.
  const adapter = new SerializedSqliteAdapterFactory({ file: databaseFilePath(url), busyTimeoutMs: 5000, strict: config.NODE_ENV !== "production" });
  // maxWait: a transaction queues behind every other write, not only behind other transactions.
  return new PrismaClient({ adapter, transactionOptions: { maxWait: 10_000, timeout: 5_000 } });
}

/**
 * A `contains` filter that ignores case on both profiles: SQLite's LIKE does
 * so already (for ASCII letters); PostgreSQL needs `mode: "insensitive"`
 * (ILIKE, which also folds å/Å), an option the SQLite client refuses.
 */
export function containsText(text: string): { contains: string } {
  return (provider === "postgresql" ? { contains: text, mode: "insensitive" } : { contains: text }) as { contains: string };
}

const globalForDb = globalThis as unknown as { __db?: Db; __dbReady?: Promise<void> };

/** One client per process, reused across dev reloads. */
export const db: Db = (globalForDb.__db ??= createClient(config.DATABASE_URL));

/**
 * The client inside a transaction; a function that may run inside one or on
 * its own takes `client: Tx = db`.
 */
export type Tx = Prisma.TransactionClient;

const MAX_ATTEMPTS = 8;

/**
 * The one way to run an interactive transaction. On SQLite it holds the one
 * writer's turn (other requests' writes wait, their reads see only what is
 * committed), and the shared `db` refuses to run inside it: use `tx`.
 * On PostgreSQL it runs SERIALIZABLE and is run again when PostgreSQL aborts
 * it for a conflict, which gives the code the guarantee SQLite's one writer
 * gives it: a transaction that reads, decides and writes (e.g. the
 * facilitator's double-booking check) acts as if it ran alone, whichever app
 * server runs it.
 */
export async function transaction<T>(work: (tx: Tx) => Promise<T>, options?: { timeout?: number; maxWait?: number }): Promise<T> {
  if (transactionScope.getStore()) throw new Error("transaction() inside a transaction: pass its tx instead of starting another");
  for (let attempt = 1; ; attempt++) {
    try {
      return await transactionScope.run(true, () => db.$transaction((tx) => work(tx), options));
    } catch (error) {
      if (provider !== "postgresql" || attempt >= MAX_ATTEMPTS || !isRetryableConflict(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * 2 ** attempt));
    }
  }
}

export { outsideTransaction };

/**
 * Opens the connection: on SQLite that sets WAL, foreign keys and the busy
 * timeout on it whatever mode the file was in (SerializedSqliteAdapterFactory).
 * PostgreSQL: checks the connection.
 */
export function ensureDatabaseReady(): Promise<void> {
  return (globalForDb.__dbReady ??= db.$connect().then(() => undefined));
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
  const latency = () => Math.round((performance.now() - started) * 10) / 10;
  try {
    if (provider === "postgresql") {
      const [row] = await db.$queryRawUnsafe<{ version: string }[]>("SELECT current_setting('server_version') AS version");
      return { ok: true as const, provider, serverVersion: row?.version ?? "unknown", latencyMs: latency() };
    }
    const [row] = await db.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
    const [fk] = await db.$queryRawUnsafe<{ foreign_keys: bigint }[]>("PRAGMA foreign_keys");
    return {
      ok: true as const,
      provider,
      journalMode: row?.journal_mode ?? "unknown",
      foreignKeys: Number(fk?.foreign_keys ?? 0) === 1,
      latencyMs: latency(),
    };
  } catch (error) {
    return { ok: false as const, provider, error: error instanceof Error ? error.message : String(error) };
  }
}
