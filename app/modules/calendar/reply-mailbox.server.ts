import { config } from "~/config.server";
import { db } from "~/db.server";
import { startPeriodicJob, stopPeriodicJob } from "~/utils/periodic-job.server";
import { handleReplyMessage, setAsideUnread, type ReplyOutcome } from "./calendar-replies.server";

/*
 * The reply mailbox (REPLY_MAILBOX, read over IMAP_URL): every message in its
 * inbox is handled once (calendar-replies.server.ts) and then moved to the
 * folder HANDLED_FOLDER, so the inbox holds only what is still to read and a
 * person looking at the mailbox sees what the app has dealt with. A message
 * is moved only after its outcome is committed: a server that dies between
 * the two leaves it in the inbox, and the next look finds it already done
 * and just moves it. Several app servers may look at once; the database
 * decides which of them handles a message.
 */

export const HANDLED_FOLDER = "Ledarlyftet";
const JOB = "reply mailbox";
const CHECK_ID = "replies";
/** Larger than any calendar answer with its text and HTML; a larger message is set aside unread. */
const MAX_MESSAGE_OCTETS = 2 * 1024 * 1024;
/** Per look: a flood of mail is read over several looks instead of holding one for long. */
const MESSAGES_PER_LOOK = 200;
/** How long a reader holds the mailbox; a server that dies while reading lets go after this. */
const HOLD_MS = 5 * 60_000;

export interface MailboxSettings {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  pass: string;
}

/** IMAP_URL as connection settings: imaps:// is TLS from the start (993), imap:// plain or STARTTLS (143). */
export function mailboxSettings(url: string): MailboxSettings {
  const parsed = new URL(url);
  const secure = parsed.protocol === "imaps:";
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : secure ? 993 : 143,
    secure,
    user: decodeURIComponent(parsed.username),
    pass: decodeURIComponent(parsed.password),
  };
}

export type LookResult = Record<ReplyOutcome, number>;

/** Takes the mailbox for one look, unless another server is reading it. */
async function holdMailbox(now: Date): Promise<boolean> {
  // The row exists after the first look ever; two servers making it at once leave one, which is all that matters.
  await db.replyMailboxCheck.upsert({ where: { id: CHECK_ID }, create: { id: CHECK_ID, checkedAt: now }, update: {} }).catch(() => {});
  const { count } = await db.replyMailboxCheck.updateMany({
    where: { id: CHECK_ID, OR: [{ readingUntil: null }, { readingUntil: { lt: now } }] },
    data: { readingUntil: new Date(now.getTime() + HOLD_MS) },
  });
  return count === 1;
}

async function recordLook(now: Date, error: unknown) {
  const message = error === null ? null : error instanceof Error ? error.message.slice(0, 500) : String(error).slice(0, 500);
  const previous = await db.replyMailboxCheck.findUnique({ where: { id: CHECK_ID } });
  const failingSince = message === null ? null : (previous?.failingSince ?? now);
  await db.replyMailboxCheck.upsert({
    where: { id: CHECK_ID },
    create: { id: CHECK_ID, checkedAt: now, okAt: message === null ? now : null, failingSince, error: message },
    update: { checkedAt: now, ...(message === null ? { okAt: now } : {}), failingSince, error: message, readingUntil: null },
  });
}

/**
 * Reads the inbox once: handles each message and moves it to HANDLED_FOLDER.
 * A mailbox that cannot be reached is recorded for the admin page and
 * thrown; nothing in it is lost, the next look tries again. Answers "busy"
 * while another server is reading it.
 */
export async function checkReplyMailbox(settings: MailboxSettings, now = new Date()): Promise<LookResult | "busy"> {
  if (!(await holdMailbox(now))) return "busy";
  const result: LookResult = { applied: 0, counter: 0, "set-aside": 0, duplicate: 0 };
  // Loaded on the first look: a server without a reply mailbox never needs it.
  const { ImapFlow } = await import("imapflow");
  const client = new ImapFlow({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    auth: { user: settings.user, pass: settings.pass },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  });
  // A dropped connection is reported by the command that was waiting; the event itself needs no handling.
  client.on("error", () => {});
  try {
    await client.connect();
    await client.mailboxCreate(HANDLED_FOLDER);
    const lock = await client.getMailboxLock("INBOX");
    try {
      const uids = (await client.search({ all: true }, { uid: true })) || [];
      for (const uid of uids.slice(0, MESSAGES_PER_LOOK)) {
        const head = await client.fetchOne(String(uid), { size: true, envelope: true }, { uid: true });
        if (!head) continue;
        if ((head.size ?? 0) > MAX_MESSAGE_OCTETS) {
          const from = head.envelope?.from?.[0]?.address ?? "";
          result[
            await setAsideUnread({ uid, size: head.size ?? 0, messageId: head.envelope?.messageId ?? "", from, subject: head.envelope?.subject ?? "" }, now)
          ]++;
        } else {
          const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
          if (!message || !message.source) continue;
          result[await handleReplyMessage(message.source, now)]++;
        }
        await client.messageMove(String(uid), HANDLED_FOLDER, { uid: true });
      }
    } finally {
      lock.release();
    }
    await client.logout();
    await recordLook(now, null);
    return result;
  } catch (error) {
    client.close();
    await recordLook(now, error).catch(() => {});
    throw error;
  }
}

/** What the admin page shows about the mailbox: configured or not, and how the last look went. */
export async function replyMailboxStatus() {
  const check = await db.replyMailboxCheck.findUnique({ where: { id: CHECK_ID } });
  return { address: config.REPLY_MAILBOX ?? null, everyMinutes: Math.max(1, Math.round(config.IMAP_POLL_SECONDS / 60)), check };
}

/** With a reply mailbox configured, looks in it at start and every IMAP_POLL_SECONDS. */
export function startReplyMailbox() {
  if (!config.IMAP_URL || !config.REPLY_MAILBOX) return;
  const settings = mailboxSettings(config.IMAP_URL);
  startPeriodicJob(JOB, config.IMAP_POLL_SECONDS * 1000, () => checkReplyMailbox(settings));
}

export function stopReplyMailbox() {
  return stopPeriodicJob(JOB);
}
