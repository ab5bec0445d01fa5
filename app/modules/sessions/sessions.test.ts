import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { actorOf } from "~/modules/auth/session.server";
import { feedFor, issueFeedToken, revokeFeed } from "~/modules/calendar/feed.server";
import { syncContent } from "~/modules/catalog/sync.server";
import { basicContent, writeContent } from "../../../tests/integration/content-fixture";
import { checkWithPython, parseWithIcalJs } from "../../../tests/calendar/parsers";
import { createPerson } from "../../../tests/integration/helpers";
import { bookSlot, cancelSession, moveSession, recordAttendance, removeAttendee, respond, scheduleSessions } from "./sessions.server";
import type { ScheduleInput } from "./session-schema";
import { scheduleInput } from "../../../tests/support/schedule-input";

// A fixed "now" before the 2026 summer-time changes the tests schedule across.
const NOW = new Date("2026-03-01T09:00:00Z");

const base = (over: Partial<ScheduleInput> = {}): ScheduleInput =>
  scheduleInput({
    title: "Gruppхandledning",
    agenda: "Vi går igenom era utspel.",
    date: "2026-03-29",
    endTime: "19:30",
    location: "Folkets hus, Kiruna",
    ...over,
  });

async function people() {
  const facilitator = await createPerson({ roles: ["facilitator"] });
  const [a, b] = await Promise.all([createPerson(), createPerson()]);
  return { facilitator, f: actorOf(facilitator), a, b };
}

async function lastIcs(personId: string, kind?: string) {
  const m = await db.outboxMessage.findFirstOrThrow({ where: { personId, ...(kind ? { kind } : {}) }, orderBy: { createdAt: "desc" } });
  return { ics: m.icsContent!, method: m.icsMethod, subject: m.subject };
}

function expectValid(ics: string) {
  const report = checkWithPython(ics);
  expect(report.libical.parsed).toBe(true);
  expect(report.libical.errors).toEqual([]);
  expect(report.libical.restrictionsOk).toBe(true);
  expect(report.icalendar.errors).toEqual([]);
  return { report, icaljs: parseWithIcalJs(ics) };
}

beforeAll(async () => {
  await syncContent(writeContent(basicContent("requiredSessions: 2")));
});

