import nodemailer from "nodemailer";
import { db } from "~/db.server";
import { htmlFromText } from "./html";
import { choiceOfKind, unsubscribeUrl } from "./preferences.server";

export const MAX_ATTEMPTS = 8;
/** How long a claim holds a message by default (MAIL_CLAIM_MS in production). */
export const DEFAULT_CLAIM_MS = 60_000;

export interface OutgoingMail {
  messageId: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  /** Where a reply to the e-mail goes: a handledning e-mail's facilitator; otherwise nobody reads the From address. */
  replyTo?: { name: string; address: string };
  /** An optional e-mail's one-click unsubscribe (RFC 8058): the address a mail client may POST to. */
  unsubscribeUrl?: string;
  icalEvent?: { method: string; content: string; filename: string };
}

/** What the worker needs of a mail transport; nodemailer's SMTP transport in production. */
/** Mail a person may turn off carries its own stop address; mail they must get carries none. */
function unsubscribeFor(message: { kind: string; personId: string | null }): string | undefined {
  const choice = choiceOfKind(message.kind);
  return choice && message.personId ? unsubscribeUrl(message.personId, choice) : undefined;
}

export interface MailTransport {
  sendMail(mail: OutgoingMail): Promise<unknown>;
}

/**
 * claimMs: a send must give up well before its claim runs out, or a second
 * worker could take the message over while the first is still talking to the
 * relay (nodemailer waits up to 10 minutes on a silent socket by default).
 */
export function smtpTransport(url: string, { claimMs = DEFAULT_CLAIM_MS }: { claimMs?: number } = {}): MailTransport {
  const timeoutMs = Math.max(500, Math.floor(claimMs / 4));
  const timeouts = { connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs };
  // Inside the district's network the relay may not offer TLS; the URL decides (smtps:// for TLS).
  const transport = nodemailer.createTransport(url.startsWith("smtp://") ? { url, ignoreTLS: true, ...timeouts } : { url, ...timeouts });
  return {
    sendMail: (mail) =>
      transport.sendMail({
        messageId: mail.messageId,
        from: mail.from,
        to: mail.to,
        replyTo: mail.replyTo,
        subject: mail.subject,
        // multipart/alternative: the text, the same words as HTML, and (for invitations) the
        // text/calendar part with its METHOD, which Outlook, Gmail and Apple Mail act on.
        // nodemailer attaches the calendar once more as a file; that is the only attachment.
        text: mail.text,
        html: htmlFromText(mail.text),
        icalEvent: mail.icalEvent ? { method: mail.icalEvent.method, content: mail.icalEvent.content, filename: mail.icalEvent.filename } : undefined,
        // RFC 3834: sent by the platform, so out-of-office replies are not sent back to it.
        headers: {
          "Auto-Submitted": "auto-generated",
          ...(mail.unsubscribeUrl ? { "List-Unsubscribe": `<${mail.unsubscribeUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } : {}),
        },
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
async function claimNext(now: Date, claimMs: number) {
  const candidate = await db.outboxMessage.findFirst({
    where: { status: "pending", nextAttemptAt: { lte: now }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
    orderBy: { createdAt: "asc" },
  });
  if (!candidate) return null;
  const { count } = await db.outboxMessage.updateMany({
    where: { id: candidate.id, status: "pending", OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
    data: { lockedUntil: new Date(now.getTime() + claimMs), attempts: { increment: 1 } },
  });
  return count === 1 ? { ...candidate, attempts: candidate.attempts + 1 } : undefined;
}

interface DeliveryOptions {
  from: string;
  now?: Date;
  limit?: number;
  claimMs?: number;
  /** Checked before each claim: a shutting-down server finishes the message in hand and claims no more. */
  stopping?: () => boolean;
}

/** Sends what is due, one message at a time; returns what happened. */
export async function deliverDue(
  transport: MailTransport,
  { from, now = new Date(), limit = 50, claimMs = DEFAULT_CLAIM_MS, stopping = () => false }: DeliveryOptions,
) {
  const outcome = { sent: 0, retrying: 0, failed: 0 };
  for (let i = 0; i < limit && !stopping(); i++) {
    const message = await claimNext(now, claimMs);
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
        replyTo: message.replyToEmail ? { name: message.replyToName ?? "", address: message.replyToEmail } : undefined,
        unsubscribeUrl: unsubscribeFor(message),
        icalEvent:
          message.icsContent && message.icsMethod
            ? { method: message.icsMethod, content: message.icsContent, filename: message.icsMethod === "CANCEL" ? "installt.ics" : "inbjudan.ics" }
            : undefined,
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

/**
 * Runs deliverDue every few seconds. The returned stop() claims nothing new
 * and resolves when the message being sent (if any) is sent and recorded, so
 * a server that shuts down leaves no claim behind to wait out.
 */
export function startDeliveryWorker(
  transport: MailTransport,
  { from, everyMs = 5000, claimMs = DEFAULT_CLAIM_MS }: { from: string; everyMs?: number; claimMs?: number },
) {
  let round: Promise<void> | null = null;
  let stopped = false;
  const timer = setInterval(() => {
    if (round || stopped) return;
    round = deliverDue(transport, { from, claimMs, stopping: () => stopped })
      .then(
        () => undefined,
        (error: unknown) => console.error("mail delivery failed", error),
      )
      .finally(() => {
        round = null;
      });
  }, everyMs);
  timer.unref();
  return async function stop() {
    stopped = true;
    clearInterval(timer);
    await round;
  };
}
