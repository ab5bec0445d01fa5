import { Lucia, TimeSpan } from "lucia";
import { config } from "~/config.server";
import { db } from "~/db.server";
import { PrismaSessionAdapter } from "./lucia-adapter.server";

export const lucia = new Lucia(new PrismaSessionAdapter(db), {
  sessionExpiresIn: new TimeSpan(30, "d"),
  sessionCookie: {
    name: "ledarlyftet_session",
    attributes: { secure: config.NODE_ENV === "production", sameSite: "lax" },
  },
  getUserAttributes: (attributes) => attributes,
});

declare module "lucia" {
  interface Register {
    Lucia: typeof lucia;
    DatabaseUserAttributes: {
      email: string;
      name: string;
      branchId: string;
      position: string;
      isParticipant: boolean;
      isFacilitator: boolean;
      isAdmin: boolean;
      active: boolean;
    };
  }
}
