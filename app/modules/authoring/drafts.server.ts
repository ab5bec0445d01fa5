import { diffLines } from "diff";
import { db, transaction } from "~/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import type { Actor } from "~/modules/auth/permissions";
import { forgetCatalog } from "~/modules/catalog/catalog-cache.server";
import type { ContentText } from "~/modules/catalog/content-files.server";
import { lessonFrontMatter, moduleFrontMatter, courseFrontMatter, LESSON_TYPES, type LessonType } from "~/modules/catalog/content-schema";
import { renderMarkdown } from "~/modules/catalog/markdown.server";
import { applyContent, parseContentTexts, textsHash } from "~/modules/catalog/sync.server";
import { fieldError, formError, ok, type ActionResult, type Failure } from "~/utils/action-result";
import { notFound } from "~/utils/http.server";
import { readStoredTexts, recordCourseVersion } from "./course-versions.server";
import { fileText, readCourseSource, replaceFiles, slugFrom, type CourseSource, type LessonMeta, type ModuleMeta } from "./course-source";

/*
 * Editing a course in the app. Edits collect in the course's one draft (its
 * content files as text, started from the latest version); publishing
 * applies the draft through the same code as content:sync (applyContent) and
 * keeps it as a new version, so learners see it at once and completions
 * follow the same rules as for files. A save names the draft revision its
 * page showed: a stale page's save (another editor saved in between) is
 * refused, never silently overwrites. Everything is in the audit log.
 */

export type Draft = { revision: number; baseNumber: number; texts: ContentText[]; updatedAt: Date; updatedBy: string | null };

/** The course as the editor works on it: the draft if there is one, else the latest version. */
export async function courseForEditing(slug: string | undefined) {
  const course = slug ? await db.course.findUnique({ where: { slug }, include: { program: { select: { slug: true, title: true } } } }) : null;
  if (!course || course.retiredAt) throw notFound("Kursen finns inte.");
  const [latest, draft] = await Promise.all([
    db.courseVersion.findFirst({ where: { courseId: course.id }, orderBy: { number: "desc" }, include: { publishedBy: { select: { name: true } } } }),
    db.courseDraft.findUnique({ where: { courseId: course.id }, include: { updatedBy: { select: { name: true } } } }),
  ]);
  if (!latest) throw notFound("Kursen har ingen version att utgå från. Kör npm run content:sync.");
  const texts = draft ? readStoredTexts(draft.files) : readStoredTexts(latest.files);
  return {
    course,
    latest: { number: latest.number, origin: latest.origin, publishedAt: latest.publishedAt, publishedBy: latest.publishedBy?.name ?? null },
    draft: draft
      ? { revision: draft.revision, baseNumber: draft.baseNumber, texts, updatedAt: draft.updatedAt, updatedBy: draft.updatedBy?.name ?? null }
      : null,
    source: readCourseSource(texts),
    texts,
  };
}

export type EditingCourse = Awaited<ReturnType<typeof courseForEditing>>;

/** Whether a refusal was a stale page's: the route answers it with 409. */
export const isStale = (failure: Failure) => failure.message === STALE;

const STALE =
  "Någon annan har ändrat utkastet sedan du öppnade sidan. Dina ändringar är inte sparade: öppna sidan på nytt, se vad som ändrats och gör om din ändring.";

/**
 * Writes the draft's new files, if the editor's page showed the draft's current revision (0: no draft yet).
 * Answers the new revision, or a refusal when the page was stale.
 */
async function saveDraft(
  actor: Actor,
  editing: EditingCourse,
  pageRevision: number,
  texts: ContentText[],
  what: string,
): Promise<ActionResult<{ revision: number }>> {
  const files = JSON.stringify(texts);
  return transaction(async (tx) => {
    if (pageRevision === 0) {
      const created = await tx.courseDraft.createMany({
        data: [{ courseId: editing.course.id, baseNumber: editing.latest.number, files, revision: 1, updatedById: actor.id }],
      });
      if (created.count !== 1) return formError(STALE);
    } else {
      const updated = await tx.courseDraft.updateMany({
        where: { courseId: editing.course.id, revision: pageRevision },
        data: { files, revision: pageRevision + 1, updatedById: actor.id },
      });
      if (updated.count !== 1) return formError(STALE);
    }
    await recordAudit(
      { actorId: actor.id, action: "course.draft-edited", subjectType: "course", subjectId: editing.course.id, detail: { course: editing.course.slug, what } },
      tx,
    );
    return ok({ revision: pageRevision + 1 });
  }).catch((error: unknown) => {
    // Two first saves at once: the second meets the unique course id and is stale like any other.
    if (error instanceof Error && /Unique constraint|UNIQUE constraint|duplicate key/i.test(error.message)) return formError(STALE);
    throw error;
  });
}

