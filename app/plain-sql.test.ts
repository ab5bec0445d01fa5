import { describe, expect, it } from "vitest";
import { db, provider } from "./db.server";
import { Prisma } from "./generated/prisma/client.ts";
import { readRows, readSql, writeRows, writeSql } from "./plain-sql.server";
import { asDate } from "./utils/raw-rows";

describe("plain-SQL reads and writes", () => {
  it("see a write the moment Prisma has committed it", async () => {
    const branch = await db.branch.create({ data: { slug: "reads-1", name: "Läsort 1" } });
    const [row] = await readSql<{ name: string }>`SELECT "name" FROM "Branch" WHERE "id" = ${branch.id}`;
    expect(row?.name).toBe("Läsort 1");
    await db.branch.update({ where: { id: branch.id }, data: { name: "Läsort 1b" } });
    const [again] = await readSql<{ name: string }>`SELECT "name" FROM "Branch" WHERE "id" = ${branch.id}`;
    expect(again?.name).toBe("Läsort 1b");
  });

  it("compare dates the way Prisma stored them", async () => {
    const branch = await db.branch.create({ data: { slug: "reads-2", name: "Läsort 2" } });
    const before = new Date(branch.createdAt.getTime() - 1);
    const after = new Date(branch.createdAt.getTime() + 1);
    const rows = await readSql<{ createdAt: Date | string }>`SELECT "createdAt" FROM "Branch" WHERE "id" = ${branch.id} AND "createdAt" > ${before} AND "createdAt" < ${after}`;
    expect(rows.map((r) => asDate(r.createdAt).getTime())).toEqual([branch.createdAt.getTime()]);
  });

  it("read inside a transaction when given its client, seeing what it has not yet committed", async () => {
    const seen = await db.$transaction(async (tx) => {
      const branch = await tx.branch.create({ data: { slug: "reads-3", name: "Läsort 3" } });
      return readRows<{ name: string }>(Prisma.sql`SELECT "name" FROM "Branch" WHERE "id" = ${branch.id}`, tx);
    });
    expect(seen.map((r) => r.name)).toEqual(["Läsort 3"]);
  });

  // On PostgreSQL reads go through Prisma; the read-only connection is SQLite's.
  it.runIf(provider === "sqlite")("on SQLite, refuse to write", async () => {
    await expect(readSql`DELETE FROM "Branch"`).rejects.toThrow();
  });

  it("write, answering how many rows changed, and read back what they wrote", async () => {
    const branch = await db.branch.create({ data: { slug: "writes-1", name: "Skrivort 1" } });
    expect(await writeSql`UPDATE "Branch" SET "name" = ${"Skrivort 1b"} WHERE "id" = ${branch.id}`).toBe(1);
    expect(await writeSql`UPDATE "Branch" SET "name" = ${"x"} WHERE "id" = ${"no-such-branch"}`).toBe(0);
    expect((await db.branch.findUniqueOrThrow({ where: { id: branch.id } })).name).toBe("Skrivort 1b");
  });

  it("write inside a transaction when given its client, undone with it", async () => {
    const branch = await db.branch.create({ data: { slug: "writes-2", name: "Skrivort 2" } });
    await expect(
      db.$transaction(async (tx) => {
        await writeRows(Prisma.sql`UPDATE "Branch" SET "name" = ${"ångrad"} WHERE "id" = ${branch.id}`, tx);
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect((await db.branch.findUniqueOrThrow({ where: { id: branch.id } })).name).toBe("Skrivort 2");
  });
});
