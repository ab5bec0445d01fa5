import { z } from "zod";
import { db, type Tx } from "./db.server";
import type { Prisma } from "./generated/prisma/client.ts";

/**
 * Raw SQL, where it earns its place (one join instead of an ORM include of
 * three queries, an ON CONFLICT upsert instead of three statements), goes
 * through Prisma like every other query, and its rows are checked against a
 * schema rather than cast: a column renamed in the schema fails loudly here,
 * not as `undefined` further on. SQL is portable only (quoted names, no
 * dialect functions): both profiles run it.
 */
export async function selectRows<Row extends z.ZodTypeAny>(row: Row, query: Prisma.Sql, client: Tx = db): Promise<z.output<Row>[]> {
  const rows = await client.$queryRaw<unknown[]>(query);
  return z.array(row).parse(rows);
}

/** A raw statement that changes rows; answers how many it changed. */
export function executeSql(query: Prisma.Sql, client: Tx = db): Promise<number> {
  return client.$executeRaw(query);
}

// Columns as the two databases hand them back through Prisma's raw queries:
// SQLite's ISO-text dates, 0/1 flags and BigInt integers, PostgreSQL's own types.
const date = z
  .union([z.date(), z.string().datetime({ offset: true }), z.string().regex(/^\d{4}-\d\d-\d\d[ T]\d\d:\d\d/)])
  .transform((v) => (v instanceof Date ? v : new Date(v)));

export const column = {
  text: z.string(),
  date,
  boolean: z.union([z.boolean(), z.literal(0), z.literal(1), z.literal(0n), z.literal(1n)]).transform((v) => v === true || Number(v) === 1),
  integer: z.union([z.number().int(), z.bigint()]).transform((v) => Number(v)),
};
