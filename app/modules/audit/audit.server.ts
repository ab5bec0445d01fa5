import { db } from "~/db.server";

export interface AuditInput {
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId?: string | null;
  detail?: Record<string, unknown>;
}

type Tx = Pick<typeof db, "auditEvent">;

/** Pass the transaction client when the audited change runs in one, so both land or neither. */
export async function recordAudit(input: AuditInput, client: Tx = db) {
  await client.auditEvent.create({
    data: {
      actorId: input.actorId,
      action: input.action,
      subjectType: input.subjectType,
      subjectId: input.subjectId ?? null,
      detail: JSON.stringify(input.detail ?? {}),
    },
  });
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
export async function recordAccess(actorId: string, action: string, subject: { type: string; id?: string | null; ownerId?: string | null }, detail?: Record<string, unknown>) {
  const owner = subject.ownerId ?? (subject.type === "person" ? subject.id : null);
  if (owner && owner === actorId) return;
  await recordAudit({ actorId, action, subjectType: subject.type, subjectId: subject.id ?? null, detail });
}
