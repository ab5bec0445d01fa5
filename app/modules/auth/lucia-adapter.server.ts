import type { Adapter, DatabaseSession, DatabaseUser } from "lucia";
import type { db as Db } from "~/db.server";
import { asBoolean, asDate } from "~/utils/raw-rows";
import { readSql } from "~/plain-sql.server";

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

interface RawSessionAndPerson {
  id: string;
  personId: string;
  expiresAt: Date | string;
  createdAt: Date | string;
  lastSeenAt: Date | string;
  email: string;
  name: string;
  branchId: string;
  position: string;
  isParticipant: boolean | number | bigint;
  isFacilitator: boolean | number | bigint;
  isAdmin: boolean | number | bigint;
  active: boolean | number | bigint;
}

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

  private toDatabaseSession(row: SessionRow): DatabaseSession {
    return {
      id: row.id,
      userId: row.personId,
      expiresAt: sessionEndsAt(row, this.policy),
      attributes: { createdAt: row.createdAt, lastSeenAt: row.lastSeenAt },
    };
  }

  /**
   * Every signed-in request starts here, so it is one joined query in plain
   * SQL (portable: quoted names, no dialect functions). Through the ORM it
   * was two queries, each compiled anew by Prisma's query compiler.
   */
  async getSessionAndUser(sessionId: string): Promise<[DatabaseSession | null, DatabaseUser | null]> {
    const [row] = await readSql<RawSessionAndPerson>`
      SELECT s."id", s."personId", s."expiresAt", s."createdAt", s."lastSeenAt",
             p."email", p."name", p."branchId", p."position", p."isParticipant", p."isFacilitator", p."isAdmin", p."active"
      FROM "AuthSession" s JOIN "Person" p ON p."id" = s."personId"
      WHERE s."id" = ${sessionId}`;
    if (!row) return [null, null];
    return [
      this.toDatabaseSession({ id: row.id, personId: row.personId, expiresAt: asDate(row.expiresAt), createdAt: asDate(row.createdAt), lastSeenAt: asDate(row.lastSeenAt) }),
      {
        id: row.personId,
        attributes: {
          email: row.email,
          name: row.name,
          branchId: row.branchId,
          position: row.position,
          isParticipant: asBoolean(row.isParticipant),
          isFacilitator: asBoolean(row.isFacilitator),
          isAdmin: asBoolean(row.isAdmin),
          active: asBoolean(row.active),
        },
      },
    ];
  }

  async getUserSessions(userId: string): Promise<DatabaseSession[]> {
    const rows = await this.db.authSession.findMany({ where: { personId: userId } });
    return rows.map((s) => this.toDatabaseSession(s));
  }

  async setSession(session: DatabaseSession): Promise<void> {
    const now = new Date();
    await this.db.authSession.create({
      data: { id: session.id, personId: session.userId, expiresAt: session.expiresAt, createdAt: now, lastSeenAt: now, userAgent: session.attributes.userAgent ?? null },
    });
  }

  async updateSessionExpiration(): Promise<void> {
    // Deliberately empty: the end set at login is absolute (see the class comment).
  }

  async deleteSession(sessionId: string): Promise<void> {
    await this.db.authSession.deleteMany({ where: { id: sessionId } });
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
