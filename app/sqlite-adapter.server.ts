import { AsyncLocalStorage } from "node:async_hooks";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, SqlResultSet, Transaction } from "@prisma/driver-adapter-utils";
import { letRequestsIn } from "./utils/background-work.server";

/**
 * Marks the code that runs inside one of our transactions (db.server's
 * `transaction()` enters it). A query sent on the shared client from inside
 * that scope is a `db` used where `tx` was meant: on SQLite it would wait for
 * the very transaction it is part of.
 */
export const transactionScope = new AsyncLocalStorage<true>();

/**
 * Runs `work` as if outside any transaction: for deliberate reads of
 * committed data, such as a shared cache load a transaction may await.
 * Prisma's queries are lazy (they run when awaited), so a promise is started
 * here, inside the scope, not later where it is awaited.
 */
export function outsideTransaction<T>(work: () => PromiseLike<T>): Promise<T> {
  return transactionScope.exit(() => new Promise<T>((resolve, reject) => work().then(resolve, reject)));
}

export class DbInsideTransactionError extends Error {
  constructor(sql: string) {
    super(
      `The shared db client was used inside a transaction (${sql.slice(0, 60)}…): pass the transaction's client (tx), or wrap a deliberate read of committed data in outsideTransaction().`,
    );
    this.name = "DbInsideTransactionError";
  }
}

/** What every connection gets when it opens, whatever mode the file was left in (a copied backup may be in rollback-journal mode). */
const WRITER_PRAGMAS = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;";
const READER_PRAGMAS = "PRAGMA foreign_keys = ON; PRAGMA query_only = ON;";

const statement = (sql: string): SqlQuery => ({ sql, args: [], argTypes: [] });
const isRead = (sql: string) => /^\s*SELECT\b/i.test(sql);

/**
 * One writer at a time, in arrival order: an interactive transaction holds
 * the turn from BEGIN to COMMIT/ROLLBACK, a single statement for its run.
 */
class Turnstile {
  #tail: Promise<void> = Promise.resolve();

  /** Resolves with a release function once it is the caller's turn; releasing twice is harmless (a promise resolves once). */
  enter(): Promise<() => void> {
    let release!: () => void;
    const turn = new Promise<void>((resolve) => (release = resolve));
    const entered = this.#tail.then(() => release);
    this.#tail = this.#tail.then(() => turn);
    return entered;
  }
}

/**
 * Prisma's better-sqlite3 driver adapter, composed (through the public
 * driver-adapter interface) so that on the one SQLite file:
 *
 * - nothing from outside an open transaction runs inside it: reads outside a
 *   transaction go to a second, read-only connection, which in WAL mode sees
 *   exactly what is committed; writes outside wait their turn behind it;
 * - a failed BEGIN, COMMIT or ROLLBACK (disk full, SQLITE_BUSY, I/O error)
 *   fails that transaction only: the turn is given back and the connection
 *   left outside any transaction, so the next one starts (the stock adapter
 *   keeps its lock after a failed COMMIT: prisma/prisma#29933);
 * - background work lets requests in before each of its statements
 *   (background-work.server.ts): SQLite answers synchronously, so a job's
 *   loop of queries would otherwise hold the event loop until it ends;
 * - every connection is in WAL mode with foreign keys on, and waits
 *   (`timeout`, better-sqlite3's busy timeout) for another process's lock.
 *
 * See docs/decisions/009-one-data-path.md.
 */
export class SerializedSqliteAdapterFactory implements SqlDriverAdapterFactory {
  readonly provider = "sqlite" as const;
  readonly adapterName = "ledarlyftet-sqlite";
  readonly #writer: PrismaBetterSQLite3;
  readonly #reader: PrismaBetterSQLite3;
  /** Read-only mode refuses reads in a transaction scope outright; production logs and goes on (the read sees committed data). */
  readonly #strict: boolean;

  constructor(options: { file: string; busyTimeoutMs: number; strict: boolean }) {
    this.#writer = new PrismaBetterSQLite3({ url: options.file, timeout: options.busyTimeoutMs });
    this.#reader = new PrismaBetterSQLite3({ url: options.file, timeout: options.busyTimeoutMs });
    this.#strict = options.strict;
  }

