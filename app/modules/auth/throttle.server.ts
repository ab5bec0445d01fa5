import { db } from "~/db.server";

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
  const lastSuccess = await db.loginAttempt.findFirst({
    where: { email, outcome: "success", createdAt: { gte: windowStart } },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true },
  });
  const accountSince = lastSuccess && lastSuccess.createdAt > windowStart ? lastSuccess.createdAt : windowStart;
  const [accountFailures, addressFailures] = await Promise.all([
    db.loginAttempt.findMany({
      where: { email, outcome: "failure", createdAt: { gt: accountSince } },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true },
    }),
    db.loginAttempt.findMany({
      where: { address, outcome: "failure", createdAt: { gt: windowStart } },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true },
    }),
  ]);
  const candidates = [
    blockedUntil(accountFailures.map((f) => f.createdAt), MAX_FAILURES_PER_ACCOUNT),
    blockedUntil(addressFailures.map((f) => f.createdAt), MAX_FAILURES_PER_ADDRESS),
  ].filter((d): d is Date => d !== null && d > now);
  if (candidates.length === 0) return null;
  return new Date(Math.max(...candidates.map((d) => d.getTime())));
}

export async function recordLoginAttempt(email: string, address: string, outcome: "success" | "failure" | "throttled") {
  await db.loginAttempt.create({ data: { email, address, outcome } });
}
