import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { db, outsideTransaction, provider, transaction } from "./db.server";
import { Prisma } from "./generated/prisma/client.ts";
import { DbInsideTransactionError } from "./sqlite-adapter.server";
import { runAsBackgroundWork } from "./utils/background-work.server";
import { executeSql } from "./sql.server";
import { newId } from "./utils/ids.server";

const hitsWithKey = (key: string) => db.rateLimitHit.count({ where: { key } });
const addHit = (key: string): Promise<unknown> => db.rateLimitHit.create({ data: { id: newId(), key } });
const addHitBySql = (key: string): Promise<unknown> =>
  executeSql(Prisma.sql`INSERT INTO "RateLimitHit" ("id", "key", "createdAt") VALUES (${newId()}, ${key}, ${new Date()})`);

class Planned extends Error {}

describe("transactions are isolated from everything outside them", () => {
  it("an outside write made while a transaction awaits a timer and then throws survives the rollback", async () => {
    const key = `outside-${newId()}`;
    let outsideWrites: Promise<unknown>[] = [];
    const failing = transaction(async (tx) => {
      await tx.rateLimitHit.create({ data: { id: newId(), key: `${key}-inside` } });
      // Another request's writes, sent while this transaction is open and waiting on other I/O.
      outsideWrites = Array.from({ length: 20 }, (_, i) => outsideTransaction(() => (i % 2 === 0 ? addHit(key) : addHitBySql(key))));
      await sleep(50);
      throw new Planned("the transaction fails after awaiting I/O");
    });
    await expect(failing).rejects.toBeInstanceOf(Planned);
    expect(outsideWrites).toHaveLength(20);
    await Promise.all(outsideWrites);
    expect(await hitsWithKey(key)).toBe(20);
    expect(await hitsWithKey(`${key}-inside`)).toBe(0);
  });

  it("a read from outside never sees a row the open transaction has not committed", async () => {
    const key = `uncommitted-${newId()}`;
    const seenOutside: number[] = [];
    await transaction(async (tx) => {
      await tx.rateLimitHit.create({ data: { id: newId(), key } });
      seenOutside.push(await outsideTransaction(() => hitsWithKey(key)));
      expect(await tx.rateLimitHit.count({ where: { key } })).toBe(1);
    });
    expect(seenOutside).toEqual([0]);
    expect(await hitsWithKey(key)).toBe(1);
  });

  it("a transaction that awaits a read shared with other requests finishes", async () => {
    const key = `shared-read-${newId()}`;
    await addHit(key);
    // Started by another request (outside any transaction), e.g. a cache being loaded.
    const shared = (async () => {
      await sleep(20);
      return hitsWithKey(key);
    })();
    const seen = await transaction(async (tx) => {
      await tx.rateLimitHit.create({ data: { id: newId(), key } });
      return shared;
    });
    expect(seen).toBe(1);
    expect(await hitsWithKey(key)).toBe(2);
  });

  it("a transaction that awaits another request's write neither hangs nor swallows the write", async () => {
    const key = `shared-write-${newId()}`;
    const shared = (async () => {
      await sleep(20);
      await addHit(key);
    })();
    const started = Date.now();
    // On SQLite the write waits for the one writer's turn, which this transaction holds while it waits for the
    // write: its timeout ends it. On PostgreSQL the write simply runs beside it.
    const outcome = await transaction(
      async (tx) => {
        await tx.rateLimitHit.create({ data: { id: newId(), key: `${key}-tx` } });
        await shared;
        return "committed";
      },
      { timeout: 500 },
    ).catch(() => "timed out");
    expect(Date.now() - started).toBeLessThan(5_000);
    await shared;
    expect(await hitsWithKey(key)).toBe(1);
    expect(await hitsWithKey(`${key}-tx`)).toBe(outcome === "committed" ? 1 : 0);
    expect(outcome).toBe(provider === "sqlite" ? "timed out" : "committed");
  });
});