  async connect(): Promise<SqlDriverAdapter> {
    const writer = await this.#writer.connect();
    await writer.executeScript(WRITER_PRAGMAS);
    const [mode] = (await writer.queryRaw(statement("PRAGMA journal_mode"))).rows;
    // An in-memory database cannot be in WAL mode; a file that refuses it would lose acknowledged writes on a crash.
    if (String(mode?.[0]).toLowerCase() !== "wal" && String(mode?.[0]).toLowerCase() !== "memory") {
      await writer.dispose();
      throw new Error(`SQLite refused WAL mode (journal_mode is ${String(mode?.[0])}); the database file's folder must be writable.`);
    }
    const reader = await this.#reader.connect();
    await reader.executeScript(READER_PRAGMAS);
    return new SerializedSqliteAdapter(writer, reader, this.#strict);
  }
}

class SerializedSqliteAdapter implements SqlDriverAdapter {
  readonly provider = "sqlite" as const;
  readonly adapterName = "ledarlyftet-sqlite";
  readonly #turns = new Turnstile();

  constructor(
    readonly writer: SqlDriverAdapter,
    readonly reader: SqlDriverAdapter,
    readonly strict: boolean,
  ) {}

  #refuseInsideTransaction(sql: string) {
    if (!transactionScope.getStore()) return;
    const error = new DbInsideTransactionError(sql);
    // A write would wait for the transaction it is part of; a read would not see that transaction's own rows.
    if (!isRead(sql) || this.strict) throw error;
    console.warn(error.message);
  }

  async queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    this.#refuseInsideTransaction(query.sql);
    await letRequestsIn();
    if (isRead(query.sql)) return this.reader.queryRaw(query);
    return this.#alone(() => this.writer.queryRaw(query));
  }

  async executeRaw(query: SqlQuery): Promise<number> {
    this.#refuseInsideTransaction(query.sql);
    await letRequestsIn();
    return this.#alone(() => this.writer.executeRaw(query));
  }

  async executeScript(script: string): Promise<void> {
    this.#refuseInsideTransaction(script);
    return this.#alone(() => this.writer.executeScript(script));
  }

  async #alone<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.#turns.enter();
    try {
      return await work();
    } finally {
      release();
    }
  }

  async startTransaction(isolationLevel?: string): Promise<Transaction> {
    if (isolationLevel && isolationLevel !== "SERIALIZABLE") throw new Error(`SQLite runs every transaction serializable, not ${isolationLevel}`);
    await letRequestsIn();
    const release = await this.#turns.enter();
    try {
      await this.#begin();
    } catch (error) {
      release();
      throw error;
    }
    return new SerializedTransaction(this.writer, release);
  }

  /** IMMEDIATE takes the write lock at once, so a transaction that reads and then writes cannot fail halfway on another process's lock. */
  async #begin() {
    try {
      await this.writer.executeRaw(statement("BEGIN IMMEDIATE"));
    } catch (error) {
      // A transaction left open by a failure we could not roll back: end it and begin again, once.
      if (!/within a transaction/i.test(String((error as { cause?: { originalMessage?: string } }).cause?.originalMessage ?? error))) throw error;
      await this.writer.executeRaw(statement("ROLLBACK"));
      await this.writer.executeRaw(statement("BEGIN IMMEDIATE"));
    }
  }

  getConnectionInfo() {
    return this.writer.getConnectionInfo?.() ?? { supportsRelationJoins: false };
  }

  async dispose(): Promise<void> {
    await Promise.allSettled([this.reader.dispose()]);
    await this.writer.dispose();
  }
}

/**
 * Prisma sends BEGIN's counterparts itself (usePhantomQuery false): COMMIT or
 * ROLLBACK through executeRaw, then commit()/rollback(). When COMMIT or
 * ROLLBACK fails, Prisma never calls commit()/rollback(), so the turn is
 * given back here, after making sure SQLite holds no transaction open.
 */
class SerializedTransaction implements Transaction {
  readonly provider = "sqlite" as const;
  readonly adapterName = "ledarlyftet-sqlite";
  readonly options = { usePhantomQuery: false };

  constructor(
    readonly connection: SqlDriverAdapter,
    readonly release: () => void,
  ) {}

  queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return this.connection.queryRaw(query);
  }

  async executeRaw(query: SqlQuery): Promise<number> {
    try {
      return await this.connection.executeRaw(query);
    } catch (error) {
      if (/^\s*(COMMIT|ROLLBACK)\b/i.test(query.sql)) {
        // SQLite may have rolled back already (then this ROLLBACK fails harmlessly), or kept the transaction open (SQLITE_BUSY).
        await this.connection.executeRaw(statement("ROLLBACK")).catch(() => undefined);
        this.release();
      }
      throw error;
    }
  }

  async commit(): Promise<void> {
    this.release();
  }

  async rollback(): Promise<void> {
    this.release();
  }
}
