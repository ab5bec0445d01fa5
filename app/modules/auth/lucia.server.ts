import { Lucia, TimeSpan } from "lucia";
import { config } from "~/config.server";
import { db } from "~/db.server";
import { PrismaSessionAdapter, type SessionPolicy } from "./lucia-adapter.server";

export const sessionPolicy: SessionPolicy = {
  idleMs: config.SESSION_IDLE_MINUTES * 60_000,
  maxAgeMs: config.SESSION_MAX_DAYS * 24 * 60 * 60_000,
};

/** The session store; housekeeping asks it to delete the sessions that can no longer be used. */
export const sessionAdapter = new PrismaSessionAdapter(db, sessionPolicy);

export const lucia = new Lucia(sessionAdapter, {
  // The absolute lifetime; the cookie gets the same Max-Age at login and is never extended.
  sessionExpiresIn: new TimeSpan(config.SESSION_MAX_DAYS, "d"),
  sessionCookie: {
    name: "ledarlyftet_session",
    attributes: { secure: config.NODE_ENV === "production", sameSite: "lax" },
  },
  getSessionAttributes: (attributes) => attributes,
  getUserAttributes: (attributes) => attributes,
});

declare module "lucia" {
  interface Register {
    Lucia: typeof lucia;
    // Read from the row (the adapter fills them); optional so createSession(id, {}) stays valid.
    DatabaseSessionAttributes: {
      createdAt?: Date;
      lastSeenAt?: Date;
      /** Given at login, so "Mitt konto" can tell one's sessions apart. */
      userAgent?: string | null;
    };
    DatabaseUserAttributes: {
      email: string;
      name: string;
      branchId: string;
      position: string;
      isParticipant: boolean;
      isFacilitator: boolean;
      isAdmin: boolean;
      isCourseEditor: boolean;
      active: boolean;
    };
  }
}