/** The draft's files checked as content:sync checks files, with the course's program known. */
function parseCourseTexts(texts: ContentText[], programSlug: string) {
  // The program's file is not part of a course's files: a stand-in lets the cross-checks run
  // (publishing a single course never writes its program, so the stand-in's title is never stored).
  const program: ContentText = { file: "\u0000program.md", text: fileText({ kind: "program", program: programSlug, title: programSlug, order: 1 }, "") };
  return parseContentTexts([program, ...texts]);
}

export interface LessonInput {
  title: string;
  minutes: number | null;
  required: boolean;
  body: string;
  questions?: LessonMeta["questions"];
}

/** Saves one lesson's fields into the draft. */
export async function saveLesson(actor: Actor, editing: EditingCourse, lessonSlug: string, input: LessonInput, pageRevision: number) {
  const lesson = editing.source.lessons.find((l) => l.meta.lesson === lessonSlug);
  if (!lesson) throw notFound("Lektionen finns inte i kursen.");
  const meta: LessonMeta = {
    kind: "lesson",
    program: lesson.meta.program,
    course: lesson.meta.course,
    module: lesson.meta.module,
    lesson: lesson.meta.lesson,
    title: input.title,
    order: lesson.meta.order,
    type: lesson.meta.type,
    required: input.required,
    ...(input.minutes ? { minutes: input.minutes } : {}),
    ...(lesson.meta.type === "quiz" ? { questions: input.questions ?? [] } : {}),
  };
  const checked = lessonFrontMatter.safeParse(meta);
  if (!checked.success) return refused("Lektionen kan inte sparas så.", checked.error.issues);
  return saveDraft(
    actor,
    editing,
    pageRevision,
    replaceFiles(editing.texts, [{ file: lesson.file, text: fileText(meta, input.body) }]),
    `lektion ${lessonSlug}`,
  );
}

/** Saves a module's title, introduction and whether it is required. */
export async function saveModule(
  actor: Actor,
  editing: EditingCourse,
  moduleSlug: string,
  input: { title: string; required: boolean; body: string },
  pageRevision: number,
) {
  const module = editing.source.modules.find((m) => m.meta.module === moduleSlug);
  if (!module) throw notFound("Modulen finns inte i kursen.");
  const meta: ModuleMeta = {
    kind: "module",
    course: module.meta.course,
    module: moduleSlug,
    title: input.title,
    order: module.meta.order,
    required: input.required,
  };
  const checked = moduleFrontMatter.safeParse(meta);
  if (!checked.success) return refused("Modulen kan inte sparas så.", checked.error.issues);
  return saveDraft(actor, editing, pageRevision, replaceFiles(editing.texts, [{ file: module.file, text: fileText(meta, input.body) }]), `modul ${moduleSlug}`);
}

/** Saves the course's title and summary. */
export async function saveCourseDetails(actor: Actor, editing: EditingCourse, input: { title: string; body: string }, pageRevision: number) {
  const { course } = editing.source;
  const meta = { ...course.meta, title: input.title };
  const checked = courseFrontMatter.safeParse(meta);
  if (!checked.success) return refused("Kursen kan inte sparas så.", checked.error.issues);
  return saveDraft(actor, editing, pageRevision, replaceFiles(editing.texts, [{ file: course.file, text: fileText(meta, input.body) }]), "kursens text");
}

/** A refusal with the schema's messages beside the fields they are about (field names are the schema's paths, "questions.0.prompt"). */
function refused(message: string, issues: { path: (string | number)[]; message: string }[]): Failure {
  const errors: Failure["errors"] = { _form: [message] };
  for (const issue of issues) (errors[issue.path.join(".") || "_form"] ??= []).push(issue.message);
  return { ok: false, errors, message };
}

