import { db } from "~/db.server";
import { loadCourseState } from "./course-progress.server";

const CODE = /^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/;

export function normalizeCertificateCode(code: string | undefined): string | null {
  const c = (code ?? "").trim().toUpperCase();
  return CODE.test(c) ? c : null;
}

export async function findCertificate(code: string | undefined) {
  const normalized = normalizeCertificateCode(code);
  if (!normalized) return null;
  const completion = await db.completion.findUnique({
    where: { certificateCode: normalized },
    include: { person: { select: { id: true, name: true } } },
  });
  if (!completion) return null;
  const holder = {
    code: normalized,
    personId: completion.person.id,
    name: completion.person.name,
    completedAt: completion.completedAt,
    version: completion.version,
  };
  if (completion.scope === "program") {
    const program = await db.program.findUnique({ where: { id: completion.scopeId }, select: { title: true } });
    return program ? { ...holder, kind: "program" as const, course: null, program: program.title } : null;
  }
  if (completion.scope !== "course") return null;
  const course = await db.course.findUnique({ where: { id: completion.scopeId }, include: { program: { select: { title: true } } } });
  if (!course) return null;
  return { ...holder, kind: "course" as const, course: course.title, program: course.program.title };
}

/** "Mina kurser": every course the person has started or finished. */
export async function myCourses(personId: string) {
  const touched = await db.lessonProgress.findMany({
    where: { personId },
    select: { lesson: { select: { module: { select: { courseId: true } } } } },
  });
  const courseIds = [...new Set(touched.map((t) => t.lesson.module.courseId))];
  const [courses, completions] = await Promise.all([
    db.course.findMany({
      where: { id: { in: courseIds } },
      include: { program: { select: { title: true } } },
      orderBy: [{ program: { order: "asc" } }, { order: "asc" }],
    }),
    db.completion.findMany({ where: { personId, scope: "course", scopeId: { in: courseIds } } }),
  ]);
  return courses.map((c) => {
    const done = completions.find((x) => x.scopeId === c.id);
    return {
      id: c.id,
      slug: c.slug,
      title: c.title,
      program: c.program.title,
      retired: c.retiredAt !== null,
      completedAt: done?.completedAt ?? null,
      certificateCode: done?.certificateCode ?? null,
    };
  });
}

/** "Mina kurser" with how far the person has come in each course. */
export async function myCoursesWithProgress(personId: string) {
  const courses = await myCourses(personId);
  return Promise.all(courses.map(async (c) => ({ ...c, percent: (await loadCourseState(db, c.id, personId)).progress.percent })));
}
