import Database from "better-sqlite3";
import { config } from "./config.server";
import { databaseFilePath } from "./database-url";
import { db, provider } from "./db.server";
import { Prisma } from "./generated/prisma/client.ts";
import { preparedStatements, type Statement } from "./sqlite-statements.server";

type Client = Pick<typeof db, "$queryRaw">;

/**
 * The plain-SQL reads every request makes (the session, a course's progress,
 * a calendar feed, the rate limits). Through Prisma each one, even as raw SQL,
 * passes its query compiler and driver adapter: about a tenth of a
 * millisecond for a query SQLite answers in a few microseconds. On SQLite
 * they run instead on a connection of their own that only reads (WAL lets it
 * read beside the writer, and it sees every committed write at once). Writes
 * stay with Prisma, and so does a read inside a transaction: pass the
 * transaction client and the read is part of it. On PostgreSQL every read
 * goes through Prisma.
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