describe.runIf(provider === "sqlite")("SQLite: the one writer's turn", () => {
  it("the shared db used inside a transaction is refused at once, instead of waiting for the transaction it is part of", async () => {
    const key = `misuse-${newId()}`;
    await expect(
      transaction(async (tx) => {
        await tx.rateLimitHit.create({ data: { id: newId(), key } });
        await addHit(key);
      }),
    ).rejects.toThrow(DbInsideTransactionError);
    await expect(transaction(async () => hitsWithKey(key))).rejects.toThrow(DbInsideTransactionError);
    expect(await hitsWithKey(key)).toBe(0);
  });

  it("a COMMIT that fails answers with an error, and the next transaction and write succeed", async () => {
    const key = `commit-${newId()}`;
    // A foreign key checked only at COMMIT: the COMMIT itself fails (SQLite keeps the transaction open).
    const failing = transaction(async (tx) => {
      await tx.$executeRawUnsafe("PRAGMA defer_foreign_keys = ON");
      await tx.$executeRaw`INSERT INTO "AuthSession" ("id", "secretHash", "personId", "expiresAt") VALUES (${newId()}, ${"0".repeat(64)}, ${"nobody"}, ${new Date()})`;
      await tx.rateLimitHit.create({ data: { id: newId(), key } });
    });
    await expect(failing).rejects.toThrow(/ForeignKeyConstraintViolation|FOREIGN KEY/i);
    expect(await hitsWithKey(key)).toBe(0);
    await transaction((tx) => tx.rateLimitHit.create({ data: { id: newId(), key } }));
    await addHit(key);
    expect(await hitsWithKey(key)).toBe(2);
  });

  it("a database file that is full fails the write with an error, and once there is room again everything works", async () => {
    const key = `full-${newId()}`;
    const [row] = await db.$queryRawUnsafe<{ page_count: bigint }[]>("PRAGMA page_count");
    await db.$queryRawUnsafe(`PRAGMA max_page_count = ${Number(row!.page_count)}`);
    try {
      const big = "x".repeat(200_000);
      await expect(transaction((tx) => tx.rateLimitHit.create({ data: { id: newId(), key: big } }))).rejects.toThrow(/full/i);
      await expect(addHit(big)).rejects.toThrow(/full/i);
    } finally {
      await db.$queryRawUnsafe("PRAGMA max_page_count = 1073741823");
    }
    await transaction((tx) => tx.rateLimitHit.create({ data: { id: newId(), key } }));
    await addHit(key);
    expect(await hitsWithKey(key)).toBe(2);
  });

  it("writes from many requests at once, in and out of transactions, all land", async () => {
    const key = `burst-${newId()}`;
    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        i % 3 === 0
          ? transaction(async (tx) => {
              await sleep(1);
              await tx.rateLimitHit.create({ data: { id: newId(), key } });
            })
          : addHit(key),
      ),
    );
    expect(await hitsWithKey(key)).toBe(60);
  });
});

describe("background work leaves room for requests", () => {
  it("a job that sends hundreds of queries and writes one after another lets a waiting timer run long before it ends", async () => {
    // On SQLite each statement answers synchronously; without a turn of the
    // event loop between them a job's whole run would be one chain of
    // microtasks, and no request (nor this timer) would be served until it ended.
    const key = `background-${newId()}`;
    const step = async () => {
      await hitsWithKey(key);
      await addHitBySql(key);
      await transaction((tx) => tx.rateLimitHit.create({ data: { id: newId(), key } }));
    };
    // Once first, so the queries' one-time preparation (which may wait on I/O of its own) is behind us.
    await step();
    let statementsWhenTimerRan: number | null = null;
    let statements = 0;
    const timer = setTimeout(() => (statementsWhenTimerRan = statements), 0);
    await runAsBackgroundWork(async () => {
      for (let i = 0; i < 200; i++) {
        await step();
        statements += 3;
      }
    });
    clearTimeout(timer);
    expect(await hitsWithKey(key)).toBe(402);
    expect(statementsWhenTimerRan).not.toBeNull();
    expect(statementsWhenTimerRan!).toBeLessThan(50);
  });
});
