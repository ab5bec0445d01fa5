import { randomInt } from "node:crypto";
import type { Tx } from "~/db.server";
import { Prisma, type LessonProgress } from "~/generated/prisma/client.ts";
import { newId } from "~/utils/ids.server";
import { inSlices } from "~/utils/in-slices";
import { catalogCourseById, type CatalogCourse } from "~/modules/catalog/catalog-cache.server";
import { coursePercent, isCourseComplete, isModuleComplete, isProgramComplete } from "./completion";
import { column, executeSql, selectRows, row } from "~/sql.server";
import { pendingVisitsOf } from "./lesson-visits.server";
import { congratulateOnProgram } from "./program-milestone.server";

const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** 12 characters from 32: 60 bits, far beyond guessing; no 0/O or 1/I to misread on paper. */
export function newCertificateCode(): string {
  const chars = Array.from({ length: 12 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]);
  return `${chars.slice(0, 4).join("")}-${chars.slice(4, 8).join("")}-${chars.slice(8).join("")}`;
}

export type AttendanceCounter = (client: Tx, personId: string) => Promise<number>;

/** Handledning sessions marked närvarat (attended), not counting cancelled ones. */
export const countAttendedSessions: AttendanceCounter = (client, personId) =>
  client.attendance.count({ where: { personId, status: "attended", session: { status: "scheduled" } } });

const lessonProgressRow = row({
  id: column.text,
  personId: column.text,
  lessonId: column.text,
  firstViewedAt: column.date,
  lastViewedAt: column.date,
  completedAt: column.date.nullable(),
});

/** A course's live structure (from the catalog copy) with one person's state of every lesson. */
export async function loadCourseState(client: Tx, courseId: string, personId: string) {
  const cached = await catalogCourseById(courseId);
  if (!cached) throw new Error(`No course ${courseId}`);
  const { liveModules, program: _program, ...row } = cached;
  const course = { ...row, modules: liveModules };
  // Every page of a course asks this, so it is raw SQL (an ORM query costs Prisma's query compiler several times
  // what SQLite needs to answer it), and it names the live lessons (known from the catalog) rather than joining
  // Lesson and Module: a handful of lookups in the (personId, lessonId) index.
  const lessonIds = cached.liveLessons.map((l) => l.id);
  const rows = lessonIds.length
    ? await selectRows(
        lessonProgressRow,
        Prisma.sql`
          SELECT "id", "personId", "lessonId", "firstViewedAt", "lastViewedAt", "completedAt"
          FROM "LessonProgress"
          WHERE "personId" = ${personId} AND "lessonId" IN (${Prisma.join(lessonIds)})`,
        client,
      )
    : [];
  const byLesson = new Map(rows.map((r): [string, LessonProgress] => [r.lessonId, r]));
  // Visits this server has not written yet (lesson-visits.server.ts) count as if they were.
  for (const [lessonId, at] of pendingVisitsOf(personId)) {
    const stored = byLesson.get(lessonId);
    if (stored && stored.lastViewedAt >= at) continue;
    if (stored || lessonIds.includes(lessonId))
      byLesson.set(lessonId, stored ? { ...stored, lastViewedAt: at } : { id: "", personId, lessonId, firstViewedAt: at, lastViewedAt: at, completedAt: null });
  }
  return courseState(course, byLesson);
}

// The two writes every lesson page and "Markera som klar" make, as one
// portable upsert each (ON CONFLICT is SQLite's and PostgreSQL's alike). Through
// the ORM a visit was a compiled upsert and a completion three queries.

/** Remembers that the person opened the lesson now, for "fortsätt där du slutade"; the lesson page notes visits through lesson-visits.server.ts instead. */
export async function recordLessonVisit(client: Tx, personId: string, lessonId: string, now: Date): Promise<void> {
  await executeSql(
    Prisma.sql`
    INSERT INTO "LessonProgress" ("id", "personId", "lessonId", "firstViewedAt", "lastViewedAt")
    VALUES (${newId()}, ${personId}, ${lessonId}, ${now}, ${now})
    ON CONFLICT ("personId", "lessonId") DO UPDATE SET "lastViewedAt" = excluded."lastViewedAt"`,
    client,
  );
}

/**
 * Marks the lesson complete unless it already is; only the first completion
 * counts, and a second keeps the original time. True when this call completed it.
 */
export async function recordLessonCompletion(client: Tx, personId: string, lessonId: string, now: Date): Promise<boolean> {
  const changed = await executeSql(
    Prisma.sql`
    INSERT INTO "LessonProgress" ("id", "personId", "lessonId", "firstViewedAt", "lastViewedAt", "completedAt")
    VALUES (${newId()}, ${personId}, ${lessonId}, ${now}, ${now}, ${now})
    ON CONFLICT ("personId", "lessonId") DO UPDATE SET "completedAt" = excluded."completedAt"
    WHERE "LessonProgress"."completedAt" IS NULL`,
    client,
  );
  return changed > 0;
}

