import { db } from "~/db.server";
import { sessionAdapter } from "~/modules/auth/lucia.server";
import { startPeriodicJob, stopPeriodicJob } from "~/utils/periodic-job.server";

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/** Every rate limit counts within an hour at most; a day keeps room for a longer window later. */
export const RATE_LIMIT_HITS_KEPT_MS = DAY;
/** Login attempts hold an e-mail and an IP address: kept a month, to look into an attack, then gone. */
export const LOGIN_ATTEMPTS_KEPT_MS = 30 * DAY;

/**
 * Deletes what has served its purpose: rate-limit counts past every window,
 * login attempts older than a month, and sessions that can no longer be used
 * (past their end, idle too long or older than the lifetime). Storage
 * limitation (GDPR art. 5.1 e), and the tables stay small.
 */
export async function pruneExpiredRecords(now = new Date()) {
  const [hits, attempts] = await Promise.all([
    db.rateLimitHit.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - RATE_LIMIT_HITS_KEPT_MS) } } }),
    db.loginAttempt.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - LOGIN_ATTEMPTS_KEPT_MS) } } }),
    sessionAdapter.deleteExpiredSessions(now),
  ]);
  return { rateLimitHits: hits.count, loginAttempts: attempts.count };
}

const JOB = "pruning expired records";

/** Prunes at start and every hour; several servers doing it at once only delete the same rows. */
export function startHousekeeping() {
  startPeriodicJob(JOB, HOUR, pruneExpiredRecords);
}

/** Stops the schedule; resolves once a pruning under way is done. */
export function stopHousekeeping() {
  return stopPeriodicJob(JOB);
}
