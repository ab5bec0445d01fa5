import { describe, expect, it } from "vitest";
import { db, prismaSqliteConnection, provider } from "./db.server";
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

  it("do not become part of another request's transaction open at the same time", async () => {
    const branch = await db.branch.create({ data: { slug: "writes-3", name: "Skrivort 3" } });
    let inTransaction!: () => void;
    const opened = new Promise<void>((resolve) => (inTransaction = resolve));
    let outsideWriteDone!: Promise<number>;
    const failing = db.$transaction(async (tx) => {
      await tx.branch.create({ data: { slug: "writes-3-tx", name: "Inne i transaktionen" } });
      inTransaction();
      // Another request writes while this transaction is open, then this one fails.
      await new Promise((resolve) => setTimeout(resolve, 20));
      throw new Error("rolled back");
    });
    await opened;
    outsideWriteDone = writeSql`UPDATE "Branch" SET "name" = ${"Utanför"} WHERE "id" = ${branch.id}`;
    await expect(failing).rejects.toThrow("rolled back");
    expect(await outsideWriteDone).toBe(1);
    expect((await db.branch.findUniqueOrThrow({ where: { id: branch.id } })).name).toBe("Utanför");
    expect(await db.branch.findUnique({ where: { slug: "writes-3-tx" } })).toBeNull();
  });

  // Not a Prisma transaction, so there is no end to wait for: the write must look again later, not spin and starve the process.
  it.runIf(provider === "sqlite")("on SQLite, wait for a transaction begun outside Prisma without holding up the process", async () => {
    const branch = await db.branch.create({ data: { slug: "writes-4", name: "Skrivort 4" } });
    const connection = prismaSqliteConnection()!;
    connection.client.exec("BEGIN");
    const write = writeSql`UPDATE "Branch" SET "name" = ${"Efter"} WHERE "id" = ${branch.id}`;
    await new Promise((resolve) => setTimeout(resolve, 20));
    connection.client.exec("ROLLBACK");
    expect(await write).toBe(1);
    expect((await db.branch.findUniqueOrThrow({ where: { id: branch.id } })).name).toBe("Efter");
  });
});