describe("scheduling and invites", () => {
  it("invites at 18:00 Swedish time on the last Sunday of March (summer time starts) and of October", async () => {
    const { f, a, b } = await people();
    for (const date of ["2026-03-29", "2026-10-25"]) {
      const r = await scheduleSessions(f, base({ date, participantIds: [a.id, b.id] }), NOW);
      expect(r.ok).toBe(true);
      const { ics, method } = await lastIcs(a.id);
      expect(method).toBe("REQUEST");
      const { report, icaljs } = expectValid(ics);
      const expected = date === "2026-03-29" ? "2026-03-29T16:00:00.000Z" : "2026-10-25T17:00:00.000Z";
      expect(icaljs.events[0]!.start).toBe(expected);
      expect(new Date(report.icalendar.events[0]!.start).toISOString()).toBe(expected);
      expect(report.icalendar.method).toBe("REQUEST");
      // An alarm an hour before, which the parsers above accepted with the rest.
      expect(ics).toMatch(/BEGIN:VALARM\r\nACTION:DISPLAY\r\n[\s\S]*TRIGGER:-PT1H\r\nEND:VALARM/);
      // Each invite names its own recipient only: no participant learns who else is invited.
      expect(icaljs.events[0]!.attendees).toEqual([`mailto:${a.email}`]);
      expect(ics).not.toContain(b.email);
      expect(parseWithIcalJs((await lastIcs(b.id)).ics).events[0]!.attendees).toEqual([`mailto:${b.email}`]);
    }
  });

  it("someone who answered 'Kan inte' still gets the new time and the cancellation for the copy their calendar may hold", async () => {
    const { f, a, b } = await people();
    const r = await scheduleSessions(f, base({ date: "2026-04-22", participantIds: [a.id, b.id] }), NOW);
    if (!r.ok) throw new Error(r.message);
    const id = r.value.ids[0]!;
    expect((await respond(actorOf(b), id, "declined", NOW)).ok).toBe(true);

    expect((await moveSession(f, id, { date: "2026-04-23", startTime: "18:00", endTime: "19:00" }, NOW)).ok).toBe(true);
    const update = expectValid((await lastIcs(b.id, "session-update")).ics).icaljs.events[0]!;
    expect(update).toMatchObject({ sequence: 1, start: "2026-04-23T16:00:00.000Z", attendees: [`mailto:${b.email}`] });

    expect((await cancelSession(f, id, NOW)).ok).toBe(true);
    const cancel = await lastIcs(b.id, "session-cancel");
    expect(cancel.method).toBe("CANCEL");
    expect(cancel.ics).not.toContain("BEGIN:VALARM");
    expect(expectValid(cancel.ics).icaljs.events[0]).toMatchObject({ sequence: 2, status: "CANCELLED" });
  });

  it("someone who subscribes to the feed gets the e-mails without a second copy for the calendar, unless they chose both", async () => {
    const { f, a, b } = await people();
    const c = await createPerson();
    await issueFeedToken(b.id);
    await issueFeedToken(c.id);
    await db.person.update({ where: { id: c.id }, data: { invitesWithFeed: true } });
    const r = await scheduleSessions(f, base({ date: "2026-04-24", participantIds: [a.id, b.id, c.id] }), NOW);
    if (!r.ok) throw new Error(r.message);
    const latest = (personId: string) => db.outboxMessage.findFirstOrThrow({ where: { personId, kind: "session-invite" }, orderBy: { createdAt: "desc" } });
    expect((await latest(a.id)).icsMethod).toBe("REQUEST");
    const toSubscriber = await latest(b.id);
    expect(toSubscriber.icsContent).toBeNull();
    expect(toSubscriber.text).toContain("genom prenumerationen");
    expect((await latest(c.id)).icsMethod).toBe("REQUEST");
    // The feed has it instead.
    expect((await feedFor(await issueFeedToken(b.id)))!.body).toContain("Gruppхandledning");
    // Taken off the session, the subscriber's feed shows it cancelled; the e-mail says so without a CANCEL to add.
    await removeAttendee(f, r.value.ids[0]!, b.id, NOW);
    const removed = await db.outboxMessage.findFirstOrThrow({ where: { personId: b.id, kind: "session-cancel" } });
    expect(removed.icsContent).toBeNull();
  });

  it("folds a long line of å at 75 octets, never inside a character, and the parsers read the title back whole", async () => {
    const { f, a } = await people();
    const title = "å".repeat(200);
    expect((await scheduleSessions(f, base({ date: "2026-04-28", title, participantIds: [a.id] }), NOW)).ok).toBe(true);
    const { ics } = await lastIcs(a.id);
    const lines = ics.split("\r\n");
    expect(Math.max(...lines.map((line) => Buffer.byteLength(line, "utf8")))).toBeLessThanOrEqual(75);
    expect(lines.filter((line) => line.startsWith(" ")).length).toBeGreaterThan(4);
    const { report, icaljs } = expectValid(ics);
    expect(icaljs.events[0]!.summary).toBe(title);
    expect(report.icalendar.events[0]!.summary).toBe(title);
    expect(report.libical.events[0]!.summary).toBe(title);
  });

  it("a series every second week keeps 18:00 in Sweden across the October change; one occurrence moves alone", async () => {
    const { f, a } = await people();
    const r = await scheduleSessions(f, base({ date: "2026-10-14", repeatWeeks: 2, occurrences: 3, participantIds: [a.id] }), NOW);
    if (!r.ok) throw new Error(r.message);
    const sessions = await db.handledningSession.findMany({ where: { id: { in: r.value.ids } }, orderBy: { startsAt: "asc" } });
    expect(sessions.map((s) => s.startsAt.toISOString())).toEqual(["2026-10-14T16:00:00.000Z", "2026-10-28T17:00:00.000Z", "2026-11-11T17:00:00.000Z"]);
    expect(new Set(sessions.map((s) => s.uid)).size).toBe(3);
    expect(new Set(sessions.map((s) => s.seriesId)).size).toBe(1);

    const moved = await moveSession(f, sessions[1]!.id, { date: "2026-10-29", startTime: "17:00", endTime: "18:00" }, NOW);
    expect(moved.ok).toBe(true);
    const after = await db.handledningSession.findMany({ where: { id: { in: r.value.ids } }, orderBy: { startsAt: "asc" } });
    expect(after.map((s) => s.sequence)).toEqual([0, 1, 0]);
    const update = await lastIcs(a.id, "session-update");
    const parsed = expectValid(update.ics).icaljs.events[0]!;
    expect(parsed).toMatchObject({ uid: sessions[1]!.uid, sequence: 1, start: "2026-10-29T16:00:00.000Z" });
  });

  it("a cancellation is METHOD:CANCEL with the same UID and a higher SEQUENCE; removing one attendee cancels for them only", async () => {
    const { f, a, b } = await people();
    const r = await scheduleSessions(f, base({ date: "2026-04-15", participantIds: [a.id, b.id] }), NOW);
    if (!r.ok) throw new Error(r.message);
    const id = r.value.ids[0]!;
    const uid = (await db.handledningSession.findUniqueOrThrow({ where: { id } })).uid;

    await removeAttendee(f, id, b.id, NOW);
    const toB = await lastIcs(b.id, "session-cancel");
    expect(toB.method).toBe("CANCEL");
    const forB = expectValid(toB.ics).icaljs;
    expect(forB.method).toBe("CANCEL");
    expect(forB.events[0]).toMatchObject({ uid, sequence: 1, attendees: [`mailto:${b.email}`] });
    expect(await db.outboxMessage.count({ where: { personId: a.id, kind: "session-cancel" } })).toBe(0);

    expect((await cancelSession(f, id, NOW)).ok).toBe(true);
    const toA = expectValid((await lastIcs(a.id, "session-cancel")).ics).icaljs;
    expect(toA.events[0]).toMatchObject({ uid, sequence: 2, status: "CANCELLED" });
  });

  it("refuses end before start, the past, overlapping sessions and someone else's edit, saving nothing", async () => {
    const { f, a } = await people();
    const before = await db.handledningSession.count();
    expect(await scheduleSessions(f, base({ date: "2026-02-01", participantIds: [a.id] }), NOW)).toMatchObject({
      ok: false,
      errors: { date: [expect.any(String)] },
    });
    const first = await scheduleSessions(f, base({ date: "2026-05-05", participantIds: [a.id] }), NOW);
    expect(first.ok).toBe(true);
    const clash = await scheduleSessions(f, base({ date: "2026-05-05", startTime: "19:00", endTime: "20:00" }), NOW);
    expect(clash).toMatchObject({ ok: false, errors: { date: [expect.stringContaining("Du har redan")] } });
    // A series whose third occurrence clashes is refused whole.
    const series = await scheduleSessions(f, base({ date: "2026-04-21", repeatWeeks: 1, occurrences: 3 }), NOW);
    expect(series.ok).toBe(false);
    expect(await db.handledningSession.count()).toBe(before + 1);

    const other = actorOf(await createPerson({ roles: ["facilitator"] }));
    if (!first.ok) return;
    await expect(moveSession(other, first.value.ids[0]!, { date: "2026-05-06", startTime: "10:00", endTime: "11:00" }, NOW)).rejects.toMatchObject({
      status: 403,
    });
    await expect(cancelSession(actorOf(a), first.value.ids[0]!, NOW)).rejects.toMatchObject({ status: 403 });
  });

  it("a session that has begun can no longer be moved, cancelled or have someone taken off: nothing changes and nothing is sent", async () => {
    const { f, a } = await people();
    const r = await scheduleSessions(f, base({ date: "2026-03-10", participantIds: [a.id] }), NOW);
    if (!r.ok) throw new Error(r.message);
    const id = r.value.ids[0]!;
    const during = new Date("2026-03-10T17:15:00Z"); // 18:15 in Sweden, a quarter into the session.
    const mails = await db.outboxMessage.count({ where: { personId: a.id } });
    expect(await moveSession(f, id, { date: "2026-03-20", startTime: "18:00", endTime: "19:30" }, during)).toMatchObject({
      ok: false,
      errors: { _form: [expect.stringContaining("har redan börjat och kan inte flyttas")] },
    });
    expect(await cancelSession(f, id, during)).toMatchObject({ ok: false, errors: { _form: [expect.stringContaining("kan inte ställas in")] } });
    expect(await removeAttendee(f, id, a.id, during)).toMatchObject({ ok: false });
    expect(await db.handledningSession.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "scheduled", sequence: 0 });
    expect(await db.attendance.findFirstOrThrow({ where: { sessionId: id, personId: a.id } })).toMatchObject({ status: "invited" });
    expect(await db.outboxMessage.count({ where: { personId: a.id } })).toBe(mails);
    // Just before it begins, cancelling still works.
    expect((await cancelSession(f, id, new Date("2026-03-10T16:59:00Z"))).ok).toBe(true);
  });
});

