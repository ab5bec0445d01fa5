import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { sessionPolicy } from "~/modules/auth/lucia.server";
import { hitRateLimits } from "~/modules/auth/rate-limit.server";
import { loginBlockedUntil, MAX_FAILURES_PER_ACCOUNT } from "~/modules/auth/throttle.server";
import { createPerson } from "../../../tests/integration/helpers";
import { pruneExpiredRecords } from "./retention.server";

const NOW = new Date("2026-11-24T12:00:00Z");
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

describe("retention", () => {
  it("deletes rate-limit counts older than a day and login attempts older than a month, and keeps what still counts", async () => {
    const key = `test:${Math.random()}`;
    await db.rateLimitHit.createMany({ data: [ago(2 * DAY), ago(DAY + 1000), ago(HOUR), ago(1000)].map((createdAt) => ({ key, createdAt })) });
    const email = `prune-${Math.random()}@example.se`;
    await db.loginAttempt.createMany({
      data: [ago(31 * DAY), ago(29 * DAY), ...Array.from({ length: MAX_FAILURES_PER_ACCOUNT }, (_, i) => ago(60_000 * (i + 1)))].map((createdAt) => ({
        email,
        address: "203.0.113.9",
        outcome: "failure",
        createdAt,
      })),
    });

    await pruneExpiredRecords(NOW);

    expect((await db.rateLimitHit.findMany({ where: { key }, orderBy: { createdAt: "asc" } })).map((h) => h.createdAt)).toEqual([ago(HOUR), ago(1000)]);
    expect(await db.loginAttempt.count({ where: { email } })).toBe(1 + MAX_FAILURES_PER_ACCOUNT);
    // Pruning never lifts a block that is still in force.
    expect(await loginBlockedUntil(email, "198.51.100.1", NOW)).not.toBeNull();
    expect(await hitRateLimits([{ key, max: 2, windowMs: 2 * HOUR }], NOW)).not.toBeNull();
  });

  it("deletes sessions past their end, idle too long or older than the lifetime, and keeps live ones", async () => {
    const person = await createPerson();
    const session = (name: string, times: { expiresAt?: Date; createdAt?: Date; lastSeenAt?: Date }) => ({
      id: `${name}-${Math.random()}`,
      personId: person.id,
      expiresAt: times.expiresAt ?? new Date(NOW.getTime() + DAY),
      secretHash: "0".repeat(64),
      createdAt: times.createdAt ?? ago(HOUR),
      lastSeenAt: times.lastSeenAt ?? ago(1000),
    });
    await db.authSession.createMany({
      data: [
        session("ended", { expiresAt: ago(1000) }),
        session("idle", { lastSeenAt: ago(sessionPolicy.idleMs + 1000) }),
        session("old", { createdAt: ago(sessionPolicy.maxAgeMs + 1000) }),
        session("live", {}),
      ],
    });
    await pruneExpiredRecords(NOW);
    expect((await db.authSession.findMany({ where: { personId: person.id } })).map((s) => s.id.split("-")[0])).toEqual(["live"]);
  });
});
