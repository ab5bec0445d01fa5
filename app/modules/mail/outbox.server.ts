import { db, type Tx } from "~/db.server";
import type { OutboxKind } from "./kinds";

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  /** What kind of message, e.g. "invite" or "password-reset"; the Utkorg shows its name from kinds.ts. */
  kind: OutboxKind;
  personId?: string | null;
  /** Who reads a reply to the e-mail (a handledning e-mail: its facilitator); without it a reply has nowhere to go. */
  replyTo?: { name: string; address: string };
  /** A calendar invite, update or cancellation to attach. */
  calendar?: { ics: string; method: "REQUEST" | "CANCEL" | "PUBLISH" };
}

/**
 * Every e-mail goes through the outbox table. Delivery is a separate step
 * (SMTP arrives with handledning); until then admins read pending mail in the app.
 */
export async function queueEmail(email: OutgoingEmail, client: Tx = db) {
  return client.outboxMessage.create({
    data: {
      toEmail: email.to,
      subject: email.subject,
      text: email.text,
      kind: email.kind,
      personId: email.personId ?? null,
      icsContent: email.calendar?.ics ?? null,
      icsMethod: email.calendar?.method ?? null,
      replyToName: email.replyTo?.name ?? null,
      replyToEmail: email.replyTo?.address ?? null,
    },
  });
}

export function listOutbox({ take = 50 }: { take?: number } = {}) {
  return db.outboxMessage.findMany({ orderBy: { createdAt: "desc" }, take });
}

/** How many messages wait to go out (or are going out now) and how many gave up, for the admin's overview. */
export async function outboxCounts() {
  const rows = await db.outboxMessage.groupBy({ by: ["status"], _count: { _all: true } });
  const count = (...statuses: string[]) => rows.filter((r) => statuses.includes(r.status)).reduce((sum, r) => sum + r._count._all, 0);
  return { waiting: count("pending", "sending"), failed: count("failed"), sent: count("sent") };
}