describe("booking, answers and attendance", () => {
  it("a slot is never booked twice, also when two people race for it", async () => {
    const { f, a, b } = await people();
    const r = await scheduleSessions(f, base({ kind: "one-to-one", date: "2026-06-02", openSlot: "on" }), NOW);
    if (!r.ok) throw new Error(r.message);
    const results = await Promise.all([bookSlot(actorOf(a), r.value.ids[0]!, NOW), bookSlot(actorOf(b), r.value.ids[0]!, NOW)]);
    expect(results.filter((x) => x.ok)).toHaveLength(1);
    expect(await db.attendance.count({ where: { sessionId: r.value.ids[0]! } })).toBe(1);
  });

  it("a facilitator is never double-booked, also when two requests race", async () => {
    const { f } = await people();
    const results = await Promise.all([
      scheduleSessions(f, base({ date: "2026-08-04" }), NOW),
      scheduleSessions(f, base({ date: "2026-08-04", startTime: "18:30", endTime: "19:00" }), NOW),
      scheduleSessions(f, base({ date: "2026-08-04", startTime: "17:00", endTime: "18:45" }), NOW),
    ]);
    // The three times overlap pairwise, so whichever request wins, the other two must be refused.
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && Object.keys(r.errors))).toEqual([["date"], ["date"]]);
    expect(await db.handledningSession.count({ where: { facilitatorId: f.id } })).toBe(1);
  });

  it("two sessions moved onto the same time at once: one moves, the other is refused", async () => {
    const { f } = await people();
    const first = await scheduleSessions(f, base({ date: "2026-09-01" }), NOW);
    const second = await scheduleSessions(f, base({ date: "2026-09-08" }), NOW);
    if (!first.ok || !second.ok) throw new Error("could not schedule");
    // Each checks for clashes while the other still sits at its old date (a read-then-write on both sides).
    const to = { date: "2026-09-15", startTime: "18:00", endTime: "19:30" };
    const results = await Promise.all([moveSession(f, first.value.ids[0]!, to, NOW), moveSession(f, second.value.ids[0]!, to, NOW)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const onThe15th = await db.handledningSession.count({
      where: { facilitatorId: f.id, startsAt: { gte: new Date("2026-09-15T00:00:00Z"), lt: new Date("2026-09-16T00:00:00Z") } },
    });
    expect(onThe15th).toBe(1);
  });

  it("attendance moves the leadership program's completion once enough sessions are attended", async () => {
    const { f, a } = await people();
    const program = await db.program.findUniqueOrThrow({ where: { slug: "testprogram" }, include: { courses: true } });
    for (const c of program.courses) await db.completion.create({ data: { personId: a.id, scope: "course", scopeId: c.id } });
    const r = await scheduleSessions(f, base({ date: "2026-03-10", repeatWeeks: 1, occurrences: 2, participantIds: [a.id] }), NOW);
    if (!r.ok) throw new Error(r.message);
    expect((await respond(actorOf(a), r.value.ids[0]!, "accepted", NOW)).ok).toBe(true);
    const later = new Date("2026-03-25T12:00:00Z");
    expect(await recordAttendance(f, r.value.ids[0]!, { [a.id]: "attended" }, new Date("2026-03-01T00:00:00Z"))).toMatchObject({ ok: false });
    await recordAttendance(f, r.value.ids[0]!, { [a.id]: "attended" }, later);
    const done = () => db.completion.findUnique({ where: { personId_scope_scopeId: { personId: a.id, scope: "program", scopeId: program.id } } });
    expect(await done()).toBeNull();
    await recordAttendance(f, r.value.ids[1]!, { [a.id]: "attended" }, later);
    expect(await done()).not.toBeNull();
  });

  it("a participant cannot answer for a session they are not invited to", async () => {
    const { f, a, b } = await people();
    const r = await scheduleSessions(f, base({ date: "2026-06-20", participantIds: [a.id] }), NOW);
    if (!r.ok) throw new Error(r.message);
    await expect(respond(actorOf(b), r.value.ids[0]!, "accepted")).rejects.toMatchObject({ status: 403 });
  });
});

