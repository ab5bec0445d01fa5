import { db, transaction } from "~/db.server";
import { Prisma } from "~/generated/prisma/client.ts";
import { column, selectRows, row } from "~/sql.server";
import { catalogCourseById } from "~/modules/catalog/catalog-cache.server";
import type { Question } from "~/modules/catalog/content-schema";
import { countAttendedSessions, loadCourseState, recordLessonCompletion, refreshCompletions } from "./course-progress.server";
import { noteLessonVisit } from "./lesson-visits.server";
import { gradeQuiz, publicQuestions, type QuizAnswers } from "./quiz";
import { formError, ok, type ActionResult } from "~/utils/action-result";

export type LessonStatus = "done" | "started" | "not-started" | "submitted" | "returned";

const submissionStatusRow = row({ lessonId: column.text, status: column.text });

async function assignmentStatuses(personId: string, lessonIds: string[]) {
  if (lessonIds.length === 0) return new Map<string, string>();
  // Raw SQL on the course page's path: the ORM query cost more to compile than to answer.
  const subs = await selectRows(
    submissionStatusRow,
    Prisma.sql`SELECT "lessonId", "status" FROM "AssignmentSubmission" WHERE "personId" = ${personId} AND "lessonId" IN (${Prisma.join(lessonIds)}) ORDER BY "submittedAt" DESC`,
  );
  const latest = new Map<string, string>();
  for (const s of subs) if (!latest.has(s.lessonId)) latest.set(s.lessonId, s.status);
  return latest;
}

/** Programs with their courses and this person's progress in each. */
export async function getCatalog(personId: string) {
  const programs = await db.program.findMany({
    where: { retiredAt: null },
    orderBy: { order: "asc" },
    include: { courses: { where: { retiredAt: null }, orderBy: { order: "asc" } } },
  });
  const [completions, attendedSessions] = await Promise.all([
    db.completion.findMany({ where: { personId, scope: { in: ["course", "program"] } } }),
    programs.some((p) => p.requiredSessions > 0) ? countAttendedSessions(db, personId) : 0,
  ]);
  const done = new Map(completions.map((c) => [`${c.scope}:${c.scopeId}`, c]));
  return Promise.all(
    programs.map(async (p) => ({
      slug: p.slug,
      title: p.title,
      descriptionHtml: p.descriptionHtml,
      enrolmentOnly: p.enrolmentOnly,
      requiredSessions: p.requiredSessions,
      // Attended handledning counts towards every program that asks for it, as the completion rule does.
      attendedSessions,
      completedAt: done.get(`program:${p.id}`)?.completedAt ?? null,
      certificateCode: done.get(`program:${p.id}`)?.certificateCode ?? null,
      courses: await Promise.all(
        p.courses.map(async (c) => {
          const state = await loadCourseState(db, c.id, personId);
          const completion = done.get(`course:${c.id}`);
          return {
            slug: c.slug,
            title: c.title,
            summaryHtml: c.summaryHtml,
            required: c.required,
            percent: state.progress.percent,
            started: state.modules.some((m) => m.lessons.some((l) => l.progress)),
            completedAt: completion?.completedAt ?? null,
            certificateCode: completion?.certificateCode ?? null,
          };
        }),
      ),
    })),
  );
}

/** The course page: modules, lessons with their state, progress, where to continue, and what is new. */
const courseCompletionRow = row({ completedAt: column.date, version: column.integer, certificateCode: column.text.nullable() });

