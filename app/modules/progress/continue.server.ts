import { db } from "~/db.server";
import { Prisma } from "~/generated/prisma/client.ts";
import { catalogCourseById, catalogProgramCourses, type CatalogCourse } from "~/modules/catalog/catalog-cache.server";
import { column, row, selectRows } from "~/sql.server";
import { loadCourseState } from "./course-progress.server";
import { pendingVisitsOf } from "./lesson-visits.server";

export interface ContinuePoint {
  courseSlug: string;
  courseTitle: string;
  lessonSlug: string;
  lessonTitle: string;
  programTitle: string;
  /** The course's progress, for "du har kommit 40 % av vägen". */
  percent: number;
  /** Never opened anything here yet: "Börja", not "Fortsätt". */
  fresh: boolean;
}

const latestVisitRow = row({ lessonId: column.text, lastViewedAt: column.date });

/**
 * "Fortsätt där du slutade": the lesson the person opened last if it is not
 * done, else the next unfinished required lesson of that course, else of the
 * program's next unfinished required course. Within one program when given
 * (a nudge about a cohort links into its program), otherwise anywhere. Null
 * when there is nothing left to do (or, anywhere, nothing begun).
 */
export async function whereToContinue(personId: string, programId?: string): Promise<ContinuePoint | null> {
  const scope = programId ? await catalogProgramCourses(programId) : null;
  const lessonIds = scope?.flatMap((course) => course.liveLessons.map((lesson) => lesson.id));
  if (lessonIds && lessonIds.length === 0) return null;
  const [stored] = await selectRows(
    latestVisitRow,
    Prisma.sql`
      SELECT "lessonId", "lastViewedAt" FROM "LessonProgress"
      WHERE "personId" = ${personId} ${lessonIds ? Prisma.sql`AND "lessonId" IN (${Prisma.join(lessonIds)})` : Prisma.empty}
      ORDER BY "lastViewedAt" DESC
      LIMIT 1`,
  );
  // A visit this server has not written yet is the latest of all.
  let latest = stored;
  for (const [lessonId, at] of pendingVisitsOf(personId)) {
    if ((!lessonIds || lessonIds.includes(lessonId)) && (!latest || at > latest.lastViewedAt)) latest = { lessonId, lastViewedAt: at };
  }
  const started = latest ? await courseOfLesson(latest.lessonId, scope) : null;
  const courses = scope ?? (started ? await catalogProgramCourses(started.programId) : []);
  // The course they were in first, then the program's other courses in study order.
  const order = started ? [started, ...courses.filter((course) => course.id !== started.id)] : courses;
  for (const course of order) {
    const state = await loadCourseState(db, course.id, personId);
    const unfinished = state.lessons.filter((lesson) => !lesson.completed);
    const lastOpened = course === started ? unfinished.find((lesson) => lesson.id === latest?.lessonId) : undefined;
    const next = lastOpened ?? (course.required || course === started ? unfinished.find((lesson) => lesson.required) : undefined);
    if (!next) continue;
    return {
      courseSlug: course.slug,
      courseTitle: course.title,
      lessonSlug: next.slug,
      lessonTitle: next.title,
      programTitle: course.program.title,
      percent: state.progress.percent,
      fresh: !latest,
    };
  }
  return null;
}

async function courseOfLesson(lessonId: string, scope: CatalogCourse[] | null): Promise<CatalogCourse | null> {
  const inScope = scope?.find((course) => course.liveLessons.some((lesson) => lesson.id === lessonId));
  if (inScope) return inScope;
  const lesson = await db.lesson.findUnique({ where: { id: lessonId }, select: { retiredAt: true, module: { select: { courseId: true } } } });
  if (!lesson || lesson.retiredAt) return null;
  const course = await catalogCourseById(lesson.module.courseId);
  return course && !course.retiredAt ? course : null;
}