/** A new lesson at the end of a module; its slug comes from the title. */
export async function addLesson(actor: Actor, editing: EditingCourse, input: { module: string; type: LessonType; title: string }, pageRevision: number) {
  const module = editing.source.modules.find((m) => m.meta.module === input.module);
  if (!module) return fieldError("module", "Välj en modul.");
  if (!LESSON_TYPES.includes(input.type)) return fieldError("type", "Välj en sorts lektion.");
  const taken = new Set((await db.lesson.findMany({ select: { slug: true } })).map((l) => l.slug));
  for (const l of editing.source.lessons) taken.add(l.meta.lesson);
  const slug = slugFrom(
    input.title,
    taken,
    `${editing.course.slug
      .split("-")
      .map((w) => w[0])
      .join("")}-`,
  );
  const inModule = editing.source.lessons.filter((l) => l.meta.module === input.module);
  const meta: LessonMeta = {
    kind: "lesson",
    program: editing.course.program.slug,
    course: editing.course.slug,
    module: input.module,
    lesson: slug,
    title: input.title,
    order: Math.max(0, ...inModule.map((l) => l.meta.order)) + 1,
    type: input.type,
    required: true,
    ...(input.type === "quiz"
      ? {
          questions: [
            {
              id: "q1",
              prompt: "Skriv frågan här",
              options: [
                { text: "Rätt svar", correct: true, feedback: "Rätt." },
                { text: "Fel svar", correct: false, feedback: "Inte riktigt." },
              ],
            },
          ],
        }
      : {}),
  };
  const checked = lessonFrontMatter.safeParse(meta);
  if (!checked.success) return refused("Lektionen kan inte läggas till så.", checked.error.issues);
  const folder = module.file.replace(/[^/]*$/, "");
  const saved = await saveDraft(
    actor,
    editing,
    pageRevision,
    replaceFiles(editing.texts, [{ file: `${folder}${slug}.md`, text: fileText(meta, "Skriv lektionens text här.") }]),
    `ny lektion ${slug}`,
  );
  return saved.ok ? ok({ ...saved.value, slug }) : saved;
}

/** A new module at the end of the course. */
export async function addModule(actor: Actor, editing: EditingCourse, input: { title: string }, pageRevision: number) {
  const taken = new Set(editing.source.modules.map((m) => m.meta.module));
  const slug = slugFrom(input.title, taken);
  const meta: ModuleMeta = {
    kind: "module",
    course: editing.course.slug,
    module: slug,
    title: input.title,
    order: Math.max(0, ...editing.source.modules.map((m) => m.meta.order)) + 1,
    required: true,
  };
  const checked = moduleFrontMatter.safeParse(meta);
  if (!checked.success) return refused("Modulen kan inte läggas till så.", checked.error.issues);
  const folder = editing.source.course.file.replace(/[^/]*$/, "");
  return saveDraft(
    actor,
    editing,
    pageRevision,
    replaceFiles(editing.texts, [{ file: `${folder}${slug}/_module.md`, text: fileText(meta, "") }]),
    `ny modul ${slug}`,
  );
}

/** Moves a lesson one place up or down in its module (keyboard-operable buttons; the orders are renumbered 1, 2, 3 …). */
export async function moveLesson(actor: Actor, editing: EditingCourse, lessonSlug: string, direction: "up" | "down", pageRevision: number) {
  const lesson = editing.source.lessons.find((l) => l.meta.lesson === lessonSlug);
  if (!lesson) throw notFound("Lektionen finns inte i kursen.");
  const siblings = editing.source.lessons.filter((l) => l.meta.module === lesson.meta.module);
  const at = siblings.indexOf(lesson);
  const to = direction === "up" ? at - 1 : at + 1;
  if (to < 0 || to >= siblings.length) return formError(direction === "up" ? "Lektionen är redan först i modulen." : "Lektionen är redan sist i modulen.");
  [siblings[at], siblings[to]] = [siblings[to]!, siblings[at]!];
  const changed = siblings.map((l, i) => ({ file: l.file, text: fileText({ ...l.meta, order: i + 1 }, l.body) }));
  return saveDraft(actor, editing, pageRevision, replaceFiles(editing.texts, changed), `flyttade ${lessonSlug} ${direction === "up" ? "upp" : "ner"}`);
}

