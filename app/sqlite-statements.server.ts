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

/**
 * The better-sqlite3 adapter with a statement cache on its connection, and
 * that connection handed out once Prisma has opened it (plain-sql.server
 * writes through it without Prisma).
 */
export class PrismaBetterSQLite3ReusingStatements extends PrismaBetterSQLite3 {
  connection: SqliteConnection | null = null;

  override async connect() {
    const adapter = await super.connect();
    this.connection = reusePreparedStatements((adapter as unknown as { client: Database.Database }).client);
    return adapter;
  }
}
