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

export function listAuditEventsFor(subjectType: string, subjectId: string, take = 20) {
  return db.auditEvent.findMany({
    where: { subjectType, subjectId },
    orderBy: { createdAt: "desc" },
    take,
  });
}
