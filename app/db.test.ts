import { describe, expect, it } from "vitest";
import { db, isRetryableConflict, provider, transaction } from "./db.server";

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Resolves once `parties` callers have arrived. */
function barrier(parties: number) {
  let arrived = 0;
  const all = deferred();
  return () => {
    if (++arrived === parties) all.resolve();
    return all.promise;
  };
}

describe("database client", () => {
  it("knows which errors a fresh run of the transaction resolves", () => {
    expect(isRetryableConflict({ code: "P2034", message: "Transaction failed due to a write conflict or a deadlock" })).toBe(true);
    expect(isRetryableConflict({ name: "DriverAdapterError", cause: { kind: "TransactionWriteConflict" }, message: "TransactionWriteConflict" })).toBe(true);
    expect(isRetryableConflict({ cause: { kind: "postgres", code: "40P01" }, message: "deadlock detected" })).toBe(true);
    expect(isRetryableConflict({ code: "P2002", message: "Unique constraint failed" })).toBe(false);
    expect(isRetryableConflict(new Error("Tillfället måste ligga i framtiden."))).toBe(false);
  });
});

describe.runIf(provider === "postgresql")("transactions on PostgreSQL", () => {
  /**
   * Write skew: each transaction reads one row and writes the other. Run one
   * at a time they give 1 -> 2 -> 3; side by side at READ COMMITTED both
   * would read 1. Here B is held until A has committed, so PostgreSQL refuses
   * B's COMMIT, and B runs again on A's result.
   */
  async function writeSkew(ids: [string, string]) {
    const attempts = { a: 0, b: 0 };
    const bothRead = barrier(2);
    const bothWrote = barrier(2);
    const aCommitted = deferred();
    const a = transaction(async (tx) => {
      attempts.a++;
      const first = await tx.goal.findUniqueOrThrow({ where: { id: ids[0] } });
      if (attempts.a === 1) await bothRead();
      await tx.goal.update({ where: { id: ids[1] }, data: { order: first.order + 1 } });
      if (attempts.a === 1) await bothWrote();
    }).then(aCommitted.resolve);
    const b = transaction(async (tx) => {
      attempts.b++;
      const second = await tx.goal.findUniqueOrThrow({ where: { id: ids[1] } });
      if (attempts.b === 1) await bothRead();
      await tx.goal.update({ where: { id: ids[0] }, data: { order: second.order + 1 } });
      if (attempts.b === 1) {
        await bothWrote();
        await aCommitted.promise;
      }
    });
    await Promise.all([a, b]);
    return attempts;
  }

  it("talks UTC with the server, so the database's own CURRENT_TIMESTAMP defaults are instants like the app's", async () => {
    expect(await db.$queryRawUnsafe("SELECT current_setting('TimeZone') AS tz")).toEqual([{ tz: "UTC" }]);
    await db.$executeRawUnsafe(`INSERT INTO "RateLimitHit" (id, key) VALUES ('tz-check', 'tz-check')`);
    const hit = await db.rateLimitHit.findUniqueOrThrow({ where: { id: "tz-check" } });
    expect(Math.abs(hit.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it("run serializable: a transaction that lost a conflict runs again, and the result is as if one ran after the other", async () => {
    const g1 = await db.goal.create({ data: { key: "skew-1", area: "ledarskap", title: "Ett", order: 1 } });
    const g2 = await db.goal.create({ data: { key: "skew-2", area: "ledarskap", title: "Två", order: 1 } });
    const attempts = await writeSkew([g1.id, g2.id]);
    expect(attempts).toEqual({ a: 1, b: 2 });
    // A: g2 = g1 + 1 = 2; then B, run again: g1 = g2 + 1 = 3.
    expect((await db.goal.findUniqueOrThrow({ where: { id: g2.id } })).order).toBe(2);
    expect((await db.goal.findUniqueOrThrow({ where: { id: g1.id } })).order).toBe(3);
  });

  it("a refused COMMIT gives its connection back to the pool (more refusals than the pool has connections)", async () => {
    const g1 = await db.goal.create({ data: { key: "pool-1", area: "ledarskap", title: "Ett", order: 1 } });
    const g2 = await db.goal.create({ data: { key: "pool-2", area: "ledarskap", title: "Två", order: 1 } });
    // The pool holds 10 connections; a leaked one per refusal would leave none well before the 15th round.
    for (let round = 0; round < 15; round++) expect(await writeSkew([g1.id, g2.id])).toEqual({ a: 1, b: 2 });
    expect(await db.goal.count({ where: { key: { startsWith: "pool-" } } })).toBe(2);
  }, 60_000);
});
