import { createHash } from "node:crypto";
import { Prisma } from "~/generated/prisma/client.ts";
import { newId } from "~/utils/ids.server";
import { column, executeSql, row, selectRows } from "~/sql.server";

const boundaryRow = row({ limitIndex: column.integer, createdAt: column.date });

export interface Limit {
  key: string;
  max: number;
  windowMs: number;
}

/**
 * Counts one request against each limit and says when the next is allowed,
 * or null if this one is. Refused requests are not counted, so a blocked
 * client is let in again once its window has passed.
 */
export async function hitRateLimits(limits: Limit[], now = new Date()): Promise<Date | null> {
  if (limits.length === 0) return null;
  // Only the max-th newest hit in each window matters: if it exists the limit is reached, and
  // when it leaves the window there is room again. Reading every hit cost up to 600 rows per request.
  // All limits in one query (every feed poll asks): one round through Prisma instead of one per limit.
  // The index is written into the SQL, not bound: PostgreSQL types an untyped parameter as text.
  const boundaries = await selectRows(
    boundaryRow,
    Prisma.join(
      limits.map(
        (limit, index) => Prisma.sql`
          SELECT ${Prisma.raw(String(index))} AS "limitIndex", b${Prisma.raw(String(index))}."createdAt" FROM (
            SELECT "createdAt" FROM "RateLimitHit" WHERE "key" = ${limit.key} AND "createdAt" > ${new Date(now.getTime() - limit.windowMs)}
            ORDER BY "createdAt" DESC LIMIT 1 OFFSET ${limit.max - 1}
          ) AS b${Prisma.raw(String(index))}`,
      ),
      " UNION ALL ",
    ),
  );
  let blockedUntil: Date | null = null;
  for (const boundary of boundaries) {
    const until = new Date(boundary.createdAt.getTime() + limits[boundary.limitIndex]!.windowMs);
    if (!blockedUntil || until > blockedUntil) blockedUntil = until;
  }
  if (blockedUntil) return blockedUntil;
  const hits = limits.map((limit) => Prisma.sql`(${newId()}, ${limit.key}, ${now})`);
  await executeSql(Prisma.sql`INSERT INTO "RateLimitHit" ("id", "key", "createdAt") VALUES ${Prisma.join(hits)}`);
  return null;
}

const HOUR = 60 * 60 * 1000;

/** Feed tokens (secrets) and invited addresses are counted by a hash, never stored. */
function digest(value: string) {
  return createHash("sha256").update(value).digest("hex").slice(0, 32);
}

/** Password-reset requests: a few per address typed, more per client address. Same answer whether the account exists. */
export function resetLimits(email: string, address: string): Limit[] {
  return [
    { key: `reset:email:${email.trim().toLowerCase()}`, max: 3, windowMs: HOUR },
    { key: `reset:address:${address}`, max: 20, windowMs: HOUR },
  ];
}

/** Calendar apps poll a feed every few minutes at most; far more than that is abuse or a loop. */
export function feedLimits(token: string, address: string): Limit[] {
  return [
    { key: `feed:token:${digest(token)}`, max: 120, windowMs: HOUR },
    { key: `feed:address:${address}`, max: 600, windowMs: HOUR },
  ];
}

/**
 * Invitation e-mails (new people and resends): a few per recipient and a
 * ceiling per admin, so a looping script or a hijacked admin session cannot
 * use us to flood inboxes. The address is counted by a hash, not stored.
 */
export function inviteLimits(actorId: string, recipientEmail: string): Limit[] {
  return [
    { key: `invite:email:${digest(recipientEmail.trim().toLowerCase())}`, max: 3, windowMs: HOUR },
    { key: `invite:actor:${actorId}`, max: 50, windowMs: HOUR },
  ];
}

/** A CSV import invites everyone in it at once: a handful of imports an hour per admin. */
export function importLimits(actorId: string): Limit[] {
  return [{ key: `import:actor:${actorId}`, max: 5, windowMs: HOUR }];
}
