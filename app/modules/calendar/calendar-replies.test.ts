import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { config } from "~/config.server";
import { db } from "~/db.server";
import { actorOf } from "~/modules/auth/session.server";
import { scheduleSessions, cancelSession } from "~/modules/sessions/sessions.server";
import { checkWithPython, parseWithIcalJs } from "../../../tests/calendar/parsers";
import { calendarReply, plainMessage, type ReplyClient } from "../../../tests/support/calendar-replies";
import { createPerson } from "../../../tests/integration/helpers";
import { scheduleInput } from "../../../tests/support/schedule-input";
import { acceptCounter, closeCounter, handleReplyMessage, markReplyHandled, openCounters, setAsideReplies } from "./calendar-replies.server";

const MAILBOX = "handledning@norrbotten.example";
const NOW = new Date("2026-03-01T09:00:00Z");
const configured = config.REPLY_MAILBOX;

beforeAll(() => {
  // This file's own copy of the configuration: invitations name the reply mailbox.
  config.REPLY_MAILBOX = MAILBOX;
});
afterAll(() => {
  config.REPLY_MAILBOX = configured;
});

async function invited(count = 1) {
  const facilitator = await createPerson({ roles: ["facilitator"] });
  const people = await Promise.all(Array.from({ length: count }, () => createPerson()));
  const r = await scheduleSessions(actorOf(facilitator), scheduleInput({ date: "2026-03-20", participantIds: people.map((p) => p.id) }), NOW);
  if (!r.ok) throw new Error("could not schedule");
  const session = await db.handledningSession.findUniqueOrThrow({ where: { id: r.value.ids[0]! } });
  return { facilitator, people, session };
}

const attendance = (sessionId: string, personId: string) =>
  db.attendance.findUniqueOrThrow({ where: { sessionId_personId: { sessionId, personId } }, select: { status: true, respondedVia: true } });

const replyFor = (client: ReplyClient, session: { uid: string; sequence: number; startsAt: Date; endsAt: Date }, attendee: string, over = {}) =>
  calendarReply(client, {
    uid: session.uid,
    sequence: session.sequence,
    startsAt: session.startsAt,
    endsAt: session.endsAt,
    attendee,
    organizer: MAILBOX,
    ...over,
  });

