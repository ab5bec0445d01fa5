import { createHash } from "node:crypto";
import type ICAL from "ical.js";
import type { AddressObject, Attachment } from "mailparser";
import { db, transaction } from "~/db.server";
import { Prisma } from "~/generated/prisma/client.ts";
import { recordAudit } from "~/modules/audit/audit.server";
import { may, type Actor } from "~/modules/auth/permissions";
import { answerInvitation, moveSession, type Answer } from "~/modules/sessions/sessions.server";
import { formError, type ActionResult } from "~/utils/action-result";
import { forbidden, notFound } from "~/utils/http.server";
import { stockholmDate, stockholmToUtc, swedishClock } from "~/utils/time";

/*
 * Answers from attendees' calendars (decision 013). Invitations name the reply
 * mailbox as ORGANIZER, so Accept, Decline, Maybe and Outlook's "Propose new
 * time" arrive there as iTIP REPLY and COUNTER messages (RFC 5546). Each
 * message read from the mailbox is handled here exactly once: an answer that
 * matches a session, an invitee and its sender updates that invitee's answer
 * as the buttons in the app would; a proposed time is shown to the
 * facilitator, never applied; anything else is set aside for an admin with
 * the reason, and changes nothing.
 */

/** A calendar part larger than this is not an answer any client sends. */
const MAX_CALENDAR_OCTETS = 256 * 1024;
const CALENDAR_TYPES = new Set(["text/calendar", "application/ics", "text/x-vcalendar"]);

export interface CalendarAnswer {
  method: string;
  uid: string | null;
  sequence: number | null;
  attendees: { email: string; partstat: string | null }[];
  proposedStartsAt: Date | null;
  proposedEndsAt: Date | null;
  comment: string;
}

export interface ReplyMessage {
  /** SHA-256 of the raw message: the same message read twice (two servers, a restart) is one. */
  key: string;
  fromAddress: string;
  subject: string;
  /** The calendar answer the message carries, or why none could be read. */
  answer: CalendarAnswer | { problem: string };
}

const mailAddress = (value: string) =>
  value
    .replace(/^mailto:/i, "")
    .trim()
    .toLowerCase();

function firstAddress(from: AddressObject | AddressObject[] | undefined): string {
  const list = Array.isArray(from) ? from : from ? [from] : [];
  for (const group of list) for (const entry of group.value) if (entry.address) return entry.address.toLowerCase();
  return "";
}

function isCalendarPart(part: Attachment): boolean {
  return CALENDAR_TYPES.has(part.contentType.toLowerCase()) || /\.ics$/i.test(part.filename ?? "");
}

/**
 * An iCalendar time as an instant. UTC and zones the message defines in a
 * VTIMEZONE (Outlook's "W. Europe Standard Time") convert exactly; a floating
 * time, or a zone the message names without defining, is read as Swedish
 * wall-clock time, which is what the district's calendars mean by it.
 */
function instant(ICAL: IcalJs, time: ICAL.Time | null): Date | null {
  if (!time) return null;
  const zone = time.zone;
  if (time.isDate || !zone || zone === ICAL.Timezone.localTimezone || zone.tzid === "floating") {
    const pad = (n: number) => String(n).padStart(2, "0");
    return stockholmToUtc(`${time.year}-${pad(time.month)}-${pad(time.day)}`, `${pad(time.hour)}:${pad(time.minute)}:${pad(time.second)}`);
  }
  return time.toJSDate();
}

/** Reads one calendar object; null when it is not an answer (no VEVENT). Throws on text that is not iCalendar. */
function readCalendar(ICAL: IcalJs, text: string): CalendarAnswer | null {
  const calendar = new ICAL.Component(ICAL.parse(text));
  // Zones defined in the message convert its own times; registered for this read only.
  const zones = calendar.getAllSubcomponents("vtimezone").map((component) => new ICAL.Timezone(component));
  for (const zone of zones) ICAL.TimezoneService.register(zone);
  try {
    const event = calendar.getFirstSubcomponent("vevent");
    if (!event) return null;
    const value = (name: string) => {
      const found = event.getFirstPropertyValue(name);
      return found === null || found === undefined ? null : String(found);
    };
    const time = (name: string) => {
      const found = event.getFirstPropertyValue(name);
      return found instanceof ICAL.Time ? found : null;
    };
    const sequence = Number.parseInt(value("sequence") ?? "", 10);
    const start = instant(ICAL, time("dtstart"));
    let end = instant(ICAL, time("dtend"));
    const duration = event.getFirstPropertyValue("duration");
    if (!end && start && duration instanceof ICAL.Duration) end = new Date(start.getTime() + duration.toSeconds() * 1000);
    return {
      method: String(calendar.getFirstPropertyValue("method") ?? "").toUpperCase(),
      uid: value("uid"),
      sequence: Number.isFinite(sequence) ? sequence : null,
      attendees: event.getAllProperties("attendee").map((property) => {
        const partstat = property.getParameter("partstat");
        return { email: mailAddress(String(property.getFirstValue() ?? "")), partstat: typeof partstat === "string" ? partstat.toUpperCase() : null };
      }),
      proposedStartsAt: start,
      proposedEndsAt: end,
      comment: (value("comment") ?? "").trim().slice(0, 2000),
    };
  } finally {
    for (const zone of zones) ICAL.TimezoneService.remove(zone.tzid);
  }
}

