import nodemailer from "nodemailer";
import { db } from "~/db.server";

export const MAX_ATTEMPTS = 8;
const CLAIM_MS = 60_000;

export interface OutgoingMail {
  messageId: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  icalEvent?: { method: string; content: string; filename: string };
}

/** What the worker needs of a mail transport; nodemailer's SMTP transport in production. */
export interface MailTransport {
  sendMail(mail: OutgoingMail): Promise<unknown>;
}

export function smtpTransport(url: string): MailTransport {
  // Inside the district's network the relay may not offer TLS; the URL decides (smtps:// for TLS).
  const transport = nodemailer.createTransport(url.startsWith("smtp://") ? { url, ignoreTLS: true } : url);
  return {
    sendMail: (mail) =>
      transport.sendMail({
        messageId: mail.messageId,
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        // A text/calendar part with the METHOD (what Outlook, Gmail and Apple Mail act on) and the same as an attachment.
        icalEvent: mail.icalEvent ? { method: mail.icalEvent.method, content: mail.icalEvent.content, filename: mail.icalEvent.filename } : undefined,
        attachments: mail.icalEvent
          ? [{ filename: mail.icalEvent.filename, content: mail.icalEvent.content, contentType: `application/ics; charset=utf-8; method=${mail.icalEvent.method}` }]
          : undefined,
      }),
  };
}

/** 30 s, 1 min, 2 min, … up to an hour. */
export function backoffMs(attempts: number): number {
  return Math.min(60 * 60_000, 30_000 * 2 ** Math.max(0, attempts - 1));
}

/**
 * Claims one due message: a conditional update, so two workers (or two app
 * servers) never send the same message; a crashed worker's claim runs out.
 */
async function claimNext(now: Date) {
  const candidate = await db.outboxMessage.findFirst({
    where: { status: "pending", nextAttemptAt: { lte: now }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
    orderBy: { createdAt: "asc" },
  });
  if (!candidate) return null;
  const { count } = await db.outboxMessage.updateMany({
    where: { id: candidate.id, status: "pending", OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
    data: { lockedUntil: new Date(now.getTime() + CLAIM_MS), attempts: { increment: 1 } },
  });
  return count === 1 ? { ...candidate, attempts: candidate.attempts + 1 } : undefined;
}

/** Sends what is due, one message at a time; returns what happened. */
export async function deliverDue(transport: MailTransport, { from, now = new Date(), limit = 50 }: { from: string; now?: Date; limit?: number }) {
  const outcome = { sent: 0, retrying: 0, failed: 0 };
  for (let i = 0; i < limit; i++) {
    const message = await claimNext(now);
    if (message === null) break;
    if (message === undefined) continue;
    try {
      await transport.sendMail({
        // The same Message-ID on a retry lets receiving servers drop a duplicate.
        messageId: `<${message.id}@ledarlyftet.se>`,
        from,
        to: message.toEmail,
        subject: message.subject,
        text: message.text,
        icalEvent: message.icsContent && message.icsMethod ? { method: message.icsMethod, content: message.icsContent, filename: message.icsMethod === "CANCEL" ? "installt.ics" : "inbjudan.ics" } : undefined,
      });
      await db.outboxMessage.update({ where: { id: message.id }, data: { status: "sent", sentAt: new Date(), lockedUntil: null, lastError: null } });
      outcome.sent++;
    } catch (error) {
      const gaveUp = message.attempts >= MAX_ATTEMPTS;
      await db.outboxMessage.update({
        where: { id: message.id },
        data: {
          status: gaveUp ? "failed" : "pending",
          lockedUntil: null,
          lastError: error instanceof Error ? error.message.slice(0, 500) : String(error),
          nextAttemptAt: new Date(now.getTime() + backoffMs(message.attempts)),
        },
      });
      if (gaveUp) outcome.failed++;
      else outcome.retrying++;
    }
  }
  return outcome;
}

/** Runs deliverDue every few seconds until stopped. */
export function startDeliveryWorker(transport: MailTransport, from: string, everyMs = 5000) {
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      await deliverDue(transport, { from });
    } catch (error) {
      console.error("mail delivery failed", error);
    } finally {
      running = false;
    }
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