describe("an invitation when the app reads a reply mailbox", () => {
  it("names the mailbox as ORGANIZER under the facilitator's name, its recipient alone as ATTENDEE, and gets human replies to the facilitator", async () => {
    const { facilitator, people, session } = await invited(2);
    const mail = await db.outboxMessage.findFirstOrThrow({ where: { personId: people[0]!.id, kind: "session-invite" } });
    const event = parseWithIcalJs(mail.icsContent!).events[0]!;
    expect(event.organizer.toLowerCase()).toBe(`mailto:${MAILBOX}`);
    expect(mail.icsContent).toContain(`CN="${facilitator.name}"`);
    expect(event.attendees.map((a) => a.toLowerCase())).toEqual([`mailto:${people[0]!.email}`]);
    expect({ name: mail.replyToName, email: mail.replyToEmail }).toEqual({ name: facilitator.name, email: facilitator.email });
    // The facilitator is no longer the organizer in anyone's calendar, so they get their own copy, answered already.
    const own = await db.outboxMessage.findFirstOrThrow({ where: { personId: facilitator.id, kind: "session-invite" } });
    expect(own.icsMethod).toBe("REQUEST");
    const ownEvent = parseWithIcalJs(own.icsContent!).events[0]!;
    expect(ownEvent.uid).toBe(session.uid);
    expect(ownEvent.attendees.map((a) => a.toLowerCase())).toEqual([`mailto:${facilitator.email}`]);
    expect(own.icsContent).toMatch(/ATTENDEE;[^\r\n]*ROLE="?CHAIR/);
    expect(own.icsContent).toMatch(/ATTENDEE;[^\r\n]*RSVP=FALSE/);
    expect(own.icsContent).toMatch(/ATTENDEE;[^\r\n]*PARTSTAT="?ACCEPTED/);
    for (const ics of [mail.icsContent!, own.icsContent!]) {
      const report = checkWithPython(ics);
      expect(report.libical.errors).toEqual([]);
      expect(report.libical.restrictionsOk).toBe(true);
      expect(report.icalendar.errors).toEqual([]);
    }
  });
});

describe("answers from attendees' calendars", () => {
  const cases: [ReplyClient, string][] = [
    ["outlook-accepted", "accepted"],
    ["google-accepted", "accepted"],
    ["apple-tentative", "tentative"],
    ["thunderbird-declined", "declined"],
  ];
  for (const [client, status] of cases) {
    it(`${client}: changes the invitee's answer as the buttons in the app would, and says it came from the calendar`, async () => {
      const { people, session } = await invited(2);
      const [me, other] = people;
      expect(await handleReplyMessage(replyFor(client, session, me!.email), NOW)).toBe("applied");
      expect(await attendance(session.id, me!.id)).toEqual({ status, respondedVia: "calendar" });
      expect((await attendance(session.id, other!.id)).status).toBe("invited");
      const record = await db.calendarReply.findFirstOrThrow({ where: { sessionId: session.id } });
      expect(record).toMatchObject({ outcome: "applied", personId: me!.id, method: "REPLY", uid: session.uid, attendeeEmail: me!.email });
    });
  }

  it("handles a message once, however often it is read (two servers, a look after a crash)", async () => {
    const { people, session } = await invited();
    const message = replyFor("google-accepted", session, people[0]!.email);
    const outcomes = await Promise.all([handleReplyMessage(message, NOW), handleReplyMessage(message, NOW)]);
    expect(outcomes.sort()).toEqual(["applied", "duplicate"]);
    expect(await handleReplyMessage(message, NOW)).toBe("duplicate");
    expect(await db.calendarReply.count({ where: { sessionId: session.id } })).toBe(1);
  });

  it("changes nothing for a reply from a stranger, a forged one, one for an unknown session or a removed invitee; each is set aside with its reason", async () => {
    const { facilitator, people, session } = await invited(2);
    const [me, other] = people;
    const stranger = await createPerson();
    // A stranger answers for themselves with the session's UID.
    expect(await handleReplyMessage(replyFor("outlook-accepted", session, stranger.email), NOW)).toBe("set-aside");
    // Someone sends a reply naming an invitee, from an address that is not theirs.
    const forged = replyFor("thunderbird-declined", session, me!.email)
      .toString("utf8")
      .replace(/^From: .*$/m, `From: Någon <${stranger.email}>`);
    expect(await handleReplyMessage(Buffer.from(forged), NOW)).toBe("set-aside");
    // An unknown UID.
    expect(await handleReplyMessage(replyFor("google-accepted", { ...session, uid: "okand-uid@example.se" }, me!.email), NOW)).toBe("set-aside");
    // A person taken off the session answers their old copy.
    await db.attendance.update({ where: { sessionId_personId: { sessionId: session.id, personId: other!.id } }, data: { status: "removed" } });
    expect(await handleReplyMessage(replyFor("apple-tentative", session, other!.email), NOW)).toBe("set-aside");
    // A person writes back in words.
    expect(await handleReplyMessage(plainMessage({ from: me!.email, to: MAILBOX }), NOW)).toBe("set-aside");

    expect(await attendance(session.id, me!.id)).toEqual({ status: "invited", respondedVia: null });
    expect((await attendance(session.id, other!.id)).status).toBe("removed");
    const aside = (await setAsideReplies()).filter((r) => r.session?.id === session.id || r.fromAddress === me!.email);
    const reasons = aside.map((r) => r.reason);
    expect(reasons).toEqual(
      expect.arrayContaining([
        expect.stringContaining(`${stranger.email} är inte inbjuden`),
        expect.stringContaining(`Avsändaren ${stranger.email} är inte den som svaret gäller (${me!.email})`),
        expect.stringContaining(`${other!.email} är inte inbjuden`),
        "Brevet innehåller inget kalendersvar.",
      ]),
    );
    expect((await setAsideReplies()).some((r) => r.reason.includes("okänt UID"))).toBe(true);

    // An admin deals with one; it leaves the list. Only admins may.
    const first = aside[0]!;
    await expect(markReplyHandled(actorOf(facilitator), first.id)).rejects.toMatchObject({ status: 403 });
    const admin = await createPerson({ roles: ["admin"] });
    expect(await markReplyHandled(actorOf(admin), first.id)).toBe(true);
    expect(await markReplyHandled(actorOf(admin), first.id)).toBe(false);
    expect((await setAsideReplies()).some((r) => r.id === first.id)).toBe(false);
    expect(await db.auditEvent.count({ where: { action: "calendar-reply.handled", actorId: admin.id } })).toBe(1);
  });

  it("sets aside an answer that comes after the session was cancelled, and the facilitator's own calendar answering its copy", async () => {
    const { facilitator, people, session } = await invited();
    await cancelSession(actorOf(facilitator), session.id, NOW);
    expect(await handleReplyMessage(replyFor("outlook-accepted", session, people[0]!.email), NOW)).toBe("set-aside");
    expect((await attendance(session.id, people[0]!.id)).status).toBe("invited");
    const late = await db.calendarReply.findFirstOrThrow({ where: { sessionId: session.id } });
    expect(late.reason).toBe("Svaret kom för sent: Tillfället är inställt.");

    const other = await invited();
    expect(await handleReplyMessage(replyFor("outlook-accepted", other.session, other.facilitator.email), NOW)).toBe("set-aside");
    const own = await db.calendarReply.findFirstOrThrow({ where: { sessionId: other.session.id } });
    // Nobody needs to act on it: it does not wait in the admin's list.
    expect(own.handledAt).not.toBeNull();
  });
});

describe("a proposed new time (Outlook's COUNTER)", () => {
  it("is shown to the facilitator and never applied on its own; taking it moves the session for everyone", async () => {
    const { facilitator, people, session } = await invited(2);
    const proposedStartsAt = new Date("2026-03-21T09:00:00Z");
    const proposedEndsAt = new Date("2026-03-21T10:00:00Z");
    expect(await handleReplyMessage(replyFor("outlook-counter", session, people[0]!.email, { proposedStartsAt, proposedEndsAt }), NOW)).toBe("counter");
    const unchanged = await db.handledningSession.findUniqueOrThrow({ where: { id: session.id } });
    expect(unchanged.startsAt).toEqual(session.startsAt);
    expect((await attendance(session.id, people[0]!.id)).status).toBe("invited");

    const [counter] = await openCounters(session.id);
    expect(counter).toMatchObject({ proposedStartsAt, proposedEndsAt, comment: "Could we move this session?", person: { id: people[0]!.id } });

    // Someone else cannot take it for the facilitator.
    await expect(acceptCounter(actorOf(people[1]!), counter!.id, NOW)).rejects.toMatchObject({ status: 403 });
    const moved = await acceptCounter(actorOf(facilitator), counter!.id, NOW);
    expect(moved.ok).toBe(true);
    const after = await db.handledningSession.findUniqueOrThrow({ where: { id: session.id } });
    expect({ startsAt: after.startsAt, endsAt: after.endsAt, sequence: after.sequence }).toEqual({
      startsAt: proposedStartsAt,
      endsAt: proposedEndsAt,
      sequence: session.sequence + 1,
    });
    expect(await db.outboxMessage.count({ where: { personId: { in: people.map((p) => p.id) }, kind: "session-update" } })).toBe(2);
    expect(await openCounters(session.id)).toEqual([]);
  });

  it("can be declined by keeping the time; it then leaves the list and nothing moves", async () => {
    const { facilitator, people, session } = await invited();
    await handleReplyMessage(
      replyFor("outlook-counter", session, people[0]!.email, {
        proposedStartsAt: new Date("2026-03-22T09:00:00Z"),
        proposedEndsAt: new Date("2026-03-22T10:00:00Z"),
      }),
      NOW,
    );
    const [counter] = await openCounters(session.id);
    await closeCounter(actorOf(facilitator), counter!.id, NOW);
    expect(await openCounters(session.id)).toEqual([]);
    expect(await db.auditEvent.findFirst({ where: { action: "session.counter-declined", subjectId: session.id } })).toMatchObject({ actorId: facilitator.id });
    expect((await db.handledningSession.findUniqueOrThrow({ where: { id: session.id } })).startsAt).toEqual(session.startsAt);
  });
});
