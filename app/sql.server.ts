// Rows are checked with zod's v4 engine (the same package's documented `zod/v4`): every
// request parses rows, and there it is twenty times faster than the v3 one the forms use
// (20 feed rows: 23 µs against 492; docs/decisions/009-one-data-path.md).
import { z } from "zod/v4";
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
export async function selectRows<Row extends z.ZodType>(row: Row, query: Prisma.Sql, client: Tx = db): Promise<z.output<Row>[]> {
  const rows = await client.$queryRaw<unknown[]>(query);
  return arrayOf(row).parse(rows);
}

// Building a zod array schema costs ten times what parsing 16 rows with it does
// (31 µs against 3.6 µs), and the lesson page asked for one on every request.
const arrays = new WeakMap<z.ZodType, z.ZodArray<z.ZodType>>();
function arrayOf<Row extends z.ZodType>(row: Row): z.ZodArray<Row> {
  let array = arrays.get(row);
  if (!array) arrays.set(row, (array = z.array(row)));
  return array as z.ZodArray<Row>;
}

/** A raw statement that changes rows; answers how many it changed. */
export function executeSql(query: Prisma.Sql, client: Tx = db): Promise<number> {
  return client.$executeRaw(query);
}

// Columns as the two databases hand them back through Prisma's raw queries:
// SQLite's ISO-text dates, 0/1 flags and BigInt integers, PostgreSQL's own types.
// Each is one check, not a union of alternatives: a union tries (and fails) its
// first members on every value.
const DATE_TEXT = /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d/;

export const column = {
  text: z.string(),
  date: z
    .custom<Date | string>((v) => (v instanceof Date && !Number.isNaN(v.getTime())) || (typeof v === "string" && DATE_TEXT.test(v)), "expected a date")
    .transform((v) => (v instanceof Date ? v : new Date(v))),
  boolean: z
    .custom<boolean | number | bigint>((v) => v === true || v === false || v === 0 || v === 1 || v === 0n || v === 1n, "expected a flag (true/false, 0/1)")
    .transform((v) => v === true || Number(v) === 1),
  integer: z
    .custom<number | bigint>((v) => (typeof v === "number" && Number.isInteger(v)) || typeof v === "bigint", "expected an integer")
    .transform((v) => Number(v)),
};

/** The shape of one row of a raw query, column by column (`column.*`, `.nullable()` where the column may be NULL). */
export function row<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.object(shape);
}
