import { db, outsideTransaction } from "~/db.server";

/**
 * The catalog (programs, courses, modules, lessons) changes only when content
 * is synced, yet every course and lesson page read it again: four of the
 * lesson page's eleven queries. Each server keeps one copy, reloaded when the
 * sync runs in the same process, at least every half minute (a sync run from
 * another process or server shows up by then), and at once when a slug or id
 * is not in it. Nothing that matters lives only here: it is a copy.
 */
const FRESH_MS = 30_000;

async function loadCatalog() {
  const [programs, courses, modules, lessons] = await Promise.all([
    db.program.findMany({ orderBy: { order: "asc" } }),
    db.course.findMany({ orderBy: { order: "asc" } }),
    db.module.findMany({ orderBy: { order: "asc" } }),
    db.lesson.findMany({ orderBy: { order: "asc" } }),
  ]);
  const programById = new Map(programs.map((p) => [p.id, p]));
  const moduleById = new Map(modules.map((m) => [m.id, m]));
  const lessonsOf = new Map<string, typeof lessons>();
  for (const l of lessons) lessonsOf.set(l.moduleId, [...(lessonsOf.get(l.moduleId) ?? []), l]);
  const modulesOf = new Map<string, typeof modules>();
  for (const m of modules) modulesOf.set(m.courseId, [...(modulesOf.get(m.courseId) ?? []), m]);
  const courseEntries = courses.map((c) => {
    /** Live modules with their live lessons, in order: what a learner sees. */
    const liveModules = (modulesOf.get(c.id) ?? [])
      .filter((m) => !m.retiredAt)
      .map((m) => ({ ...m, lessons: (lessonsOf.get(m.id) ?? []).filter((l) => !l.retiredAt) }));
    /** The same lessons in study order, module by module. */
    const liveLessons = liveModules.flatMap((m) => m.lessons);
    return { ...c, program: programById.get(c.programId)!, liveModules, liveLessons };
  });
  return {
    programById,
    courseById: new Map(courseEntries.map((c) => [c.id, c])),
    courseBySlug: new Map(courseEntries.map((c) => [c.slug, c])),
    lessonBySlug: new Map(lessons.map((l) => [l.slug, { ...l, module: moduleById.get(l.moduleId)! }])),
  };
}

type Catalog = Awaited<ReturnType<typeof loadCatalog>>;
export type CatalogCourse = NonNullable<ReturnType<Catalog["courseById"]["get"]>>;
export type CatalogLesson = NonNullable<ReturnType<Catalog["lessonBySlug"]["get"]>>;

let current: { loadedAt: number; catalog: Promise<Catalog> } | null = null;

function reload(): Promise<Catalog> {
  // The copy is of committed content, shared by every request: loaded outside any transaction that happens to ask first.
  const entry = { loadedAt: Date.now(), catalog: outsideTransaction(() => loadCatalog()) };
  current = entry;
  entry.catalog.catch(() => {
    if (current === entry) current = null;
  });
  return entry.catalog;
}

async function catalog(): Promise<Catalog> {
  if (!current || Date.now() - current.loadedAt > FRESH_MS) return reload();
  return current.catalog;
}

/** Looks a key up, and reloads once when it is missing: new content, or a row added by hand. */
async function find<T>(pick: (c: Catalog) => T | undefined): Promise<T | null> {
  const hit = pick(await catalog());
  if (hit !== undefined) return hit;
  return pick(await reload()) ?? null;
}

export const catalogProgramById = (id: string) => find((c) => c.programById.get(id));
export const catalogCourseById = (id: string) => find((c) => c.courseById.get(id));
export const catalogCourseBySlug = (slug: string) => find((c) => c.courseBySlug.get(slug));
export const catalogLessonBySlug = (slug: string) => find((c) => c.lessonBySlug.get(slug));

/** A program's live required courses: what a cohort's progress counts. */
export async function catalogRequiredCourseIds(programId: string): Promise<string[]> {
  const courses = [...(await catalog()).courseById.values()];
  return courses.filter((c) => c.programId === programId && !c.retiredAt && c.required).map((c) => c.id);
}

/** A program's live courses in study order, required or not. */
export async function catalogProgramCourses(programId: string): Promise<CatalogCourse[]> {
  const courses = [...(await catalog()).courseById.values()];
  return courses.filter((c) => c.programId === programId && !c.retiredAt);
}

/** Called by the content sync: the next read loads the new catalog. */
export function forgetCatalog() {
  current = null;
}
