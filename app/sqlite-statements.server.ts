import { AsyncLocalStorage } from "node:async_hooks";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type Database from "better-sqlite3";

/** Distinct SQL texts kept prepared; the app sends a few hundred at most (IN lists of other lengths come and go). */
const MAX_STATEMENTS = 500;

export type Statement = Database.Statement<unknown[]>;

/** A better-sqlite3 connection with its kept statements. */
export interface SqliteConnection {
  client: Database.Database;
  statementFor: (sql: string) => Statement;
}

/** A statement for each SQL text on this connection, prepared the first time it is asked for; the least recently added goes first. */
export function preparedStatements(client: Database.Database): (sql: string) => Statement {
  const prepare = client.prepare.bind(client) as (sql: string) => Statement;
  const prepared = new Map<string, Statement>();
  return (sql) => {
    let statement = prepared.get(sql);
    if (!statement) {
      statement = prepare(sql);
      if (prepared.size >= MAX_STATEMENTS) prepared.delete(prepared.keys().next().value!);
      prepared.set(sql, statement);
    }
    return statement;
  };
}

/**
 * Prisma's better-sqlite3 adapter prepares every query anew: SQLite parses
 * and plans the same SQL on every request (a twentieth of a lesson page's
 * CPU). Here the connection keeps each statement it has prepared and hands
 * the adapter a fresh binding of it each time, since better-sqlite3 lets a
 * statement be bound only once. Statements run to completion synchronously
 * (`run`, `all`), so one statement is never in use twice at once.
 */
export function reusePreparedStatements(client: Database.Database): SqliteConnection {
  // Takes the connection's own prepare before it is replaced below.
  const statementFor = preparedStatements(client);
  // The adapter calls prepare(sql).bind(args) and then reader/run/columns/raw().all(), or prepare(sql).run().
  const reusable = (statement: Statement, args: unknown[]) => ({
    reader: statement.reader,
    run: () => statement.run(...args),
    columns: () => statement.columns(),
    raw: () => ({ all: () => statement.raw(true).all(...args) }),
  });
  (client as unknown as { prepare: (sql: string) => unknown }).prepare = (sql: string) => {
    const statement = statementFor(sql);
    return { ...reusable(statement, []), bind: (args: unknown[]) => reusable(statement, args) };
  };
  return { client, statementFor };
}

/** Prisma's own SQLite connection, for the plain-SQL writes that need none of the ORM (see plain-sql.server). */
export interface PrismaSqliteConnection extends SqliteConnection {
  /** Resolves at once, or, for a query from outside the interactive transaction open on this connection, when it has ended. */
  outsideOpenTransaction: () => Promise<void>;
}

/**
 * Marks the work of an interactive transaction's callback (db.server sets it):
 * a query it makes through `db` rather than the transaction client (a cache
 * filled on the way, say) runs at once, as before, instead of waiting for the
 * transaction it is itself holding open.
 */
export const transactionCallback = new AsyncLocalStorage<true>();

/**
 * The better-sqlite3 adapter with a statement cache on its connection, and
 * the connection itself handed out once Prisma has opened it.
 *
 * The adapter keeps interactive transactions apart from each other, but a
 * query from outside one, sent while one is open on this one connection, ran
 * inside it: it read what was not yet committed, and its write was undone if
 * the transaction rolled back. Such a query now waits for the transaction to end.
 */
export class PrismaBetterSQLite3ReusingStatements extends PrismaBetterSQLite3 {
  connection: PrismaSqliteConnection | null = null;

  override async connect() {
    const adapter = await super.connect();
    const connection = reusePreparedStatements((adapter as unknown as { client: Database.Database }).client);
    let ended: Promise<void> | null = null;
    const outsideOpenTransaction = async () => {
      if (transactionCallback.getStore()) return;
      // A transaction begun other than through Prisma (a raw BEGIN) has no promise to wait for: look again after other work.
      while (connection.client.inTransaction) await (ended ?? new Promise((resolve) => setImmediate(resolve)));
    };
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => {
      const tx = await startTransaction(isolationLevel);
      let resolve!: () => void;
      const thisEnds = new Promise<void>((r) => (resolve = r));
      ended = thisEnds;
      const end = () => {
        if (ended === thisEnds) ended = null;
        resolve();
      };
      const commit = tx.commit.bind(tx);
      const rollback = tx.rollback.bind(tx);
      tx.commit = () => commit().finally(end);
      tx.rollback = () => rollback().finally(end);
      return tx;
    };
    const queryRaw = adapter.queryRaw.bind(adapter);
    const executeRaw = adapter.executeRaw.bind(adapter);
    adapter.queryRaw = async (query) => (connection.client.inTransaction ? outsideOpenTransaction().then(() => queryRaw(query)) : queryRaw(query));
    adapter.executeRaw = async (query) => (connection.client.inTransaction ? outsideOpenTransaction().then(() => executeRaw(query)) : executeRaw(query));
    this.connection = { ...connection, outsideOpenTransaction };
    return adapter;
  }
}