/** Moves a module one place up or down in the course. */
export async function moveModule(actor: Actor, editing: EditingCourse, moduleSlug: string, direction: "up" | "down", pageRevision: number) {
  const modules = [...editing.source.modules];
  const at = modules.findIndex((m) => m.meta.module === moduleSlug);
  if (at < 0) throw notFound("Modulen finns inte i kursen.");
  const to = direction === "up" ? at - 1 : at + 1;
  if (to < 0 || to >= modules.length) return formError(direction === "up" ? "Modulen är redan först." : "Modulen är redan sist.");
  [modules[at], modules[to]] = [modules[to]!, modules[at]!];
  const changed = modules.map((m, i) => ({ file: m.file, text: fileText({ ...m.meta, order: i + 1 }, m.body) }));
  return saveDraft(actor, editing, pageRevision, replaceFiles(editing.texts, changed), `flyttade modulen ${moduleSlug} ${direction === "up" ? "upp" : "ner"}`);
}

/** Takes a lesson out of the course: publishing retires it, as removing its file does; learners' progress on it stays. */
export async function retireLesson(actor: Actor, editing: EditingCourse, lessonSlug: string, pageRevision: number) {
  const lesson = editing.source.lessons.find((l) => l.meta.lesson === lessonSlug);
  if (!lesson) throw notFound("Lektionen finns inte i kursen.");
  if (editing.source.lessons.filter((l) => l.meta.module === lesson.meta.module).length === 1) {
    return formError("Det här är modulens enda lektion. Ta bort modulen i stället, eller lägg först till en annan lektion.");
  }
  return saveDraft(actor, editing, pageRevision, replaceFiles(editing.texts, [], [lesson.file]), `tog bort ${lessonSlug}`);
}

/** What publishing the draft would change, file by file, against the latest version. */
export async function draftChanges(editing: EditingCourse) {
  if (!editing.draft) return [];
  const latest = await db.courseVersion.findFirstOrThrow({ where: { courseId: editing.course.id, number: editing.latest.number } });
  return filesDiff(readStoredTexts(latest.files), editing.draft.texts);
}

/** Publishes the draft as the course's next version: learners see it at once. */
export async function publishDraft(actor: Actor, editing: EditingCourse, pageRevision: number, note: string | null): Promise<ActionResult<{ number: number }>> {
  if (!editing.draft) return formError("Det finns inget utkast att publicera.");
  if (editing.draft.revision !== pageRevision) return formError(STALE);
  if (editing.draft.baseNumber !== editing.latest.number) {
    return formError(
      `Kursen har fått en ny version (${editing.latest.number}) sedan utkastet påbörjades från version ${editing.draft.baseNumber}. Se skillnaderna och gör om ändringarna på den senaste versionen, eller släng utkastet.`,
    );
  }
  const parsed = parseCourseTexts(editing.draft.texts, editing.course.program.slug);
  if (!parsed.ok)
    return formError(`Utkastet kan inte publiceras: ${parsed.problems.map((p) => `${p.file}${p.field ? ` (${p.field})` : ""}: ${p.message}`).join("; ")}`);
  const texts = editing.draft.texts;
  const number = await transaction(async (tx) => {
    // The draft is taken first: a second publish of the same revision finds none and stops.
    const taken = await tx.courseDraft.deleteMany({ where: { courseId: editing.course.id, revision: pageRevision } });
    if (taken.count !== 1) return null;
    await applyContent(tx, parsed.content, { lessonsChanged: 0, retired: 0, newCourseVersions: [] }, { now: new Date(), only: editing.course.slug });
    const version = await recordCourseVersion(tx, {
      course: editing.course.slug,
      origin: "app",
      texts,
      hash: textsHash(texts),
      at: new Date(),
      publishedById: actor.id,
      note,
    });
    await recordAudit(
      {
        actorId: actor.id,
        action: "course.published",
        subjectType: "course",
        subjectId: editing.course.id,
        detail: { course: editing.course.slug, version: version.number, note },
      },
      tx,
    );
    return version.number;
  });
  forgetCatalog();
  return number === null ? formError(STALE) : ok({ number });
}

/** Throws the draft away; the course stays as its latest version. */
export async function discardDraft(actor: Actor, editing: EditingCourse, pageRevision: number) {
  const removed = await db.courseDraft.deleteMany({ where: { courseId: editing.course.id, revision: pageRevision } });
  if (removed.count !== 1) return formError(STALE);
  await recordAudit({
    actorId: actor.id,
    action: "course.draft-discarded",
    subjectType: "course",
    subjectId: editing.course.id,
    detail: { course: editing.course.slug },
  });
  return ok();
}

