import { createHash } from "node:crypto";
import type { z } from "zod";
import { transaction, type Tx } from "~/db.server";
import { latestCourseVersions, recordCourseVersion } from "~/modules/authoring/course-versions.server";
import { forgetCatalog } from "./catalog-cache.server";
import { contentTexts, readContentTexts, type ContentFile, type ContentText, type FileProblem } from "./content-files.server";
import {
  courseFrontMatter,
  lessonFrontMatter,
  moduleFrontMatter,
  programFrontMatter,
  type CourseFrontMatter,
  type LessonFrontMatter,
  type ModuleFrontMatter,
  type ProgramFrontMatter,
} from "./content-schema";
import { renderMarkdown } from "./markdown.server";

export class ContentSyncError extends Error {
  constructor(readonly problems: FileProblem[]) {
    super(`content has ${problems.length} problem(s):\n${problems.map(formatProblem).join("\n")}`);
  }
}

export function formatProblem(p: FileProblem) {
  return `  ${p.file}${p.field ? ` [${p.field}]` : ""}: ${p.message}`;
}

type Parsed<T> = T & { file: string; html: string; body: string };

export interface ParsedContent {
  programs: Parsed<ProgramFrontMatter>[];
  courses: Parsed<CourseFrontMatter>[];
  modules: Parsed<ModuleFrontMatter>[];
  lessons: (Parsed<LessonFrontMatter> & { contentHash: string })[];
}

const SCHEMAS = {
  program: programFrontMatter,
  course: courseFrontMatter,
  module: moduleFrontMatter,
  lesson: lessonFrontMatter,
} as const;

function validateFile(file: ContentFile, problems: FileProblem[]) {
  const raw = file.frontMatter as Record<string, unknown>;
  const kind = raw.kind ?? "lesson";
  // The crisis-plan template lives in content/ too; its own module loads it.
  if (kind === "crisis-template") return null;
  if (typeof kind !== "string" || !(kind in SCHEMAS)) {
    problems.push({ file: file.file, field: "kind", message: `okänd sort "${String(kind)}": använd program, course, module eller lesson` });
    return null;
  }
  const schema: z.ZodTypeAny = SCHEMAS[kind as keyof typeof SCHEMAS];
  const result = schema.safeParse(raw);
  if (!result.success) {
    for (const issue of result.error.issues) {
      problems.push({ file: file.file, field: issue.path.join(".") || undefined, message: issue.message });
    }
    return null;
  }
  return { kind: kind as keyof typeof SCHEMAS, data: result.data, file: file.file, html: renderMarkdown(file.body), body: file.body };
}

function findDuplicates<T extends { file: string }>(items: T[], key: (t: T) => string, field: string, problems: FileProblem[]) {
  const seen = new Map<string, string>();
  for (const item of items) {
    const k = key(item);
    const first = seen.get(k);
    if (first) problems.push({ file: item.file, field, message: `slug "${k}" används redan i ${first}` });
    else seen.set(k, item.file);
  }
}

/** Reads and checks the whole content folder; nothing is written. */
export function parseContent(dir: string): { ok: true; content: ParsedContent } | { ok: false; problems: FileProblem[] } {
  return parseContentTexts(contentTexts(dir));
}