/**
 * Required-lesson progress over several courses for many people at once, in
 * one query: a cohort page asked four queries per person and course before.
 */
export async function progressAcrossCourses(courseIds: string[], personIds: string[]): Promise<Map<string, { done: number; total: number }>> {
  const courses = (await Promise.all(courseIds.map((id) => catalogCourseById(id)))).filter((c): c is CatalogCourse => c !== null);
  // What coursePercent counts: the required lessons of required modules. Summed over the courses, per person, in SQL:
  // a cohort page would otherwise carry every progress row of every participant through the ORM.
  const counted = courses.flatMap((c) => c.liveModules.filter((m) => m.required).flatMap((m) => m.lessons.filter((l) => l.required).map((l) => l.id)));
  const rows =
    personIds.length && counted.length
      ? await inSlices(personIds, (ids) =>
          selectRows(
            doneCountRow,
            Prisma.sql`
              SELECT "personId", COUNT(*) AS "done" FROM "LessonProgress"
              WHERE "personId" IN (${Prisma.join(ids)}) AND "lessonId" IN (${Prisma.join(counted)}) AND "completedAt" IS NOT NULL
              GROUP BY "personId"`,
          ),
        )
      : [];
  const done = new Map(rows.map((r) => [r.personId, r.done]));
  return new Map(personIds.map((personId) => [personId, { done: done.get(personId) ?? 0, total: counted.length }]));
}

const doneCountRow = row({ personId: column.text, done: column.integer });

/** One person's state of a course from its structure and their progress rows, by lesson id. */
function courseState(
  course: Omit<CatalogCourse, "liveModules" | "program"> & { modules: CatalogCourse["liveModules"] },
  byLesson: Map<string, LessonProgress>,
) {
  const modules = course.modules.map((m) => {
    const lessons = m.lessons.map((l) => ({
      ...l,
      progress: byLesson.get(l.id) ?? null,
      completed: Boolean(byLesson.get(l.id)?.completedAt),
    }));
    return { ...m, lessons, complete: isModuleComplete(lessons) };
  });
  // The lessons in study order, module by module: what "next", "previous" and "continue" walk.
  return { course, modules, lessons: modules.flatMap((m) => m.lessons), progress: coursePercent(modules), complete: isCourseComplete(modules) };
}

/**
 * Records module, course and program completions newly earned. Earned
 * completions are never taken back, even when the course later changes.
 * Answers whether this call completed the course's program.
 */
export async function refreshCompletions(
  client: Tx,
  personId: string,
  courseId: string,
  countAttendance: AttendanceCounter = countAttendedSessions,
  now = new Date(),
) {
  const state = await loadCourseState(client, courseId, personId);
  const existing = await client.completion.findMany({ where: { personId } });
  const has = (scope: string, id: string) => existing.some((c) => c.scope === scope && c.scopeId === id);

  for (const m of state.modules) {
    if (m.complete && !has("module", m.id)) {
      await client.completion.create({ data: { personId, scope: "module", scopeId: m.id, completedAt: now } });
    }
  }
  if (state.complete && !has("course", courseId)) {
    await client.completion.create({
      data: { personId, scope: "course", scopeId: courseId, completedAt: now, version: state.course.version, certificateCode: newCertificateCode() },
    });
  }
  return refreshProgramCompletion(client, personId, state.course.programId, countAttendance, now);
}

export async function refreshProgramCompletion(
  client: Tx,
  personId: string,
  programId: string,
  countAttendance: AttendanceCounter = countAttendedSessions,
  now = new Date(),
): Promise<boolean> {
  if (await client.completion.findUnique({ where: { personId_scope_scopeId: { personId, scope: "program", scopeId: programId } } })) return false;
  const program = await client.program.findUniqueOrThrow({
    where: { id: programId },
    include: { courses: { where: { retiredAt: null }, select: { id: true, required: true } } },
  });
  const done = new Set(
    (await client.completion.findMany({ where: { personId, scope: "course", scopeId: { in: program.courses.map((c) => c.id) } } })).map((c) => c.scopeId),
  );
  const complete = isProgramComplete({
    courses: program.courses.map((c) => ({ required: c.required, complete: done.has(c.id) })),
    requiredSessions: program.requiredSessions,
    attendedSessions: program.requiredSessions > 0 ? await countAttendance(client, personId) : 0,
  });
  if (!complete) return false;
  // The completion and its congratulation are one write: the unique (person, scope, id) lets only one of two racing requests commit, so the e-mail goes once.
  const certificateCode = newCertificateCode();
  await client.completion.create({ data: { personId, scope: "program", scopeId: programId, completedAt: now, certificateCode } });
  await congratulateOnProgram(client, personId, { title: program.title, requiredSessions: program.requiredSessions }, certificateCode);
  return true;
}
