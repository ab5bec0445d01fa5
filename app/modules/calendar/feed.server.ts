import { createHash, randomBytes } from "node:crypto";
import { db } from "~/db.server";
import { inSlices } from "~/utils/in-slices";
import { stockholmDate } from "~/utils/time";
import { publishIcs, type AllDayEvent, type CalendarSession } from "./ics.server";

const hash = (token: string) => createHash("sha256").update(token).digest("hex");

export const FEED_TOKEN = /^[A-Za-z0-9_-]{16,100}$/;

/** A new secret feed address; the old one stops working at once. */
export async function issueFeedToken(personId: string, token = randomBytes(24).toString("base64url")): Promise<string> {
  await db.calendarFeed.upsert({ where: { personId }, create: { personId, tokenHash: hash(token) }, update: { tokenHash: hash(token), createdAt: new Date() } });
  return token;
}

export async function revokeFeed(personId: string) {
  await db.calendarFeed.deleteMany({ where: { personId } });
}

export async function hasFeed(personId: string) {
  return (await db.calendarFeed.count({ where: { personId } })) > 0;
}

function nextDay(iso: string) {
  return new Date(Date.parse(`${iso}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

export interface Feed {
  body: string;
  etag: string;
  lastModified: Date;
}

/**
 * Everything in one person's calendar: sessions they lead or are invited to
 * (cancelled ones, and ones they were taken off, as STATUS:CANCELLED so
 * calendars remove them) and the dates of their cohorts.
 */
export async function feedFor(token: string): Promise<Feed | null> {
  if (!FEED_TOKEN.test(token)) return null;
  const feed = await db.calendarFeed.findUnique({ where: { tokenHash: hash(token) }, include: { person: { select: { id: true, active: true } } } });
  if (!feed || !feed.person.active) return null;
  const personId = feed.person.id;
  // Led and invited separately, each through its own index: one query with OR and
  // "some attendance" made SQLite scan every session (20 ms at 20,000 sessions).
  const include = { facilitator: { select: { name: true, email: true } }, attendances: { where: { personId }, select: { status: true } } } as const;
  const invitedTo = (await db.attendance.findMany({ where: { personId }, select: { sessionId: true } })).map((a) => a.sessionId);
  const [led, invited, enrolments] = await Promise.all([
    db.handledningSession.findMany({ where: { facilitatorId: personId }, include }),
    inSlices(invitedTo, (ids) => db.handledningSession.findMany({ where: { id: { in: ids }, facilitatorId: { not: personId } }, include })),
    db.enrolment.findMany({ where: { personId, status: { in: ["enrolled", "completed"] } }, include: { cohort: true } }),
  ]);
  const sessions = [...led, ...invited].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.id.localeCompare(b.id));
  const events: CalendarSession[] = sessions.map((s) => ({
    ...s,
    status: s.status === "cancelled" || s.attendances[0]?.status === "removed" ? "cancelled" : s.status,
  }));
  const allDay: AllDayEvent[] = enrolments.map((e) => ({
    uid: `cohort-${e.cohortId}@ledarlyftet.se`,
    title: e.cohort.name,
    startDate: stockholmDate(e.cohort.startsOn),
    endDateExclusive: nextDay(stockholmDate(e.cohort.endsOn)),
    updatedAt: e.cohort.updatedAt,
  }));
  const fingerprint = JSON.stringify([
    events.map((s) => [s.uid, s.sequence, s.status, s.startsAt, s.endsAt, s.updatedAt]),
    allDay.map((d) => [d.uid, d.startDate, d.endDateExclusive, d.updatedAt]),
  ]);
  const times = [...events.map((s) => s.updatedAt.getTime()), ...enrolments.map((e) => Math.max(e.updatedAt.getTime(), e.cohort.updatedAt.getTime())), feed.createdAt.getTime()];
  return {
    body: publishIcs(events, allDay, "Ledarlyftet"),
    etag: `"${hash(fingerprint).slice(0, 32)}"`,
    // HTTP dates have whole seconds.
    lastModified: new Date(Math.floor(Math.max(...times) / 1000) * 1000),
  };
}
