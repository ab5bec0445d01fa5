import { newId } from "~/utils/ids.server";
import { Prisma } from "~/generated/prisma/client.ts";
import { column, executeSql, selectRows, row } from "~/sql.server";

const attemptRow = row({ email: column.text, address: column.text, outcome: column.text, createdAt: column.date });

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;

/**
 * When `failures` (oldest first) inside the window reach `limit`, tries are
 * refused until enough of them have aged out of the window.
 */
function blockedUntil(failures: Date[], limit: number): Date | null {
  if (failures.length < limit) return null;
  const oldestThatMustExpire = failures[failures.length - limit]!;
  return new Date(oldestThatMustExpire.getTime() + THROTTLE_WINDOW_MS);
}

/**
 * Returns the moment the next try is allowed, or null if one is allowed now.
 * An account's count starts over after a successful login; an address's does not,
 * since an attacker may well have an account of their own.
 */
export async function loginBlockedUntil(email: string, address: string, now = new Date()): Promise<Date | null> {
  const windowStart = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  // Every login asks, so it is one query (both indexes serve the OR) rather than three compiled by the ORM.
  const rows = await selectRows(
    attemptRow,
    Prisma.sql`
      SELECT "email", "address", "outcome", "createdAt" FROM "LoginAttempt"
      WHERE "createdAt" > ${windowStart}
        AND (("email" = ${email} AND "outcome" IN ('success', 'failure')) OR ("address" = ${address} AND "outcome" = 'failure'))`,
  );
  const attempts = rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const accountAttempts = attempts.filter((a) => a.email === email);
  const lastSuccess = accountAttempts.filter((a) => a.outcome === "success").at(-1)?.createdAt;
  const accountFailures = accountAttempts.filter((a) => a.outcome === "failure" && (!lastSuccess || a.createdAt > lastSuccess)).map((a) => a.createdAt);
  const addressFailures = attempts.filter((a) => a.address === address && a.outcome === "failure").map((a) => a.createdAt);
  const candidates = [blockedUntil(accountFailures, MAX_FAILURES_PER_ACCOUNT), blockedUntil(addressFailures, MAX_FAILURES_PER_ADDRESS)].filter(
    (d): d is Date => d !== null && d > now,
  );
  if (candidates.length === 0) return null;
  return new Date(Math.max(...candidates.map((d) => d.getTime())));
}

export async function recordLoginAttempt(email: string, address: string, outcome: "success" | "failure" | "throttled", now = new Date()) {
  await executeSql(Prisma.sql`
    INSERT INTO "LoginAttempt" ("id", "email", "address", "outcome", "createdAt") VALUES (${newId()}, ${email}, ${address}, ${outcome}, ${now})`);
}