describe("the personal calendar feed", () => {
  it("lists the person's sessions, keeps cancelled ones as CANCELLED, and stops working when revoked", async () => {
    const { f, a } = await people();
    const r = await scheduleSessions(f, base({ date: "2026-07-01", repeatWeeks: 1, occurrences: 2, participantIds: [a.id] }), NOW);
    if (!r.ok) throw new Error(r.message);
    const token = await issueFeedToken(a.id);
    const first = await feedFor(token);
    const parsed = expectValid(first!.body).icaljs;
    expect(parsed.method).toBe("PUBLISH");
    expect(parsed.events.map((e) => e.start)).toEqual(["2026-07-01T16:00:00.000Z", "2026-07-08T16:00:00.000Z"]);
    expect(parsed.events.every((e) => e.attendees.length === 0)).toBe(true);

    await cancelSession(f, r.value.ids[1]!, NOW);
    const second = await feedFor(token);
    expect(second!.etag).not.toBe(first!.etag);
    const statuses = expectValid(second!.body).icaljs.events.map((e) => e.status);
    expect(statuses).toEqual(["CONFIRMED", "CANCELLED"]);
    expect((await feedFor(token))!.etag).toBe(second!.etag);

    // The facilitator's own feed holds the sessions they lead, event for event the same text as the participant's.
    const led = (await feedFor(await issueFeedToken(f.id)))!.body;
    expect(expectValid(led).icaljs.events.map((e) => e.status)).toEqual(["CONFIRMED", "CANCELLED"]);
    const vevents = (ics: string) => ics.split("BEGIN:VEVENT").slice(1);
    expect(vevents(led)).toEqual(vevents(second!.body));

    const fresh = await issueFeedToken(a.id);
    expect(await feedFor(token)).toBeNull();
    expect(await feedFor(fresh)).not.toBeNull();
    await revokeFeed(a.id);
    expect(await feedFor(fresh)).toBeNull();
  });

  it("the checker is not a rubber stamp: libical refuses a REQUEST without attendees", () => {
    const broken =
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//SV\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:x@y\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260101T100000Z\r\nSUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    const report = checkWithPython(broken);
    expect(report.libical.restrictionsOk).toBe(false);
  });
});
