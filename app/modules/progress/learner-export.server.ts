import { db } from "~/db.server";
import { catalogProgramCourses, catalogRequiredCourseIds, type CatalogCourse } from "~/modules/catalog/catalog-cache.server";
import { cohortRoster } from "~/modules/enrolment/cohorts.server";
import { STATUS_LABELS } from "~/modules/enrolment/eligibility";
import { positionLabel } from "~/modules/people/positions";
import { csvDocument } from "~/utils/csv";
import { inSlices } from "~/utils/in-slices";
import { stockholmDate } from "~/utils/time";
import { countAttendedSessions, progressAcrossCourses } from "./course-progress.server";

/*
 * Per-learner progress as CSV for Swedish Excel: a cohort's participants and
 * a branch's people. One row per person and program, course and (for a
 * cohort) lesson, with the level in its own column, so that a filter in
 * Excel gives either the overview or the detail. The counts are the ones the
 * pages show: required lessons of required modules, through
 * progressAcrossCourses, the function behind the cohort page's roster.
 */

type Cell = string | number | null;

const LEVEL = { program: "Program", course: "Kurs", lesson: "Lektion" } as const;

/** The columns after the person's own (name, e-mail, branch and one that tells the export's context). */
const PROGRESS_HEADER = [
  "Nivå",
  "Program",
  "Kurs",
  "Modul",
  "Lektion",
  "Obligatorisk",
  "Obligatoriska lektioner klara",
  "Obligatoriska lektioner",
  "Framsteg (%)",
  "Handledning närvarat",
  "Handledning krävs",
  "Klar (datum)",
];

const COHORT_EXPORT_HEADER = ["Namn", "E-post", "Arbetarekommun", "Anmälan", ...PROGRESS_HEADER];
const BRANCH_EXPORT_HEADER = ["Namn", "E-post", "Arbetarekommun", "Befattning", ...PROGRESS_HEADER];

interface Learner {
  personId: string;
  /** Name, e-mail, branch and the context column, as they open the person's rows. */
  cells: Cell[];
}

interface ProgramOutline {
  id: string;
  title: string;
  requiredSessions: number;
  /** Live courses in order, with their live modules and lessons. */
  courses: CatalogCourse[];
  /** What the program's progress counts: the same list the cohort page's roster asks for. */
  requiredCourseIds: string[];
}

type Counts = Map<string, { done: number; total: number }>;

// The rounding the cohort page's roster and the course page (coursePercent) apply to the same counts.
const percentOf = ({ done, total }: { done: number; total: number }) => (total === 0 ? 0 : Math.round((done / total) * 100));

const yesNo = (flag: boolean) => (flag ? "ja" : "nej");

const date = (at: Date | null | undefined) => (at ? stockholmDate(at) : null);

async function programOutline(program: { id: string; title: string; requiredSessions: number }): Promise<ProgramOutline> {
  const [courses, requiredCourseIds] = await Promise.all([catalogProgramCourses(program.id), catalogRequiredCourseIds(program.id)]);
  return { id: program.id, title: program.title, requiredSessions: program.requiredSessions, courses, requiredCourseIds };
}

/** What the rows need beyond the counts: completion dates and attended handledning, by person. */
async function learnerFacts(personIds: string[], lessonIds: string[]) {
  const [lessons, completions, attended] = await Promise.all([
    lessonIds.length
      ? inSlices(personIds, (ids) =>
          db.lessonProgress.findMany({
            where: { personId: { in: ids }, lessonId: { in: lessonIds }, completedAt: { not: null } },
            select: { personId: true, lessonId: true, completedAt: true },
          }),
        )
      : Promise.resolve([]),
    inSlices(personIds, (ids) =>
      db.completion.findMany({
        where: { personId: { in: ids }, scope: { in: ["course", "program"] } },
        select: { personId: true, scope: true, scopeId: true, completedAt: true },
      }),
    ),
    // The count program completion itself asks for: attended, in a session that was not cancelled.
    Promise.all(personIds.map(async (id) => [id, await countAttendedSessions(db, id)] as const)),
  ]);
  return {
    lessonDone: new Map(lessons.map((l) => [`${l.personId}:${l.lessonId}`, l.completedAt])),
    completed: new Map(completions.map((c) => [`${c.personId}:${c.scope}:${c.scopeId}`, c.completedAt])),
    attended: new Map(attended),
  };
}

type Facts = Awaited<ReturnType<typeof learnerFacts>>;

