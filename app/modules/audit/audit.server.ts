import { db, type Tx } from "~/db.server";
import { Prisma } from "~/generated/prisma/client.ts";
import { executeSql } from "~/sql.server";
import { newId } from "~/utils/ids.server";
import type { AuditAction } from "./actions";

export interface AuditInput {
  actorId: string | null;
  /** A registered action (actions.ts), so that the log can name it in Swedish. */
  action: AuditAction;
  subjectType: string;
  subjectId?: string | null;
  detail?: Record<string, unknown>;
}

/**
 * Pass the transaction client when the audited change runs in one, so both
 * land or neither. Plain SQL: every look at someone else's data writes one
 * (a cohort page view, say), and the ORM compiled the insert each time.
 */
export async function recordAudit(input: AuditInput, client: Tx = db) {
  await executeSql(
    Prisma.sql`
    INSERT INTO "AuditEvent" ("id", "actorId", "action", "subjectType", "subjectId", "detail", "createdAt")
    VALUES (${newId()}, ${input.actorId}, ${input.action}, ${input.subjectType}, ${input.subjectId ?? null}, ${JSON.stringify(input.detail ?? {})}, ${new Date()})`,
    client,
  );
}

/** The history of changes to one thing; who merely looked at it is in the full audit log, not here. */
export function listAuditEventsFor(subjectType: string, subjectId: string, take = 20) {
  return db.auditEvent.findMany({
    where: { subjectType, subjectId, NOT: { action: { endsWith: ".viewed" } } },
    orderBy: { createdAt: "desc" },
    take,
  });
}

/**
 * Someone looked at another person's data (a person page, a submission, a
 * roster, an export). One insert; looking at one's own data is not logged.
 */
export async function recordAccess(
  actorId: string,
  action: AuditAction,
  subject: { type: string; id?: string | null; ownerId?: string | null },
  detail?: Record<string, unknown>,
) {
  const owner = subject.ownerId ?? (subject.type === "person" ? subject.id : null);
  if (owner && owner === actorId) return;
  await recordAudit({ actorId, action, subjectType: subject.type, subjectId: subject.id ?? null, detail });
}
