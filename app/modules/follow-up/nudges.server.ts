import { config } from "~/config.server";
import { transaction } from "~/db.server";
import { Prisma } from "~/generated/prisma/client.ts";
import { catalogRequiredCourseIds } from "~/modules/catalog/catalog-cache.server";
import { queueEmail } from "~/modules/mail/outbox.server";
import { stopFooter } from "~/modules/mail/preferences.server";
import { progressAcrossCourses } from "~/modules/progress/course-progress.server";
import { whereToContinue } from "~/modules/progress/continue.server";
import { column, executeSql, row, selectRows } from "~/sql.server";
import { formatList } from "~/utils/format";

/*
 * A nudge: one short, friendly e-mail to a participant in a running cohort
 * who has made no progress for NUDGE_AFTER_DAYS, with a link straight to where
 * they left off. One per stretch without progress (a new one only after they
 * have been back), never two within NUDGE_INTERVAL_DAYS, and none to someone
 * whose required lessons are all done: there is nothing for them to go back
 * to, least of all in a cohort's last days. Each is claimed by a conditional
 * update of Person.lastNudgedAt in the same transaction as its outbox row, so
 * several app servers, a restart or a server killed half-way send it once.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

const candidateRow = row({
  personId: column.text,
  name: column.text,
  email: column.text,
  lastNudgedAt: column.date.nullable(),
  enrolledAt: column.date.nullable(),
  cohortId: column.text,
  cohortName: column.text,
  programId: column.text,
  programTitle: column.text,
  startsOn: column.date,
  endsOn: column.date,
  lastViewedAt: column.date.nullable(),
  lastCompletedAt: column.date.nullable(),
});

/** Everyone enrolled in a running cohort who wants nudges and has not finished its program, with when they last did anything in it. */
function enrolledInRunningCohorts(now: Date) {
  return selectRows(
    candidateRow,
    Prisma.sql`
      SELECT p."id" AS "personId", p."name", p."email", p."lastNudgedAt", e."enrolledAt",
             c."id" AS "cohortId", c."name" AS "cohortName", c."programId", pr."title" AS "programTitle", c."startsOn", c."endsOn",
             (SELECT MAX(lp."lastViewedAt") FROM "LessonProgress" lp
                JOIN "Lesson" l ON l."id" = lp."lessonId" JOIN "Module" m ON m."id" = l."moduleId" JOIN "Course" co ON co."id" = m."courseId"
               WHERE lp."personId" = p."id" AND co."programId" = c."programId") AS "lastViewedAt",
             (SELECT MAX(lp."completedAt") FROM "LessonProgress" lp
                JOIN "Lesson" l ON l."id" = lp."lessonId" JOIN "Module" m ON m."id" = l."moduleId" JOIN "Course" co ON co."id" = m."courseId"
               WHERE lp."personId" = p."id" AND co."programId" = c."programId") AS "lastCompletedAt"
      FROM "Enrolment" e
      JOIN "Cohort" c ON c."id" = e."cohortId"
      JOIN "Program" pr ON pr."id" = c."programId"
      JOIN "Person" p ON p."id" = e."personId"
      WHERE e."status" = 'enrolled' AND c."startsOn" <= ${now} AND c."endsOn" >= ${now}
        AND p."active" = ${true} AND p."erasedAt" IS NULL AND p."learnerNudges" = ${true}
        AND NOT EXISTS (SELECT 1 FROM "Completion" pc WHERE pc."personId" = p."id" AND pc."scope" = 'program' AND pc."scopeId" = c."programId")
      ORDER BY c."endsOn", p."id"`,
  );
}

type Candidate = Awaited<ReturnType<typeof enrolledInRunningCohorts>>[number];

export interface NudgeRules {
  afterDays: number;
  intervalDays: number;
}

const configuredRules = (): NudgeRules => ({ afterDays: config.NUDGE_AFTER_DAYS, intervalDays: config.NUDGE_INTERVAL_DAYS });

/** Since when the person has done nothing in the cohort: their last visit or completion, or the day they got their seat (or the cohort began). */
function quietSince(candidate: Candidate): Date {
  const times = [candidate.startsOn, candidate.enrolledAt, candidate.lastViewedAt, candidate.lastCompletedAt].filter((t): t is Date => t !== null);
  return new Date(Math.max(...times.map((t) => t.getTime())));
}

/**
 * The people a nudge is due to now: quiet for long enough, not nudged during
 * this quiet stretch nor within the interval, and with required lessons left.
 * One cohort per person (the one ending first), so two cohorts never mean two e-mails.
 */