/** A program's counts for everyone: the whole program (its required courses), and each course on its own. */
async function programCounts(program: ProgramOutline, personIds: string[]) {
  const [whole, ...courses] = await Promise.all([
    progressAcrossCourses(program.requiredCourseIds, personIds),
    ...program.courses.map((c) => progressAcrossCourses([c.id], personIds)),
  ]);
  return { whole: whole!, courses: new Map(program.courses.map((c, i): [string, Counts] => [c.id, courses[i]!])) };
}

function progressRows(
  learner: Learner,
  program: ProgramOutline,
  counts: Awaited<ReturnType<typeof programCounts>>,
  facts: Facts,
  withLessons: boolean,
): Cell[][] {
  const id = learner.personId;
  const row = (cells: Cell[]) => [...learner.cells, ...cells];
  const whole = counts.whole.get(id) ?? { done: 0, total: 0 };
  const rows = [
    row([
      LEVEL.program,
      program.title,
      null,
      null,
      null,
      null,
      whole.done,
      whole.total,
      percentOf(whole),
      facts.attended.get(id) ?? 0,
      program.requiredSessions,
      date(facts.completed.get(`${id}:program:${program.id}`)),
    ]),
  ];
  for (const course of program.courses) {
    const inCourse = counts.courses.get(course.id)?.get(id) ?? { done: 0, total: 0 };
    rows.push(
      row([
        LEVEL.course,
        program.title,
        course.title,
        null,
        null,
        yesNo(program.requiredCourseIds.includes(course.id)),
        inCourse.done,
        inCourse.total,
        percentOf(inCourse),
        null,
        null,
        date(facts.completed.get(`${id}:course:${course.id}`)),
      ]),
    );
    if (!withLessons) continue;
    for (const module of course.liveModules) {
      for (const lesson of module.lessons) {
        rows.push(
          row([
            LEVEL.lesson,
            program.title,
            course.title,
            module.title,
            lesson.title,
            // Whether it counts towards the course's progress, as coursePercent decides.
            yesNo(module.required && lesson.required),
            null,
            null,
            null,
            null,
            null,
            date(facts.lessonDone.get(`${id}:${lesson.id}`)),
          ]),
        );
      }
    }
  }
  return rows;
}

async function progressCsv(header: string[], learners: Learner[], programs: ProgramOutline[], withLessons: boolean) {
  const ids = learners.map((l) => l.personId);
  const lessonIds = withLessons ? programs.flatMap((p) => p.courses.flatMap((c) => c.liveLessons.map((l) => l.id))) : [];
  const [facts, counts] = await Promise.all([learnerFacts(ids, lessonIds), Promise.all(programs.map((p) => programCounts(p, ids)))]);
  const rows: Cell[][] = [header];
  for (const learner of learners) {
    programs.forEach((program, i) => rows.push(...progressRows(learner, program, counts[i]!, facts, withLessons)));
  }
  return csvDocument(rows);
}

/**
 * A cohort's participants (enrolled, or done with it) with their progress in
 * the cohort's program, down to each lesson. The people are the cohort
 * page's roster, in its order.
 */
export async function cohortProgressCsv(cohort: { id: string; programId: string; program: { id: string; title: string; requiredSessions: number } }) {
  const roster = (await cohortRoster(cohort.id, cohort.programId)).filter((e) => e.status === "enrolled" || e.status === "completed");
  const learners = roster.map((e) => ({ personId: e.personId, cells: [e.name, e.email, e.branch, STATUS_LABELS[e.status] ?? e.status] }));
  const csv = await progressCsv(COHORT_EXPORT_HEADER, learners, [await programOutline(cohort.program)], true);
  return { csv, people: learners.length };
}

/**
 * A branch's active people with their progress in every program and course
 * the district runs, enrolled or not: a branch's follow-up is also about
 * who has not started. Programs and courses only, or the file would hold a
 * row per lesson for everyone.
 */
export async function branchProgressCsv(branch: { id: string; name: string }) {
  const [people, programs] = await Promise.all([
    db.person.findMany({
      where: { branchId: branch.id, active: true, erasedAt: null },
      orderBy: [{ name: "asc" }, { email: "asc" }],
      select: { id: true, name: true, email: true, position: true },
    }),
    db.program.findMany({ where: { retiredAt: null }, orderBy: { order: "asc" }, select: { id: true, title: true, requiredSessions: true } }),
  ]);
  const learners = people.map((p) => ({ personId: p.id, cells: [p.name, p.email, branch.name, positionLabel(p.position)] }));
  const csv = await progressCsv(BRANCH_EXPORT_HEADER, learners, await Promise.all(programs.map(programOutline)), false);
  return { csv, people: learners.length };
}
