import { databaseStatus } from "~/db.server";

export { databaseStatus };

/** What /healthz answers: whether this server can reach its database, and how it is set up. */
export async function healthReport() {
  const database = await databaseStatus();
  return { healthy: database.ok, body: { status: database.ok ? "ok" : "error", database } };
}