/** What a raw message from the mailbox says: its sender, subject and the calendar answer it carries. */
export async function readReplyMessage(raw: Buffer): Promise<ReplyMessage> {
  // Loaded when a message is read, not when the server starts: a server without a reply mailbox never needs them (35 MB).
  const [{ simpleParser }, { default: ICAL }] = await Promise.all([import("mailparser"), import("ical.js")]);
  const key = createHash("sha256").update(raw).digest("hex");
  const mail = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true });
  const base = { key, fromAddress: firstAddress(mail.from), subject: (mail.subject ?? "").slice(0, 300) };
  const parts = mail.attachments.filter(isCalendarPart);
  if (parts.length === 0) return { ...base, answer: { problem: "Brevet innehåller inget kalendersvar." } };
  // Thunderbird and Google send the answer twice (a text/calendar part and an .ics file); the first that reads is it.
  for (const part of parts) {
    if (part.size > MAX_CALENDAR_OCTETS) continue;
    try {
      const answer = readCalendar(ICAL, part.content.toString("utf8"));
      if (answer) return { ...base, answer };
    } catch {
      // Not iCalendar; the next part may be.
    }
  }
  return { ...base, answer: { problem: "Kalenderdelen gick inte att läsa." } };
}

type IcalJs = typeof ICAL;

const ANSWERS: Record<string, Answer> = { ACCEPTED: "accepted", TENTATIVE: "tentative", DECLINED: "declined" };

/** The ATTENDEE of an answer who sent it, if any. */
function sendersAttendee(message: ReplyMessage, answer: CalendarAnswer) {
  return answer.attendees.find((attendee) => attendee.email === message.fromAddress);
}

type Decision =
  | { outcome: "set-aside"; reason: string; sessionId?: string; personId?: string; handled?: boolean }
  | { outcome: "counter"; sessionId: string; personId: string }
  | { outcome: "applied"; sessionId: string; personId: string; attendance: { id: string; status: string }; answer: Answer };

async function decide(message: ReplyMessage, answer: CalendarAnswer): Promise<Decision> {
  if (answer.method !== "REPLY" && answer.method !== "COUNTER") {
    return { outcome: "set-aside", reason: `Kalenderdelen är ${answer.method ? `METHOD:${answer.method}` : "utan METHOD"}, inte ett svar på en inbjudan.` };
  }
  const session = answer.uid
    ? await db.handledningSession.findUnique({
        where: { uid: answer.uid },
        select: {
          id: true,
          status: true,
          startsAt: true,
          facilitator: { select: { id: true, email: true } },
          attendances: { select: { id: true, status: true, person: { select: { id: true, email: true } } } },
        },
      })
    : null;
  if (!session) return { outcome: "set-aside", reason: "Svaret gäller inget tillfälle i Ledarlyftet (okänt UID)." };
  // The answer is the sender's own: a forwarded invitation answered by someone else, or a forged one, changes nobody's answer.
  const own = sendersAttendee(message, answer);
  if (!own) {
    const named = answer.attendees.map((attendee) => attendee.email).join(", ") || "ingen deltagare";
    return { outcome: "set-aside", sessionId: session.id, reason: `Avsändaren ${message.fromAddress || "(okänd)"} är inte den som svaret gäller (${named}).` };
  }
  if (own.email === session.facilitator.email.toLowerCase()) {
    // The facilitator's own copy asks no answer (RSVP=FALSE); a calendar that answers anyway needs nobody's attention.
    return {
      outcome: "set-aside",
      sessionId: session.id,
      personId: session.facilitator.id,
      reason: "Utvecklingsledarens eget svar på sin kopia.",
      handled: true,
    };
  }
  const attendance = session.attendances.find((a) => a.person.email.toLowerCase() === own.email && a.status !== "removed");
  if (!attendance) return { outcome: "set-aside", sessionId: session.id, reason: `${own.email} är inte inbjuden till tillfället.` };
  const personId = attendance.person.id;
  if (answer.method === "COUNTER") {
    if (!answer.proposedStartsAt || !answer.proposedEndsAt || answer.proposedEndsAt <= answer.proposedStartsAt) {
      return { outcome: "set-aside", sessionId: session.id, personId, reason: "Förslaget på ny tid saknar en läsbar start och slut." };
    }
    if (session.status === "cancelled")
      return { outcome: "set-aside", sessionId: session.id, personId, reason: "Förslag på ny tid för ett inställt tillfälle." };
    return { outcome: "counter", sessionId: session.id, personId };
  }
  const mapped = own.partstat ? ANSWERS[own.partstat] : undefined;
  if (!mapped)
    return {
      outcome: "set-aside",
      sessionId: session.id,
      personId,
      reason: `Svaret ${own.partstat ?? "(utan PARTSTAT)"} är inget av kommer, kanske eller kommer inte.`,
    };
  return { outcome: "applied", sessionId: session.id, personId, attendance, answer: mapped };
}

