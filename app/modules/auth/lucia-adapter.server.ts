import type { Adapter, DatabaseSession, DatabaseUser } from "lucia";
import type { db as Db } from "~/db.server";

/**
 * lucia's own Adapter interface over our Prisma client. The official
 * @lucia-auth/adapter-prisma pins Prisma 4/5, so we implement the seven calls here.
 */
export class PrismaSessionAdapter implements Adapter {
  constructor(private readonly db: typeof Db) {}

  async getSessionAndUser(sessionId: string): Promise<[DatabaseSession | null, DatabaseUser | null]> {
    const row = await this.db.authSession.findUnique({
      where: { id: sessionId },
      include: { person: true },
    });
    if (!row) return [null, null];
    const { person, ...session } = row;
    return [
      { id: session.id, userId: session.personId, expiresAt: session.expiresAt, attributes: {} },
      {
        id: person.id,
        attributes: {
          email: person.email,
          name: person.name,
          branchId: person.branchId,
          position: person.position,
          isParticipant: person.isParticipant,
          isFacilitator: person.isFacilitator,
          isAdmin: person.isAdmin,
          active: person.active,
        },
      },
    ];
  }

  async getUserSessions(userId: string): Promise<DatabaseSession[]> {
    const rows = await this.db.authSession.findMany({ where: { personId: userId } });
    return rows.map((s) => ({ id: s.id, userId: s.personId, expiresAt: s.expiresAt, attributes: {} }));
  }

  async setSession(session: DatabaseSession): Promise<void> {
    await this.db.authSession.create({
      data: { id: session.id, personId: session.userId, expiresAt: session.expiresAt },
    });
  }

  async updateSessionExpiration(sessionId: string, expiresAt: Date): Promise<void> {
    await this.db.authSession.updateMany({ where: { id: sessionId }, data: { expiresAt } });
  }

  async deleteSession(sessionId: string): Promise<void> {
    await this.db.authSession.deleteMany({ where: { id: sessionId } });
  }

  async deleteUserSessions(userId: string): Promise<void> {
    await this.db.authSession.deleteMany({ where: { personId: userId } });
  }

  async deleteExpiredSessions(): Promise<void> {
    await this.db.authSession.deleteMany({ where: { expiresAt: { lte: new Date() } } });
  }
}
