import { config } from "~/config.server";
import { db, transaction } from "~/db.server";
import { Prisma } from "~/generated/prisma/client.ts";
import { actorOf } from "~/modules/auth/session.server";
import { facilitatorFollowUp } from "~/modules/enrolment/cohorts.server";
import { queueEmail } from "~/modules/mail/outbox.server";
import { stopFooter } from "~/modules/mail/preferences.server";
import { reviewQueue } from "~/modules/progress/review.server";
import { executeSql } from "~/sql.server";
import { formatCount, formatList } from "~/utils/format";
import { newId } from "~/utils/ids.server";
import { stockholmDate, stockholmToUtc, swedishDateTime } from "~/utils/time";

/*
 * The weekly digest to each utvecklingsledare: their running cohorts'
 * progress and who is falling behind, work waiting for their review, and the
 * coming week's handledning with the answers still missing. Nothing is sent
 * when there is nothing to say. Each facilitator's week is decided once: a
 * WeeklyDigest row (unique per facilitator and ISO week) is inserted in the
 * same transaction as the outbox message, so two servers, a restart or a
 * server killed half-way never send a week twice.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/** The ISO week ("2026-W49") of a Swedish calendar date, and that week's Monday. */
export function isoWeekOf(isoDate: string): { week: string; monday: string; number: number } {
  const date = new Date(`${isoDate}T00:00:00Z`);
  const weekday = (date.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const monday = new Date(date.getTime() - weekday * DAY_MS);
  // The ISO year is the year of the week's Thursday.
  const thursday = new Date(monday.getTime() + 3 * DAY_MS);
  const firstThursday = new Date(Date.UTC(thursday.getUTCFullYear(), 0, 4));
  const firstMonday = new Date(firstThursday.getTime() - ((firstThursday.getUTCDay() + 6) % 7) * DAY_MS);
  const number = Math.round((monday.getTime() - firstMonday.getTime()) / (7 * DAY_MS)) + 1;
  return { week: `${thursday.getUTCFullYear()}-W${String(number).padStart(2, "0")}`, monday: monday.toISOString().slice(0, 10), number };
}

/** This week's digest moment (DIGEST_WEEKDAY at DIGEST_HOUR, Swedish time), and the week it belongs to. */
export function digestMoment(now: Date, weekday = config.DIGEST_WEEKDAY, hour = config.DIGEST_HOUR) {
  const { week, monday, number } = isoWeekOf(stockholmDate(now));
  const day = new Date(new Date(`${monday}T00:00:00Z`).getTime() + (weekday - 1) * DAY_MS).toISOString().slice(0, 10);
  return { week, number, at: stockholmToUtc(day, `${String(hour).padStart(2, "0")}:00:00`) };
}

export interface DigestContent {
  cohorts: { id: string; name: string; participants: number; average: number; expected: number; behind: { name: string; percent: number }[] }[];
  submissions: { learner: string; lesson: string; submittedAt: Date }[];
  reflections: { learner: string; lesson: string }[];
  sessions: { id: string; title: string; startsAt: Date; invited: number; unanswered: string[] }[];
}

/** What one facilitator's digest would say now. */
export async function digestFor(facilitator: Parameters<typeof actorOf>[0], now = new Date()): Promise<DigestContent> {
  const actor = actorOf(facilitator);
  const weekAgo = new Date(now.getTime() - 7 * DAY_MS);
  const [cohorts, queue, sessions] = await Promise.all([
    facilitatorFollowUp(actor.id, now),
    reviewQueue(actor),
    db.handledningSession.findMany({
      where: { facilitatorId: actor.id, status: "scheduled", isOpenSlot: false, startsAt: { gt: now, lte: new Date(now.getTime() + 7 * DAY_MS) } },
      select: {
        id: true,
        title: true,
        startsAt: true,
        attendances: { where: { status: { not: "removed" } }, select: { status: true, person: { select: { name: true } } } },
      },
      orderBy: { startsAt: "asc" },
    }),
  ]);
  return {
    cohorts: cohorts.filter((cohort) => cohort.participants > 0),
    submissions: queue.submissions.map((s) => ({ learner: s.person.name, lesson: s.lesson.title, submittedAt: s.submittedAt })),
    // Reflections have no "reviewed" state: the digest tells of those shared since last week's.
    reflections: queue.reflections.filter((r) => r.updatedAt >= weekAgo).map((r) => ({ learner: r.person.name, lesson: r.lesson.title })),
    sessions: sessions.map((s) => ({
      id: s.id,
      title: s.title,
      startsAt: s.startsAt,
      invited: s.attendances.length,
      unanswered: s.attendances.filter((a) => a.status === "invited").map((a) => a.person.name),
    })),
  };
}

/** Whether there is anything worth an e-mail: progress alone, with everyone on track, is not. */
export function hasNews(content: DigestContent): boolean {
  return (
    content.cohorts.some((cohort) => cohort.behind.length > 0) ||
    content.submissions.length > 0 ||
    content.reflections.length > 0 ||
    content.sessions.length > 0
  );
}

const url = (path: string) => new URL(path, config.PUBLIC_URL).toString();

export function digestText(facilitator: { id: string; name: string }, weekNumber: number, content: DigestContent): { subject: string; text: string } {
  const firstName = facilitator.name.split(" ")[0] ?? facilitator.name;
  const lines: string[] = [`Hej ${firstName}!`, "", `Här är veckan i dina omgångar, vecka ${weekNumber}.`];
  if (content.cohorts.length > 0) {
    lines.push("", "DINA OMGÅNGAR");
    for (const cohort of content.cohorts) {
      lines.push(
        `- ${cohort.name}: ${formatCount(cohort.participants, "deltagare", "deltagare")}, i snitt ${cohort.average} % klart (kalendern säger ${cohort.expected} %).`,
      );
      if (cohort.behind.length > 0) {
        lines.push(`  Ligger efter: ${formatList(cohort.behind.map((b) => `${b.name} (${b.percent} %)`))}.`);
      }
      lines.push(`  ${url(`/cohorts/${cohort.id}`)}`);
    }
  }
  if (content.submissions.length > 0 || content.reflections.length > 0) {
    lines.push("", "ATT GRANSKA");
    if (content.submissions.length > 0) {
      lines.push(`- ${formatCount(content.submissions.length, "inlämnad uppgift väntar", "inlämnade uppgifter väntar")} på dig:`);
      for (const s of content.submissions.slice(0, 10)) lines.push(`  ${s.learner}: ${s.lesson}`);
      if (content.submissions.length > 10) lines.push(`  … och ${content.submissions.length - 10} till.`);
    }
    if (content.reflections.length > 0) {
      lines.push(`- ${formatCount(content.reflections.length, "reflektion har", "reflektioner har")} delats med dig den senaste veckan.`);
    }
    lines.push(`  ${url("/review")}`);
  }
  if (content.sessions.length > 0) {
    lines.push("", "HANDLEDNING DEN KOMMANDE VECKAN");
    for (const s of content.sessions) {
      const missing = s.unanswered.length;
      lines.push(
        `- ${swedishDateTime(s.startsAt)}: ${s.title}. ${
          missing === 0 ? "Alla har svarat." : `${missing} av ${s.invited} har inte svarat: ${formatList(s.unanswered)}.`
        }`,
        `  ${url(`/sessions/${s.id}`)}`,
      );
    }
  }
  lines.push("", stopFooter(facilitator.id, "weekly-digests"));
  return { subject: `Veckobrev vecka ${weekNumber}: dina omgångar i Ledarlyftet`, text: lines.join("\n") };
}

/**
 * Decides every facilitator's digest for this week once its moment has come;
 * answers how many were queued. Safe to run on every server at once, and as
 * often as one likes: a week already decided is skipped.
 */
export async function sendDueDigests(now = new Date()): Promise<number> {
  const moment = digestMoment(now);
  if (now < moment.at) return 0;
  const facilitators = await db.person.findMany({
    where: { isFacilitator: true, active: true, erasedAt: null, weeklyDigests: true, weeklyDigestsSent: { none: { week: moment.week } } },
    select: { id: true, name: true, email: true, branchId: true, isParticipant: true, isFacilitator: true, isAdmin: true, isCourseEditor: true },
  });
  let queued = 0;
  for (const facilitator of facilitators) {
    const content = await digestFor(facilitator, now);
    const news = hasNews(content);
    const sent = await transaction(async (tx) => {
      const id = newId();
      // The unique (facilitator, week) decides who writes the week: a second server's insert changes nothing and it sends nothing.
      const claimed = await executeSql(
        Prisma.sql`INSERT INTO "WeeklyDigest" ("id", "facilitatorId", "week", "decidedAt") VALUES (${id}, ${facilitator.id}, ${moment.week}, ${now})
                   ON CONFLICT ("facilitatorId", "week") DO NOTHING`,
        tx,
      );
      if (claimed !== 1 || !news) return false;
      const { subject, text } = digestText(facilitator, moment.number, content);
      const message = await queueEmail({ to: facilitator.email, personId: facilitator.id, kind: "weekly-digest", subject, text }, tx);
      await tx.weeklyDigest.update({ where: { id }, data: { outboxMessageId: message.id } });
      return true;
    });
    if (sent) queued++;
  }
  return queued;
}
