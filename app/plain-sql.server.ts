import Database from "better-sqlite3";
import { config } from "./config.server";
import { databaseFilePath } from "./database-url";
import { db, prismaSqliteConnection, provider } from "./db.server";
import { Prisma } from "./generated/prisma/client.ts";
import { preparedStatements, type Statement } from "./sqlite-statements.server";

type Client = Pick<typeof db, "$queryRaw">;
type Writer = Pick<typeof db, "$executeRaw">;

/**
 * The plain-SQL reads every request makes (the session, a course's progress,
 * a calendar feed, the rate limits). Through Prisma each one, even as raw SQL,
 * passes its query compiler and driver adapter: about a tenth of a
 * millisecond for a query SQLite answers in a few microseconds. On SQLite
 * they run instead on a connection of their own that only reads (WAL lets it
 * read beside the writer, and it sees every committed write at once). Writes
 * go to Prisma's connection (writeRows below). A read inside a transaction
 * goes through Prisma: pass the transaction client and the read is part of it.
 * On PostgreSQL every read goes through Prisma.
 */
export function readRows<T>(query: Prisma.Sql, client: Client = db): Promise<T[]> {
  if (provider !== "sqlite" || client !== db) return client.$queryRaw<T[]>(query);
  try {
    return Promise.resolve(readConnection().statementFor(query.sql).all(...query.values.map(sqliteValue)) as T[]);
  } catch (error) {
    return Promise.reject(error);
  }
}

/** The template-tag form: readSql<Row>`SELECT … WHERE "id" = ${id}`. */
export function readSql<T>(strings: TemplateStringsArray, ...values: unknown[]): Promise<T[]> {
  return readRows<T>(Prisma.sql(strings, ...values));
}

/**
 * The hot writes (a lesson visit, a completion, rate-limit hits, login
 * attempts, audit entries), each one portable statement; answers how many rows
 * it changed. On SQLite they run on Prisma's own connection, the one writer,
 * but without Prisma: its query compiler cost a lesson page more than the
 * write itself. That is also where Prisma's own queries go, with the same
 * consequence (see docs/decisions/008): sent while an interactive transaction
 * is open on the connection, the write runs inside it. Inside a transaction
 * (pass its client), and on PostgreSQL, they go through Prisma.
 */
export async function writeRows(query: Prisma.Sql, client: Writer = db): Promise<number> {
  const connection = provider === "sqlite" && client === db ? prismaSqliteConnection() : null;
  // Before Prisma's first query there is no connection yet; Prisma opens it.
  if (!connection) return client.$executeRaw(query);
  return connection.statementFor(query.sql).run(...query.values.map(sqliteValue)).changes;
}

/** The template-tag form: writeSql`UPDATE … WHERE "id" = ${id}`. */
export function writeSql(strings: TemplateStringsArray, ...values: unknown[]): Promise<number> {
  return writeRows(Prisma.sql(strings, ...values));
}

/** Values as Prisma's adapter stores them, so comparisons with stored dates and flags hold. */
function sqliteValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  if (typeof value === "boolean") return value ? 1 : 0;
  return value ?? null;
}

let connection: { client: Database.Database; statementFor: (sql: string) => Statement } | null = null;

function readConnection() {
  if (!connection) {
    const client = new Database(databaseFilePath(config.DATABASE_URL), { timeout: 5000 });
    client.pragma("query_only = ON");
    connection = { client, statementFor: preparedStatements(client) };
  }
  return connection;
}

/** At shutdown, before the WAL is folded back into the database file. */
export function closeReadConnection() {
  connection?.client.close();
  connection = null;
}
