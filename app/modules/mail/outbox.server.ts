import { db, type Tx } from "~/db.server";
import type { OutboxKind } from "./kinds";

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  /** What kind of message, e.g. "invite" or "password-reset"; the Utkorg shows its name from kinds.ts. */
  kind: OutboxKind;
  personId?: string | null;
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
    },
  });
}

export function listOutbox({ take = 50 }: { take?: number } = {}) {
  return db.outboxMessage.findMany({ orderBy: { createdAt: "desc" }, take });
}
