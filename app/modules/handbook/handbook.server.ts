import { createHash } from "node:crypto";
import type { Actor } from "~/modules/auth/permissions";
import { requireCourse } from "~/modules/catalog/access.server";
import type { CatalogCourse } from "~/modules/catalog/catalog-cache.server";
import { notFound } from "~/utils/http.server";
import type { Block } from "./blocks";
import { handbookFor, type HandbookConfig } from "./handbooks";
import { htmlToBlocks } from "./html-blocks.server";

export interface HandbookText {
  title: string;
  blocks: Block[];
}

export interface HandbookSection {
  /** For links within the page: `kapitel-` and the module's slug. */
  id: string;
  title: string;
  /** The module's introduction (for the first section, the course summary before it). */
  lead: Block[];
  texts: HandbookText[];
}

export interface Handbook {
  courseSlug: string;
  title: string;
  subtitle: string;
  /** Eight hex digits of a digest of the whole text: two printouts with the same edition say the same. */
  edition: string;
  /** When the newest of its texts last changed. */
  changedAt: Date;
  introduction: HandbookSection;
  /** One per module after the introduction, in study order: for Kommunikationsmodellen the four perspectives, then Tillämpning. */
  chapters: HandbookSection[];
}

/**
 * The handbook of a course, for someone who may read it: 404 for a course
 * that is not a handbook, and otherwise the course's own rule (live, and a
 * course of an enrolment-only program only for its participants).
 */
export async function requireHandbook(actor: Actor, courseSlug: string | undefined): Promise<Handbook> {
  const config = handbookFor(courseSlug);
  if (!config) throw notFound("Det finns ingen handbok för den kursen.");
  return handbookOf(await requireCourse(actor, config.courseSlug), config);
}

/**
 * The course as published (the catalog's live modules and lessons: what
 * learners see now) read as a handbook. Only text lessons are handbook
 * text: a knowledge check's answers, a reflection's questions to the
 * learner and an assignment's instructions belong to the course.
 */
export function handbookOf(course: CatalogCourse, config: HandbookConfig): Handbook {
  const texts = (module: CatalogCourse["liveModules"][number]) => module.lessons.filter((lesson) => lesson.type === "text");
  // Headings nest under the handbook's own: a section is an h2, a lesson's title an h3, so a lesson's h2 is an h4.
  const section = (module: CatalogCourse["liveModules"][number], lead: Block[]): HandbookSection => ({
    id: `kapitel-${module.slug}`,
    title: module.title,
    lead: [...lead, ...htmlToBlocks(module.introHtml, 3)],
    texts: texts(module).map((lesson) => ({ title: lesson.title, blocks: htmlToBlocks(lesson.bodyHtml, 4) })),
  });

  const summary = htmlToBlocks(course.summaryHtml, 3);
  const intro = course.liveModules.find((module) => module.slug === config.introductionModule);
  const introduction = intro ? section(intro, summary) : { id: "kapitel-introduktion", title: "Introduktion", lead: summary, texts: [] };
  const chapters = course.liveModules
    .filter((module) => module !== intro)
    .map((module) => section(module, []))
    .filter((chapter) => chapter.lead.length > 0 || chapter.texts.length > 0);

  const lessons = course.liveModules.flatMap(texts);
  const changedAt = lessons.length > 0 ? new Date(Math.max(...lessons.map((lesson) => lesson.updatedAt.getTime()))) : course.updatedAt;
  const text = { title: course.title, subtitle: config.subtitle, introduction, chapters };
  const edition = createHash("sha256").update(JSON.stringify(text)).digest("hex").slice(0, 8);
  return { courseSlug: course.slug, ...text, edition, changedAt };
}