/** Every published version of the course, newest first. */
export async function courseVersions(courseId: string) {
  return db.courseVersion.findMany({
    where: { courseId },
    orderBy: { number: "desc" },
    select: { number: true, origin: true, publishedAt: true, note: true, publishedBy: { select: { name: true } } },
  });
}

/** What changed from version `from` to version `to`, file by file. */
export async function versionChanges(courseId: string, from: number, to: number) {
  const [a, b] = await Promise.all([
    db.courseVersion.findUnique({ where: { courseId_number: { courseId, number: from } } }),
    db.courseVersion.findUnique({ where: { courseId_number: { courseId, number: to } } }),
  ]);
  if (!a || !b) throw notFound("Versionen finns inte.");
  return filesDiff(readStoredTexts(a.files), readStoredTexts(b.files));
}

export interface FileChange {
  file: string;
  title: string;
  status: "added" | "removed" | "changed";
  parts: { kind: "same" | "added" | "removed"; text: string }[];
}

function titleOf(text: string): string {
  return /^title:\s*"?(.*?)"?\s*$/m.exec(text)?.[1] ?? "";
}

/** A line diff per file (jsdiff); unchanged files are left out. */
export function filesDiff(before: ContentText[], after: ContentText[]): FileChange[] {
  const old = new Map(before.map((t) => [t.file, t.text]));
  const now = new Map(after.map((t) => [t.file, t.text]));
  const files = [...new Set([...old.keys(), ...now.keys()])].sort();
  const changes: FileChange[] = [];
  for (const file of files) {
    const a = old.get(file) ?? "";
    const b = now.get(file) ?? "";
    if (a === b) continue;
    changes.push({
      file,
      title: titleOf(b || a),
      status: !old.has(file) ? "added" : !now.has(file) ? "removed" : "changed",
      parts: diffLines(a, b).map((p) => ({ kind: p.added ? "added" : p.removed ? "removed" : "same", text: p.value })),
    });
  }
  return changes;
}

/** Brings an earlier version back as the draft (replacing the draft there is, if the page saw its revision). */
export async function restoreVersion(actor: Actor, editing: EditingCourse, number: number, pageRevision: number) {
  const version = await db.courseVersion.findUnique({ where: { courseId_number: { courseId: editing.course.id, number } } });
  if (!version) throw notFound("Versionen finns inte.");
  const texts = readStoredTexts(version.files);
  const saved = await saveDraft(actor, editing, pageRevision, texts, `återställde version ${number}`);
  if (saved.ok) {
    // A restored draft builds on the latest version: publishing it is the newest word, not a conflict.
    await db.courseDraft.update({ where: { courseId: editing.course.id }, data: { baseNumber: editing.latest.number } });
  }
  return saved;
}

/** The lesson as learners would see it, from the draft: the same renderer as the sync. */
export function previewLesson(editing: EditingCourse, lessonSlug: string) {
  const lesson = editing.source.lessons.find((l) => l.meta.lesson === lessonSlug);
  if (!lesson) throw notFound("Lektionen finns inte i kursen.");
  return {
    meta: lesson.meta,
    html: renderMarkdown(lesson.body),
    module: editing.source.modules.find((m) => m.meta.module === lesson.meta.module)?.meta.title ?? "",
  };
}

export type { CourseSource };

/** The editor's list: every live course, its latest version and whether a draft waits. */
export async function coursesForEditing() {
  const courses = await db.course.findMany({
    where: { retiredAt: null },
    orderBy: [{ program: { order: "asc" } }, { order: "asc" }],
    select: {
      slug: true,
      title: true,
      program: { select: { title: true } },
      versions: { orderBy: { number: "desc" }, take: 1, select: { number: true } },
      draft: { select: { updatedAt: true, updatedBy: { select: { name: true } } } },
    },
  });
  return courses.map((c) => ({
    slug: c.slug,
    title: c.title,
    program: c.program.title,
    version: c.versions[0]?.number ?? null,
    draft: c.draft ? { updatedAt: c.draft.updatedAt.toISOString(), updatedBy: c.draft.updatedBy?.name ?? null } : null,
  }));
}