/** The same checks for content held as text (a folder's files, or the app editor's draft of a course). */
export function parseContentTexts(texts: ContentText[]): { ok: true; content: ParsedContent } | { ok: false; problems: FileProblem[] } {
  const { files, problems } = readContentTexts(texts);
  const content: ParsedContent = { programs: [], courses: [], modules: [], lessons: [] };
  for (const file of files) {
    const v = validateFile(file, problems);
    if (!v) continue;
    const base = { file: v.file, html: v.html, body: v.body };
    if (v.kind === "program") content.programs.push({ ...(v.data as ProgramFrontMatter), ...base });
    if (v.kind === "course") content.courses.push({ ...(v.data as CourseFrontMatter), ...base });
    if (v.kind === "module") content.modules.push({ ...(v.data as ModuleFrontMatter), ...base });
    if (v.kind === "lesson") {
      const lesson = v.data as LessonFrontMatter;
      const contentHash = createHash("sha256")
        .update(JSON.stringify({ lesson, html: v.html }))
        .digest("hex");
      content.lessons.push({ ...lesson, ...base, contentHash });
    }
  }

  findDuplicates(content.programs, (p) => p.program, "program", problems);
  findDuplicates(content.courses, (c) => c.course, "course", problems);
  findDuplicates(content.modules, (m) => `${m.course}/${m.module}`, "module", problems);
  findDuplicates(content.lessons, (l) => l.lesson, "lesson", problems);

  const programs = new Set(content.programs.map((p) => p.program));
  const courseProgram = new Map(content.courses.map((c) => [c.course, c.program]));
  const modules = new Set(content.modules.map((m) => `${m.course}/${m.module}`));
  for (const c of content.courses) {
    if (!programs.has(c.program)) problems.push({ file: c.file, field: "program", message: `programmet "${c.program}" finns inte` });
  }
  for (const m of content.modules) {
    if (!courseProgram.has(m.course)) problems.push({ file: m.file, field: "course", message: `kursen "${m.course}" finns inte` });
  }
  for (const l of content.lessons) {
    if (!courseProgram.has(l.course)) {
      problems.push({ file: l.file, field: "course", message: `kursen "${l.course}" finns inte` });
    } else {
      if (courseProgram.get(l.course) !== l.program) {
        problems.push({ file: l.file, field: "program", message: `kursen "${l.course}" hör till programmet "${courseProgram.get(l.course)}"` });
      }
      if (!modules.has(`${l.course}/${l.module}`)) {
        problems.push({ file: l.file, field: "module", message: `modulen "${l.module}" finns inte i kursen "${l.course}"` });
      }
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, content };
}

/** The set of lessons a course requires; a change to it is a new course version. */
export function requirementsHash(content: ParsedContent, course: string): string {
  const requiredModules = new Set(content.modules.filter((m) => m.course === course && m.required).map((m) => m.module));
  const keys = content.lessons
    .filter((l) => l.course === course && l.required && requiredModules.has(l.module))
    .map((l) => `${l.module}/${l.lesson}`)
    .sort();
  return createHash("sha256").update(keys.join("\n")).digest("hex");
}

export interface SyncReport {
  programs: number;
  courses: number;
  modules: number;
  lessons: number;
  lessonsChanged: number;
  retired: number;
  newCourseVersions: string[];
  /** Courses whose files say something else than what was published in the app: left as the app has them. */
  keptAppEdits: { course: string; number: number; publishedAt: Date }[];
}

/** The files that make up one course: its own, its modules' and its lessons'. */
export function courseTexts(content: ParsedContent, texts: ContentText[], course: string): ContentText[] {
  const files = new Set([
    ...content.courses.filter((c) => c.course === course).map((c) => c.file),
    ...content.modules.filter((m) => m.course === course).map((m) => m.file),
    ...content.lessons.filter((l) => l.course === course).map((l) => l.file),
  ]);
  return texts.filter((t) => files.has(t.file)).sort((a, b) => a.file.localeCompare(b.file));
}

/** What one state of a course's files is: equal hashes, equal files. */
export function textsHash(texts: ContentText[]): string {
  const hash = createHash("sha256");
  for (const t of [...texts].sort((a, b) => a.file.localeCompare(b.file))) hash.update(`${t.file}\u0000${t.text}\u0000`);
  return hash.digest("hex");
}

/**
 * Loads content/ into the database. Idempotent; keyed by slugs so progress
 * survives edits; what disappeared from content is retired, never deleted.
 * A course published in the app since its files were last loaded is left as
 * the app has it (reported in keptAppEdits) unless overwriteAppEdits is set:
 * `npm run content:export` writes the app's version into the files first
 * (docs/decisions/017). Every new state of a course's files is kept as a
 * version, which is what the app's editor starts from and export writes.
 */
export async function syncContent(dir: string, now = new Date(), options: { overwriteAppEdits?: boolean } = {}): Promise<SyncReport> {
  const texts = contentTexts(dir);
  const parsed = parseContentTexts(texts);
  if (!parsed.ok) throw new ContentSyncError(parsed.problems);
  const content = parsed.content;
  const report: SyncReport = {
    programs: content.programs.length,
    courses: content.courses.length,
    modules: content.modules.length,
    lessons: content.lessons.length,
    lessonsChanged: 0,
    retired: 0,
    newCourseVersions: [],
    keptAppEdits: [],
  };

  await transaction(
    async (tx) => {
      // On PostgreSQL a transaction that meets a conflict runs again from here: count afresh.
      report.lessonsChanged = 0;
      report.newCourseVersions = [];
      report.keptAppEdits = [];
      const latest = await latestCourseVersions(tx);
      const keep = new Set<string>();
      const changed: { course: string; texts: ContentText[]; hash: string }[] = [];
      for (const c of content.courses) {
        const files = courseTexts(content, texts, c.course);
        const hash = textsHash(files);
        const last = latest.get(c.course);
        if (last?.hash === hash) continue;
        if (last?.origin === "app" && !options.overwriteAppEdits) {
          keep.add(c.course);
          report.keptAppEdits.push({ course: c.course, number: last.number, publishedAt: last.publishedAt });
        } else changed.push({ course: c.course, texts: files, hash });
      }
      const programTexts = new Map(texts.map((t) => [t.file, t.text]));
      await applyContent(tx, withoutCourses(content, keep), report, { now, keep, programTexts });
      for (const c of changed) await recordCourseVersion(tx, { course: c.course, origin: "files", texts: c.texts, hash: c.hash, at: now });
    },
    { timeout: 60_000 },
  );
  forgetCatalog();
  return report;
}

function withoutCourses(content: ParsedContent, courses: Set<string>): ParsedContent {
  if (courses.size === 0) return content;
  return {
    programs: content.programs,
    courses: content.courses.filter((c) => !courses.has(c.course)),
    modules: content.modules.filter((m) => !courses.has(m.course)),
    lessons: content.lessons.filter((l) => !courses.has(l.course)),
  };
}

interface ApplyOptions {
  now: Date;
  /** Courses to leave exactly as they are: not changed, not retired. */
  keep?: Set<string>;
  /** Only this course (the app publishing one): programs are not touched and nothing outside it is retired. */
  only?: string;
  /** Program files' texts by path, kept for content:export. */
  programTexts?: Map<string, string>;
}

/** Writes parsed content to the live tables: the one path for the sync and for publishing from the app. */
export async function applyContent(
  tx: Tx,
  content: ParsedContent,
  report: Pick<SyncReport, "lessonsChanged" | "retired" | "newCourseVersions">,
  options: ApplyOptions,
) {
  const { now, keep = new Set<string>(), only } = options;
  const programIds = new Map<string, string>();
  if (only) {
    for (const p of await tx.program.findMany({ select: { id: true, slug: true } })) programIds.set(p.slug, p.id);
  } else {
    for (const p of content.programs) {
      const data = {
        title: p.title,
        descriptionHtml: p.html,
        order: p.order,
        enrolmentOnly: p.enrolmentOnly,
        requiredSessions: p.requiredSessions,
        retiredAt: null,
        sourceFile: p.file,
        sourceText: options.programTexts?.get(p.file) ?? "",
      };
      const row = await tx.program.upsert({ where: { slug: p.program }, create: { slug: p.program, ...data }, update: data });
      programIds.set(p.program, row.id);
    }
  }

  const courseIds = new Map<string, string>();
  for (const c of content.courses) {
    const programId = programIds.get(c.program);
    if (!programId) throw new ContentSyncError([{ file: c.file, field: "program", message: `programmet "${c.program}" finns inte` }]);
    const hash = requirementsHash(content, c.course);
    const existing = await tx.course.findUnique({ where: { slug: c.course } });
    const data = { programId, title: c.title, summaryHtml: c.html, order: c.order, required: c.required, retiredAt: null, requirementsHash: hash };
    if (existing) {
      const bump = existing.requirementsHash !== "" && existing.requirementsHash !== hash;
      if (bump) report.newCourseVersions.push(c.course);
      await tx.course.update({ where: { id: existing.id }, data: { ...data, version: bump ? existing.version + 1 : existing.version } });
      courseIds.set(c.course, existing.id);
    } else {
      courseIds.set(c.course, (await tx.course.create({ data: { slug: c.course, ...data } })).id);
    }
  }

  const moduleIds = new Map<string, string>();
  for (const m of content.modules) {
    const courseId = courseIds.get(m.course)!;
    const data = { title: m.title, introHtml: m.html, order: m.order, required: m.required, retiredAt: null };
    const row = await tx.module.upsert({
      where: { courseId_slug: { courseId, slug: m.module } },
      create: { courseId, slug: m.module, ...data },
      update: data,
    });
    moduleIds.set(`${m.course}/${m.module}`, row.id);
  }

  for (const l of content.lessons) {
    const existing = await tx.lesson.findUnique({
      where: { slug: l.lesson },
      select: { contentHash: true, retiredAt: true, sourceFile: true, moduleId: true },
    });
    const moduleId = moduleIds.get(`${l.course}/${l.module}`)!;
    if (existing && existing.contentHash === l.contentHash && existing.retiredAt === null && existing.sourceFile === l.file && existing.moduleId === moduleId)
      continue;
    const data = {
      moduleId,
      title: l.title,
      type: l.type,
      order: l.order,
      required: l.required,
      minutes: l.minutes ?? null,
      bodyHtml: l.html,
      questions: JSON.stringify(l.questions ?? []),
      contentHash: l.contentHash,
      sourceFile: l.file,
      retiredAt: null,
    };
    await tx.lesson.upsert({ where: { slug: l.lesson }, create: { slug: l.lesson, ...data }, update: data });
    report.lessonsChanged++;
  }

  // Retired, never deleted: progress on a lesson that is gone stays in the person's history.
  const retire = { retiredAt: now };
  const inScope = only ? { slug: only } : { slug: { notIn: [...keep] } };
  const r1 = await tx.lesson.updateMany({
    where: { retiredAt: null, slug: { notIn: content.lessons.map((l) => l.lesson) }, module: { course: inScope } },
    data: retire,
  });
  const r2 = await tx.module.updateMany({ where: { retiredAt: null, id: { notIn: [...moduleIds.values()] }, course: inScope }, data: retire });
  let r3 = { count: 0 };
  let r4 = { count: 0 };
  if (!only) {
    r3 = await tx.course.updateMany({ where: { retiredAt: null, slug: { notIn: [...content.courses.map((c) => c.course), ...keep] } }, data: retire });
    r4 = await tx.program.updateMany({ where: { retiredAt: null, slug: { notIn: content.programs.map((p) => p.program) } }, data: retire });
  }
  report.retired = r1.count + r2.count + r3.count + r4.count;
}