export type ReplyOutcome = "applied" | "counter" | "set-aside" | "duplicate";

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/**
 * Handles one message from the reply mailbox, once: the record of it and
 * the answer it applies are written in one transaction, keyed by the message,
 * so a second server (or a second look after a crash) finds it done.
 */
export async function handleReplyMessage(raw: Buffer, now = new Date()): Promise<ReplyOutcome> {
  const message = await readReplyMessage(raw);
  if (await db.calendarReply.findUnique({ where: { messageKey: message.key }, select: { id: true } })) return "duplicate";
  const answer = "problem" in message.answer ? null : message.answer;
  const decision: Decision = "problem" in message.answer ? { outcome: "set-aside", reason: message.answer.problem } : await decide(message, message.answer);
  const own = answer ? sendersAttendee(message, answer) : undefined;
  try {
    return await transaction(async (tx) => {
      let outcome = decision.outcome;
      let reason = decision.outcome === "set-aside" ? decision.reason : "";
      if (decision.outcome === "applied") {
        // Read again inside the transaction: the session may have been cancelled since decide() looked.
        const refused = await answerInvitation(
          tx,
          await tx.handledningSession.findUniqueOrThrow({ where: { id: decision.sessionId }, select: { id: true, status: true, startsAt: true } }),
          decision.attendance,
          decision.answer,
          "calendar",
          now,
        );
        if (refused) {
          outcome = "set-aside";
          reason = `Svaret kom för sent: ${refused}`;
        }
      }
      await tx.calendarReply.create({
        data: {
          messageKey: message.key,
          receivedAt: now,
          fromAddress: message.fromAddress,
          subject: message.subject,
          method: answer?.method ?? "",
          uid: answer?.uid?.slice(0, 300) ?? null,
          attendeeEmail: own?.email ?? answer?.attendees[0]?.email ?? null,
          partstat: own?.partstat ?? null,
          sequence: answer?.sequence ?? null,
          proposedStartsAt: answer?.method === "COUNTER" ? answer.proposedStartsAt : null,
          proposedEndsAt: answer?.method === "COUNTER" ? answer.proposedEndsAt : null,
          comment: answer?.comment ?? "",
          outcome,
          reason,
          sessionId: "sessionId" in decision ? (decision.sessionId ?? null) : null,
          personId: "personId" in decision ? (decision.personId ?? null) : null,
          handledAt: decision.outcome === "set-aside" && decision.handled ? now : null,
        },
      });
      return outcome;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return "duplicate";
    throw error;
  }
}

/** A message too large to be an answer: set aside unread, under a key made of what identifies it. */
export async function setAsideUnread(
  message: { uid: number; size: number; messageId: string; from: string; subject: string },
  now = new Date(),
): Promise<ReplyOutcome> {
  const key = createHash("sha256").update(`unread|${message.messageId}|${message.size}|${message.from}|${message.subject}`).digest("hex");
  try {
    await db.calendarReply.create({
      data: {
        messageKey: key,
        receivedAt: now,
        fromAddress: message.from.toLowerCase(),
        subject: message.subject.slice(0, 300),
        outcome: "set-aside",
        reason: `Brevet är för stort för ett kalendersvar (${Math.round(message.size / 1024)} kB) och lästes inte.`,
      },
    });
    return "set-aside";
  } catch (error) {
    if (isUniqueViolation(error)) return "duplicate";
    throw error;
  }
}

/** Proposed new times for a session that its facilitator has not answered yet. */
export function openCounters(sessionId: string) {
  return db.calendarReply.findMany({
    where: { sessionId, outcome: "counter", handledAt: null },
    select: { id: true, proposedStartsAt: true, proposedEndsAt: true, comment: true, receivedAt: true, person: { select: { id: true, name: true } } },
    orderBy: { receivedAt: "asc" },
  });
}

/** The latest comment each invitee's calendar sent with an answer, for the facilitator's list. */
export async function replyCommentsFor(sessionId: string): Promise<Map<string, string>> {
  const replies = await db.calendarReply.findMany({
    where: { sessionId, outcome: "applied", comment: { not: "" }, personId: { not: null } },
    select: { personId: true, comment: true },
    orderBy: { receivedAt: "asc" },
  });
  return new Map(replies.map((reply) => [reply.personId!, reply.comment]));
}

/** A proposed time, for the one who leads its session (or an admin); anyone else gets 403. */
async function counterFor(actor: Actor, replyId: string) {
  const reply = await db.calendarReply.findUnique({
    where: { id: replyId },
    select: {
      id: true,
      outcome: true,
      handledAt: true,
      personId: true,
      proposedStartsAt: true,
      proposedEndsAt: true,
      session: { select: { id: true, facilitatorId: true } },
    },
  });
  if (!reply || reply.outcome !== "counter" || !reply.session) throw notFound("Förslaget finns inte.");
  if (!may(actor, "session:manage", { organizerId: reply.session.facilitatorId })) throw forbidden("Bara den som leder tillfället kan svara på förslaget.");
  return { ...reply, session: reply.session };
}

type Counter = Awaited<ReturnType<typeof counterFor>>;

/**
 * The proposal leaves the facilitator's list. Keeping the time is recorded in the
 * audit log; taking it is recorded as the move it is.
 */
async function answerCounter(actor: Actor, counter: Counter, now: Date, kept: boolean) {
  await transaction(async (tx) => {
    const { count } = await tx.calendarReply.updateMany({ where: { id: counter.id, handledAt: null }, data: { handledAt: now, handledById: actor.id } });
    if (count === 1 && kept) {
      await recordAudit(
        {
          actorId: actor.id,
          action: "session.counter-declined",
          subjectType: "session",
          subjectId: counter.session.id,
          detail: { personId: counter.personId },
        },
        tx,
      );
    }
  });
}

/** The facilitator keeps the session's time: the proposal leaves their list. */
export async function closeCounter(actor: Actor, replyId: string, now = new Date()) {
  await answerCounter(actor, await counterFor(actor, replyId), now, true);
}

/** Messages set aside that no admin has dealt with yet, newest first. */
export function setAsideReplies({ take = 100 }: { take?: number } = {}) {
  return db.calendarReply.findMany({
    where: { outcome: "set-aside", handledAt: null },
    select: {
      id: true,
      receivedAt: true,
      fromAddress: true,
      subject: true,
      method: true,
      partstat: true,
      reason: true,
      session: { select: { id: true, title: true } },
    },
    orderBy: { receivedAt: "desc" },
    take,
  });
}

export function countSetAsideReplies() {
  return db.calendarReply.count({ where: { outcome: "set-aside", handledAt: null } });
}

/** An admin has looked at a set-aside message (and, if need be, answered for the person in the app). */
export async function markReplyHandled(actor: Actor, replyId: string, now = new Date()) {
  if (!may(actor, "calendar-replies:handle")) throw forbidden();
  return transaction(async (tx) => {
    const { count } = await tx.calendarReply.updateMany({
      where: { id: replyId, outcome: "set-aside", handledAt: null },
      data: { handledAt: now, handledById: actor.id },
    });
    if (count !== 1) return false;
    const reply = await tx.calendarReply.findUniqueOrThrow({ where: { id: replyId }, select: { sessionId: true, fromAddress: true, reason: true } });
    await recordAudit(
      {
        actorId: actor.id,
        action: "calendar-reply.handled",
        subjectType: reply.sessionId ? "session" : "calendar-reply",
        subjectId: reply.sessionId ?? replyId,
        detail: { from: reply.fromAddress, reason: reply.reason },
      },
      tx,
    );
    return true;
  });
}

/**
 * The facilitator takes a proposed time: the session moves there (an update to
 * everyone invited, as any move) and the proposal leaves their list.
 */
export async function acceptCounter(actor: Actor, replyId: string, now = new Date()): Promise<ActionResult<{ id: string }>> {
  const counter = await counterFor(actor, replyId);
  const { proposedStartsAt: startsAt, proposedEndsAt: endsAt } = counter;
  if (!startsAt || !endsAt) throw notFound("Förslaget finns inte.");
  if (counter.handledAt) return formError("Förslaget är redan besvarat.");
  const date = stockholmDate(startsAt);
  if (stockholmDate(endsAt) !== date) return formError("Förslaget går över midnatt. Flytta tillfället för hand i stället.");
  const moved = await moveSession(actor, counter.session.id, { date, startTime: swedishClock(startsAt), endTime: swedishClock(endsAt) }, now);
  if (!moved.ok) return moved;
  await answerCounter(actor, counter, now, false);
  return moved;
}