export async function dueNudges(now = new Date(), rules: NudgeRules = configuredRules()): Promise<Candidate[]> {
  const seen = new Set<string>();
  const quiet = (await enrolledInRunningCohorts(now)).filter((candidate) => {
    if (seen.has(candidate.personId)) return false;
    const since = quietSince(candidate);
    if (now.getTime() - since.getTime() < rules.afterDays * DAY_MS) return false;
    const last = candidate.lastNudgedAt;
    if (last && (last.getTime() >= since.getTime() || now.getTime() - last.getTime() < rules.intervalDays * DAY_MS)) return false;
    seen.add(candidate.personId);
    return true;
  });
  const byProgram = new Map<string, Candidate[]>();
  for (const candidate of quiet) byProgram.set(candidate.programId, [...(byProgram.get(candidate.programId) ?? []), candidate]);
  const due: Candidate[] = [];
  for (const [programId, group] of byProgram) {
    const courseIds = await catalogRequiredCourseIds(programId);
    const progress = await progressAcrossCourses(
      courseIds,
      group.map((candidate) => candidate.personId),
    );
    for (const candidate of group) {
      const { done, total } = progress.get(candidate.personId) ?? { done: 0, total: 0 };
      if (done < total) due.push(candidate);
    }
  }
  return due;
}

const facilitatorRow = row({ cohortId: column.text, name: column.text });

async function facilitatorsOf(cohortIds: string[]): Promise<Map<string, string[]>> {
  if (cohortIds.length === 0) return new Map();
  const rows = await selectRows(
    facilitatorRow,
    Prisma.sql`SELECT cf."cohortId", p."name" FROM "CohortFacilitator" cf JOIN "Person" p ON p."id" = cf."personId"
               WHERE cf."cohortId" IN (${Prisma.join(cohortIds)}) AND p."erasedAt" IS NULL ORDER BY p."name"`,
  );
  const names = new Map<string, string[]>();
  for (const r of rows) names.set(r.cohortId, [...(names.get(r.cohortId) ?? []), r.name]);
  return names;
}

/** The e-mail itself: short, friendly, one link. */
export function nudgeText(
  candidate: Pick<Candidate, "personId" | "name" | "programTitle" | "cohortName">,
  next: { courseTitle: string; lessonTitle: string; url: string; percent: number; fresh: boolean },
  facilitators: string[],
): { subject: string; text: string } {
  const firstName = candidate.name.split(" ")[0] ?? candidate.name;
  return {
    subject: next.fresh ? `Dags att börja: ${candidate.programTitle}` : `Fortsätt där du slutade: ${next.lessonTitle}`,
    text: [
      `Hej ${firstName}!`,
      "",
      next.fresh
        ? `Din omgång av ${candidate.programTitle} (${candidate.cohortName}) är i gång, men du har inte börjat ännu. Första lektionen är "${next.lessonTitle}" i ${next.courseTitle}.`
        : `Det var ett tag sedan du var inne i ${candidate.programTitle} (${candidate.cohortName}). Du har kommit ${next.percent} % i ${next.courseTitle}, och nästa steg är "${next.lessonTitle}".`,
      "",
      `${next.fresh ? "Börja" : "Fortsätt"} här: ${next.url}`,
      "",
      facilitators.length > 0
        ? `Har du fastnat, eller har något kommit emellan? Hör av dig till ${formatList(facilitators)}, din utvecklingsledare.`
        : "Har du fastnat, eller har något kommit emellan? Hör av dig till din utvecklingsledare.",
      "",
      stopFooter(candidate.personId, "learner-nudges"),
    ].join("\n"),
  };
}

/** Queues every nudge that is due; answers how many. Safe to run on every server at once. */
export async function sendDueNudges(now = new Date(), rules: NudgeRules = configuredRules()): Promise<number> {
  const due = await dueNudges(now, rules);
  const facilitators = await facilitatorsOf([...new Set(due.map((candidate) => candidate.cohortId))]);
  const intervalStart = new Date(now.getTime() - rules.intervalDays * DAY_MS);
  let queued = 0;
  for (const candidate of due) {
    const next = await whereToContinue(candidate.personId, candidate.programId);
    if (!next) continue;
    const url = new URL(`/courses/${next.courseSlug}/${next.lessonSlug}`, config.PUBLIC_URL).toString();
    const { subject, text } = nudgeText(candidate, { ...next, url }, facilitators.get(candidate.cohortId) ?? []);
    const claimed = await transaction(async (tx) => {
      // Whoever moves lastNudgedAt first sends it; another server (or a rerun) finds it moved and sends nothing.
      const count = await executeSql(
        Prisma.sql`UPDATE "Person" SET "lastNudgedAt" = ${now}
                   WHERE "id" = ${candidate.personId} AND ("lastNudgedAt" IS NULL OR "lastNudgedAt" <= ${intervalStart})`,
        tx,
      );
      if (count !== 1) return false;
      await queueEmail({ to: candidate.email, personId: candidate.personId, kind: "learner-nudge", subject, text }, tx);
      return true;
    });
    if (claimed) queued++;
  }
  return queued;
}
