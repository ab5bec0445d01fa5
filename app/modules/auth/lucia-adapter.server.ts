import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import type { Adapter, DatabaseSession, DatabaseUser } from "lucia";
import { Prisma } from "~/generated/prisma/client.ts";
import type { db as Db } from "~/db.server";
import { column, selectRows, row } from "~/sql.server";

export interface SessionPolicy {
  /** A session not used for this long is over. */
  idleMs: number;
  /** No session outlives this, counted from login, however much it is used. */
  maxAgeMs: number;
}

type SessionRow = { id: string; personId: string; expiresAt: Date; createdAt: Date; lastSeenAt: Date };

/**
 * When a session stops being valid: the earliest of the end set at login,
 * login plus the current maximum lifetime (so lowering SESSION_MAX_DAYS
 * applies to sessions already out there) and the last activity plus the idle time.
 */
export function sessionEndsAt(row: Pick<SessionRow, "expiresAt" | "createdAt" | "lastSeenAt">, policy: SessionPolicy): Date {
  return new Date(Math.min(row.expiresAt.getTime(), row.createdAt.getTime() + policy.maxAgeMs, row.lastSeenAt.getTime() + policy.idleMs));
}

/**
 * A session token is `<id>.<secret>`: the id finds the row, the secret
 * proves the holder, and only the secret's SHA-256 is stored. Whoever reads
 * the database (or a backup of it) learns ids, never a cookie that works
 * (lucia's author's guidance for v3: lucia-auth.com/sessions/migrate-lucia-v3).
 */
export function newSessionToken(): string {
  return `${encodeBase32LowerCaseNoPadding(randomBytes(10))}.${encodeBase32LowerCaseNoPadding(randomBytes(24))}`;
}

const TOKEN = /^([a-z2-7]{16})\.([a-z2-7]{39})$/;

/** The token's two halves, or null when it is not one of ours. */
export function parseSessionToken(token: string): { id: string; secret: string } | null {
  const match = TOKEN.exec(token);
  return match ? { id: match[1]!, secret: match[2]! } : null;
}

export const secretHash = (secret: string) => createHash("sha256").update(secret).digest("hex");

/** Constant time: how long the comparison takes says nothing about how much of the secret was right. */
function secretMatches(secret: string, storedHash: string): boolean {
  const given = Buffer.from(secretHash(secret), "hex");
  const stored = Buffer.from(storedHash, "hex");
  return stored.length === given.length && timingSafeEqual(given, stored);
}

const sessionAndPersonRow = row({
  id: column.text,
  secretHash: column.text,
  personId: column.text,
  expiresAt: column.date,
  createdAt: column.date,
  lastSeenAt: column.date,
  email: column.text,
  name: column.text,
  branchId: column.text,
  position: column.text,
  isParticipant: column.boolean,
  isFacilitator: column.boolean,
  isAdmin: column.boolean,
  isCourseEditor: column.boolean,
  active: column.boolean,
});

/**
 * lucia's own Adapter interface over our Prisma client. The official
 * @lucia-auth/adapter-prisma pins Prisma 4/5, so we implement the seven calls here.
 *
 * The expiry lucia sees already includes the idle timeout, so lucia itself
 * deletes an idle or too old session when it is presented. Sessions never
 * slide: lucia's "extend past half-life" call is deliberately a no-op, and
 * activity is recorded by `touchSession` (session.server.ts) instead.
 */
export class PrismaSessionAdapter implements Adapter {
  constructor(
    private readonly db: typeof Db,
    private readonly policy: SessionPolicy,
  ) {}

  /** `id` is what lucia puts in the cookie: the whole token when we have it, the row id when listing. */
  private toDatabaseSession(row: SessionRow, id = row.id): DatabaseSession {
    return {
      id,
      userId: row.personId,
      expiresAt: sessionEndsAt(row, this.policy),
      attributes: { createdAt: row.createdAt, lastSeenAt: row.lastSeenAt },
    };
  }

  /** Every signed-in request starts here, so it is one joined query (portable SQL) rather than two ORM queries. */
  async getSessionAndUser(token: string): Promise<[DatabaseSession | null, DatabaseUser | null]> {
    const parsed = parseSessionToken(token);
    if (!parsed) return [null, null];
    const [row] = await selectRows(
      sessionAndPersonRow,
      Prisma.sql`
        SELECT s."id", s."secretHash", s."personId", s."expiresAt", s."createdAt", s."lastSeenAt",
               p."email", p."name", p."branchId", p."position", p."isParticipant", p."isFacilitator", p."isAdmin", p."isCourseEditor", p."active"
        FROM "AuthSession" s JOIN "Person" p ON p."id" = s."personId"
        WHERE s."id" = ${parsed.id}`,
      this.db,
    );
    if (!row || !secretMatches(parsed.secret, row.secretHash)) return [null, null];
    const { email, name, branchId, position, isParticipant, isFacilitator, isAdmin, isCourseEditor, active } = row;
    return [
      this.toDatabaseSession(row, token),
      { id: row.personId, attributes: { email, name, branchId, position, isParticipant, isFacilitator, isAdmin, isCourseEditor, active } },
    ];
  }

  async getUserSessions(userId: string): Promise<DatabaseSession[]> {
    const rows = await this.db.authSession.findMany({ where: { personId: userId } });
    return rows.map((s) => this.toDatabaseSession(s));
  }

  /** lucia hands the new session with the token as its id (session.server.ts makes it with newSessionToken). */
  async setSession(session: DatabaseSession): Promise<void> {
    const parsed = parseSessionToken(session.id);
    if (!parsed) throw new Error("A session must be created with a token from newSessionToken()");
    const now = new Date();
    await this.db.authSession.create({
      data: {
        id: parsed.id,
        secretHash: secretHash(parsed.secret),
        personId: session.userId,
        expiresAt: session.expiresAt,
        createdAt: now,
        lastSeenAt: now,
        userAgent: session.attributes.userAgent ?? null,
      },
    });
  }

  async updateSessionExpiration(): Promise<void> {
    // Deliberately empty: the end set at login is absolute (see the class comment).
  }

  /** Only the holder of the whole token ends a session this way; the row id alone is not enough. */
  async deleteSession(token: string): Promise<void> {
    const parsed = parseSessionToken(token);
    if (!parsed) return;
    await this.db.authSession.deleteMany({ where: { id: parsed.id, secretHash: secretHash(parsed.secret) } });
  }

  async deleteUserSessions(userId: string): Promise<void> {
    await this.db.authSession.deleteMany({ where: { personId: userId } });
  }

  /** Sessions past their end, idle too long, or older than the lifetime. */
  async deleteExpiredSessions(now = new Date()): Promise<void> {
    await this.db.authSession.deleteMany({
      where: {
        OR: [
          { expiresAt: { lte: now } },
          { lastSeenAt: { lte: new Date(now.getTime() - this.policy.idleMs) } },
          { createdAt: { lte: new Date(now.getTime() - this.policy.maxAgeMs) } },
        ],
      },
    });
  }
}
