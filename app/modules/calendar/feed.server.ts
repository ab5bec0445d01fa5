import { createHash, randomBytes } from "node:crypto";
import { db, transaction } from "~/db.server";
import { stockholmDate } from "~/utils/time";
import { publishIcs, type AllDayEvent, type CalendarSession } from "./ics.server";
import { Prisma } from "~/generated/prisma/client.ts";
import { column, selectRows, row } from "~/sql.server";

const hash = (token: string) => createHash("sha256").update(token).digest("hex");

export const FEED_TOKEN = /^[A-Za-z0-9_-]{16,100}$/;

/** A new secret feed address; the old one stops working at once. */
export async function issueFeedToken(personId: string, token = randomBytes(24).toString("base64url")): Promise<string> {
  await db.calendarFeed.upsert({
    where: { personId },
    create: { personId, tokenHash: hash(token) },
    update: { tokenHash: hash(token), createdAt: new Date() },
  });
  return token;
}

/** Ends the subscription; a later one starts as the feed alone again, so "both" is always a fresh choice. */
export async function revokeFeed(personId: string) {
  await transaction(async (tx) => {
    await tx.calendarFeed.deleteMany({ where: { personId } });
    await tx.person.updateMany({ where: { id: personId }, data: { invitesWithFeed: false } });
  });
}

export async function hasFeed(personId: string) {
  return (await db.calendarFeed.count({ where: { personId } })) > 0;
}

/**
 * How handledning reaches a person's calendar: e-mailed invitations, the
 * feed, or (chosen knowingly) both. Subscribing makes the feed the channel;
 * the e-mails keep coming, without a calendar part to add a second time.
 */
export type CalendarChannel = "email" | "feed" | "both";

export async function calendarChannel(personId: string): Promise<CalendarChannel> {
  const person = await db.person.findUnique({ where: { id: personId }, select: { invitesWithFeed: true, calendarFeed: { select: { personId: true } } } });
  if (!person?.calendarFeed) return "email";
  return person.invitesWithFeed ? "both" : "feed";
}

/** While subscribed: the feed alone, or e-mailed invitations too. */
export async function chooseInvitesWithFeed(personId: string, both: boolean) {
  await db.person.updateMany({ where: { id: personId }, data: { invitesWithFeed: both } });
}

function nextDay(iso: string) {
  return new Date(Date.parse(`${iso}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

export interface Feed {
  body: string;
  etag: string;
  lastModified: Date;
}

const feedRow = row({ personId: column.text, createdAt: column.date, active: column.boolean });

const feedSessionRow = row({
  uid: column.text,
  title: column.text,
  agenda: column.text,
  location: column.text,
  videoUrl: column.text.nullable(),
  startsAt: column.date,
  endsAt: column.date,
  sequence: column.integer,
  status: column.text,
  updatedAt: column.date,
  facilitatorName: column.text,
  facilitatorEmail: column.text,
  attendanceStatus: column.text.nullable(),
});

const feedCohortRow = row({
  cohortId: column.text,
  name: column.text,
  startsOn: column.date,
  endsOn: column.date,
  cohortUpdatedAt: column.date,
  enrolmentUpdatedAt: column.date,
});

/**
 * Everything in one person's calendar: sessions they lead or are invited to
 * (cancelled ones, and ones they were taken off, as STATUS:CANCELLED so
 * calendars remove them) and the dates of their cohorts.
 *
 * Calendar apps poll this for everyone, so it is three queries in plain SQL
 * (portable: quoted names, no dialect functions). Through the ORM, with its
 * includes, it was eleven, each compiled anew.
 */
export async function feedFor(token: string): Promise<Feed | null> {
  if (!FEED_TOKEN.test(token)) return null;
  const [feed] = await selectRows(
    feedRow,
    Prisma.sql`
      SELECT f."personId", f."createdAt", p."active"
      FROM "CalendarFeed" f JOIN "Person" p ON p."id" = f."personId"
      WHERE f."tokenHash" = ${hash(token)}`,
  );
  if (!feed || !feed.active) return null;
  const personId = feed.personId;
  // Led and invited as two arms, each through its own index: one WHERE with OR made SQLite scan every session.
  const [rows, cohorts] = await Promise.all([
    selectRows(
      feedSessionRow,
      Prisma.sql`
      SELECT s."uid", s."title", s."agenda", s."location", s."videoUrl", s."startsAt", s."endsAt", s."sequence", s."status", s."updatedAt",
             f."name" AS "facilitatorName", f."email" AS "facilitatorEmail", a."status" AS "attendanceStatus"
      FROM "HandledningSession" s
      JOIN "Person" f ON f."id" = s."facilitatorId"
      LEFT JOIN "Attendance" a ON a."sessionId" = s."id" AND a."personId" = ${personId}
      WHERE s."facilitatorId" = ${personId}
      UNION ALL
      SELECT s."uid", s."title", s."agenda", s."location", s."videoUrl", s."startsAt", s."endsAt", s."sequence", s."status", s."updatedAt",
             f."name", f."email", a."status"
      FROM "Attendance" a
      JOIN "HandledningSession" s ON s."id" = a."sessionId"
      JOIN "Person" f ON f."id" = s."facilitatorId"
      WHERE a."personId" = ${personId} AND s."facilitatorId" <> ${personId}`,
    ),
    selectRows(
      feedCohortRow,
      Prisma.sql`
      SELECT c."id" AS "cohortId", c."name", c."startsOn", c."endsOn", c."updatedAt" AS "cohortUpdatedAt", e."updatedAt" AS "enrolmentUpdatedAt"
      FROM "Enrolment" e JOIN "Cohort" c ON c."id" = e."cohortId"
      WHERE e."personId" = ${personId} AND e."status" IN ('enrolled', 'completed')
      ORDER BY c."id"`,
    ),
  ]);
  const events: CalendarSession[] = rows
    .map((r) => ({
      uid: r.uid,
      title: r.title,
      agenda: r.agenda,
      location: r.location,
      videoUrl: r.videoUrl,
      startsAt: r.startsAt,
      endsAt: r.endsAt,
      sequence: r.sequence,
      status: r.status === "cancelled" || r.attendanceStatus === "removed" ? "cancelled" : r.status,
      updatedAt: r.updatedAt,
      facilitator: { name: r.facilitatorName, email: r.facilitatorEmail },
    }))
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.uid.localeCompare(b.uid));
  const allDay: AllDayEvent[] = cohorts.map((c) => ({
    uid: `cohort-${c.cohortId}@ledarlyftet.se`,
    title: c.name,
    startDate: stockholmDate(c.startsOn),
    endDateExclusive: nextDay(stockholmDate(c.endsOn)),
    updatedAt: c.cohortUpdatedAt,
  }));
  const fingerprint = JSON.stringify([
    events.map((s) => [s.uid, s.sequence, s.status, s.startsAt, s.endsAt, s.updatedAt, s.facilitator.name, s.facilitator.email]),
    allDay.map((d) => [d.uid, d.title, d.startDate, d.endDateExclusive, d.updatedAt]),
  ]);
  const times = [
    ...events.map((s) => s.updatedAt.getTime()),
    ...cohorts.map((c) => Math.max(c.enrolmentUpdatedAt.getTime(), c.cohortUpdatedAt.getTime())),
    feed.createdAt.getTime(),
  ];
  return {
    body: publishIcs(events, allDay, "Ledarlyftet"),
    etag: `"${hash(fingerprint).slice(0, 32)}"`,
    // HTTP dates have whole seconds.
    lastModified: new Date(Math.floor(Math.max(...times) / 1000) * 1000),
  };
}