export async function getCourseOutline(courseId: string, personId: string) {
  const state = await loadCourseState(db, courseId, personId);
  const allLessons = state.lessons;
  const submissions = await assignmentStatuses(
    personId,
    allLessons.filter((l) => l.type === "assignment").map((l) => l.id),
  );
  const [completion] = await selectRows(
    courseCompletionRow,
    Prisma.sql`SELECT "completedAt", "version", "certificateCode" FROM "Completion" WHERE "personId" = ${personId} AND "scope" = 'course' AND "scopeId" = ${courseId}`,
  );
  const statusOf = (l: (typeof allLessons)[number]): LessonStatus => {
    if (l.completed) return "done";
    const sub = submissions.get(l.id);
    if (sub === "submitted" || sub === "returned") return sub;
    return l.progress ? "started" : "not-started";
  };
  // Continue where they left off: the last lesson they opened if unfinished, else the next unfinished one.
  const lastOpened = [...allLessons].filter((l) => l.progress).sort((a, b) => b.progress!.lastViewedAt.getTime() - a.progress!.lastViewedAt.getTime())[0];
  const resume = lastOpened && !lastOpened.completed ? lastOpened : (allLessons.find((l) => !l.completed && l.required) ?? null);
  const outdated = completion !== undefined && completion.version < state.course.version;
  return {
    modules: state.modules.map((m) => ({
      slug: m.slug,
      title: m.title,
      introHtml: m.introHtml,
      required: m.required,
      complete: m.complete,
      lessons: m.lessons.map((l) => ({
        slug: l.slug,
        title: l.title,
        type: l.type,
        required: l.required,
        minutes: l.minutes,
        status: statusOf(l),
        // Done before the lesson last changed (a new question, a rewritten text): the completion stands, and the learner is told.
        changedSinceDone: l.completed && l.progress?.completedAt != null && l.updatedAt > l.progress.completedAt,
      })),
    })),
    percent: state.progress.percent,
    started: allLessons.some((l) => l.progress),
    resume: resume ? { slug: resume.slug, title: resume.title } : null,
    completion: completion ? { completedAt: completion.completedAt, version: completion.version, certificateCode: completion.certificateCode } : null,
    // Required lessons the learner has not done, in a course completed on an older version.
    newSinceCompletion: outdated
      ? state.modules
          .filter((m) => m.required)
          .flatMap((m) => m.lessons.filter((l) => l.required && !l.completed).map((l) => ({ slug: l.slug, title: l.title })))
      : [],
  };
}

type CourseState = Awaited<ReturnType<typeof loadCourseState>>;

/** The lessons before and after one, in study order. */
function neighbours(order: { id: string; slug: string; title: string }[], lessonId: string) {
  const at = order.findIndex((l) => l.id === lessonId);
  const pick = (i: number) => (at >= 0 && i >= 0 && i < order.length ? { slug: order[i]!.slug, title: order[i]!.title } : null);
  return { previous: pick(at - 1), next: pick(at + 1) };
}

/** Where to go after a lesson. Study order is the course's alone, so nobody's progress is read. */
export async function lessonNeighbours(lesson: { id: string; module: { courseId: string } }) {
  const course = await catalogCourseById(lesson.module.courseId);
  return neighbours(course?.liveLessons ?? [], lesson.id);
}

/** Opens a lesson: remembers it for "fortsätt där du slutade" and returns what the page shows. */
export async function openLesson(personId: string, lesson: { id: string; type: string; questions: string; updatedAt: Date; module: { courseId: string } }) {
  const now = new Date();
  const [state, reflection, submissions] = await Promise.all([
    loadCourseState(db, lesson.module.courseId, personId),
    lesson.type === "reflection" ? db.reflection.findUnique({ where: { personId_lessonId: { personId, lessonId: lesson.id } } }) : null,
    lesson.type === "assignment"
      ? db.assignmentSubmission.findMany({
          where: { personId, lessonId: lesson.id },
          orderBy: { submittedAt: "desc" },
          include: { reviewer: { select: { name: true } } },
        })
      : [],
  ]);
  const progress = state.lessons.find((l) => l.id === lesson.id)?.progress ?? null;
  if (!isFreshestVisit(state, lesson.id, now)) noteLessonVisit(personId, lesson.id, now);
  return {
    completedAt: progress?.completedAt ?? null,
    changedSinceDone: progress?.completedAt != null && lesson.updatedAt > progress.completedAt,
    questions: lesson.type === "quiz" ? publicQuestions(JSON.parse(lesson.questions) as Question[]) : [],
    reflection: reflection ? { text: reflection.text, shared: reflection.shared } : null,
    submissions: submissions.map((s) => ({
      id: s.id,
      text: s.text,
      status: s.status,
      comment: s.comment,
      reviewer: s.reviewer?.name ?? null,
      submittedAt: s.submittedAt,
      reviewedAt: s.reviewedAt,
    })),
    ...neighbours(state.lessons, lesson.id),
    percent: state.progress.percent,
  };
}

