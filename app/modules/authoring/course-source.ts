import YAML from "yaml";
import type { Question } from "~/modules/catalog/content-schema";
import type { ContentText } from "~/modules/catalog/content-files.server";

/*
 * A course as the editor sees it, read from and written back to its content
 * files: the files stay the one format (of content/, of drafts, of versions),
 * and this is their structure for forms. Files the editor does not touch keep
 * their exact text; a file it saves is written in the same front matter keys
 * and order as content/README.md shows.
 */

const FRONT_MATTER = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;

export interface SourceFile<T> {
  file: string;
  meta: T;
  body: string;
}

export interface CourseMeta {
  kind: "course";
  program: string;
  course: string;
  title: string;
  order: number;
  required?: boolean;
}
export interface ModuleMeta {
  kind: "module";
  course: string;
  module: string;
  title: string;
  order: number;
  required?: boolean;
}
export interface LessonMeta {
  kind?: "lesson";
  program: string;
  course: string;
  module: string;
  lesson: string;
  title: string;
  order: number;
  type: "text" | "quiz" | "reflection" | "assignment";
  required?: boolean;
  minutes?: number;
  questions?: Question[];
}

export interface CourseSource {
  course: SourceFile<CourseMeta>;
  modules: SourceFile<ModuleMeta>[];
  lessons: SourceFile<LessonMeta>[];
}

function split(text: string): { meta: Record<string, unknown>; body: string } {
  const match = FRONT_MATTER.exec(text);
  if (!match) return { meta: {}, body: text };
  const meta = YAML.parse(match[1]!) as unknown;
  return { meta: meta && typeof meta === "object" && !Array.isArray(meta) ? (meta as Record<string, unknown>) : {}, body: match[2]! };
}

/** The course's files as structure, modules and lessons in study order. Files are assumed valid (a version's or draft's always are). */
export function readCourseSource(texts: ContentText[]): CourseSource {
  let course: SourceFile<CourseMeta> | null = null;
  const modules: SourceFile<ModuleMeta>[] = [];
  const lessons: SourceFile<LessonMeta>[] = [];
  for (const { file, text } of texts) {
    const { meta, body } = split(text);
    const kind = meta.kind ?? "lesson";
    if (kind === "course") course = { file, meta: meta as unknown as CourseMeta, body };
    else if (kind === "module") modules.push({ file, meta: meta as unknown as ModuleMeta, body });
    else if (kind === "lesson") lessons.push({ file, meta: meta as unknown as LessonMeta, body });
  }
  if (!course) throw new Error("a course's files hold no course file");
  modules.sort((a, b) => a.meta.order - b.meta.order || a.meta.module.localeCompare(b.meta.module));
  const moduleOrder = new Map(modules.map((m, i) => [m.meta.module, i]));
  lessons.sort(
    (a, b) =>
      (moduleOrder.get(a.meta.module) ?? 0) - (moduleOrder.get(b.meta.module) ?? 0) ||
      a.meta.order - b.meta.order ||
      a.meta.lesson.localeCompare(b.meta.lesson),
  );
  return { course, modules, lessons };
}

/** One file's text: front matter in the keys' usual order, then the Markdown body. */
export function fileText(meta: object, body: string): string {
  const yaml = YAML.stringify(meta, { lineWidth: 0 }).trimEnd();
  return `---\n${yaml}\n---\n${body.replace(/\r\n/g, "\n").replace(/\s+$/, "")}\n`;
}

/** The structure back as files, in path order. */
export function writeCourseSource(source: CourseSource): ContentText[] {
  const all = [source.course, ...source.modules, ...source.lessons];
  return all.map((f) => ({ file: f.file, text: fileText(f.meta, f.body) })).sort((a, b) => a.file.localeCompare(b.file));
}

/** Replaces the files that changed, keeping every other file's exact text. */
export function replaceFiles(texts: ContentText[], changed: ContentText[], removed: string[] = []): ContentText[] {
  const byFile = new Map(texts.map((t) => [t.file, t.text]));
  for (const file of removed) byFile.delete(file);
  for (const t of changed) byFile.set(t.file, t.text);
  return [...byFile].map(([file, text]) => ({ file, text })).sort((a, b) => a.file.localeCompare(b.file));
}

const ASCII: Record<string, string> = { å: "a", ä: "a", ö: "o", é: "e", ü: "u", æ: "ae", ø: "o", á: "a", č: "c", đ: "d", ŋ: "n", š: "s", ŧ: "t", ž: "z" };

/** A slug from a title: "Möta väljarna på torget" → "mota-valjarna-pa-torget"; unique among `taken`. */
export function slugFrom(title: string, taken: Set<string>, prefix = ""): string {
  const base =
    `${prefix}${title}`
      .toLowerCase()
      .normalize("NFC")
      .replace(/[^ -~]/g, (ch) => ASCII[ch] ?? " ")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60)
      .replace(/-+$/g, "") || "lektion";
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  return slug;
}
