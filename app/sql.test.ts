import { describe, expect, it } from "vitest";
import { db } from "./db.server";
import { Prisma } from "./generated/prisma/client.ts";
import { column, row, selectRows } from "./sql.server";

describe("rows of a raw query", () => {
  const shape = row({ id: column.text, at: column.date, done: column.boolean, n: column.integer, note: column.text.nullable() });

  it("come back typed from either database's way of writing them: ISO text or Date, 0/1 or a boolean, BigInt or number", () => {
    const at = new Date("2026-12-02T10:00:00.000Z");
    expect(shape.parse({ id: "a", at: "2026-12-02T10:00:00.000+00:00", done: 1n, n: 3n, note: null })).toEqual({ id: "a", at, done: true, n: 3, note: null });
    expect(shape.parse({ id: "a", at, done: false, n: 3, note: "x" })).toEqual({ id: "a", at, done: false, n: 3, note: "x" });
  });

  it("are refused, naming the column, when a value is not what the column holds", () => {
    const good = { id: "a", at: "2026-12-02T10:00:00Z", done: 0, n: 1, note: null };
    for (const [column, value] of [
      ["at", "igår"],
      ["at", new Date("not a date")],
      ["done", 2],
      ["done", "true"],
      ["n", 1.5],
      ["n", "1"],
      ["id", 1],
    ] as const) {
      const result = shape.safeParse({ ...good, [column]: value });
      expect(result.success, `${column} = ${String(value)}`).toBe(false);
      expect(result.error?.issues[0]?.path).toEqual([column]);
    }
  });

  it("are checked on the way out of the database, so a renamed column fails loudly", async () => {
    await expect(selectRows(row({ missing: column.text }), Prisma.sql`SELECT 1 AS "present"`, db)).rejects.toThrow(/missing/);
    expect(await selectRows(row({ n: column.integer }), Prisma.sql`SELECT 41 + 1 AS "n"`, db)).toEqual([{ n: 42 }]);
  });
});