/** How long a reload of the lesson one is already on may go without writing the visit again. */
const REVISIT_WRITE_AFTER_MS = 60_000;

/**
 * A reload of the lesson the person opened last, within the minute, changes
 * nothing "fortsätt där du slutade" reads (it is still their latest lesson),
 * so it costs no write. Any other visit is recorded.
 */
function isFreshestVisit(state: CourseState, lessonId: string, now: Date): boolean {
  let latest: { lessonId: string; at: number } | null = null;
  for (const l of state.lessons) {
    const at = l.progress?.lastViewedAt?.getTime();
    if (at !== undefined && (!latest || at > latest.at)) latest = { lessonId: l.id, at };
  }
  return latest !== null && latest.lessonId === lessonId && now.getTime() - latest.at < REVISIT_WRITE_AFTER_MS;
}

/** Completes a lesson; answers the program's title when this lesson was the program's last requirement. */
async function complete(personId: string, lessonId: string, courseId: string): Promise<string | null> {
  const now = new Date();
  const programCompleted = await transaction(async (tx) => {
    // A lesson that was complete already changes no module, course or program completion.
    return (await recordLessonCompletion(tx, personId, lessonId, now)) && (await refreshCompletions(tx, personId, courseId, undefined, now));
  });
  return programCompleted ? ((await catalogCourseById(courseId))?.program.title ?? null) : null;
}

type LessonRef = { id: string; type: string; questions: string; module: { courseId: string } };

/** Answers the program's title when this completed the whole program. */
export async function markLessonRead(personId: string, lesson: LessonRef): Promise<string | null> {
  if (lesson.type !== "text") throw new Error(`lesson type ${lesson.type} is not completed by reading`);
  return complete(personId, lesson.id, lesson.module.courseId);
}

/** Grades on the server; the lesson completes when every question is right. Retries are allowed. */
export async function answerQuiz(personId: string, lesson: LessonRef, answers: QuizAnswers) {
  const questions = JSON.parse(lesson.questions) as Question[];
  const graded = gradeQuiz(questions, answers);
  await db.quizAttempt.create({ data: { personId, lessonId: lesson.id, answers: JSON.stringify(answers), correct: graded.allCorrect } });
  const programCompleted = graded.allCorrect ? await complete(personId, lesson.id, lesson.module.courseId) : null;
  return { ...graded, programCompleted };
}

export async function saveReflection(personId: string, lesson: LessonRef, input: { text: string; shared: boolean }) {
  await db.reflection.upsert({
    where: { personId_lessonId: { personId, lessonId: lesson.id } },
    create: { personId, lessonId: lesson.id, text: input.text, shared: input.shared },
    update: { text: input.text, shared: input.shared },
  });
  return complete(personId, lesson.id, lesson.module.courseId);
}

/** A new submission is allowed first, and again after one was returned; not while one waits or after approval. */
export async function submitAssignment(personId: string, lesson: LessonRef, text: string): Promise<ActionResult> {
  const latest = await db.assignmentSubmission.findFirst({ where: { personId, lessonId: lesson.id }, orderBy: { submittedAt: "desc" } });
  if (latest?.status === "submitted") return formError("Din inlämning väntar redan på granskning.");
  if (latest?.status === "approved") return formError("Uppgiften är redan godkänd.");
  await db.assignmentSubmission.create({ data: { personId, lessonId: lesson.id, text } });
  return ok();
}
