import { z } from "zod";
import type { Tx } from "~/db.server";
import type { ContentText } from "~/modules/catalog/content-files.server";

/*
 * Every published state of a course, kept as its content files (the exchange
 * format itself, so that a version is exactly what content:export writes and
 * content:sync reads): from the files when content:sync loads a change, from
 * the app when an editor publishes a draft. Who and when, and a note.
 */

export type VersionOrigin = "files" | "app";

const storedTexts = z.array(z.object({ file: z.string(), text: z.string() }));

/** A version's or draft's files, checked as they come out of the database. */
export function readStoredTexts(json: string): ContentText[] {
  return storedTexts.parse(JSON.parse(json));
}

/** Each course's latest version, by course slug. */
export async function latestCourseVersions(tx: Tx) {
  const versions = await tx.courseVersion.findMany({
    orderBy: { number: "desc" },
    distinct: ["courseId"],
    select: { number: true, origin: true, hash: true, publishedAt: true, course: { select: { slug: true } } },
  });
  return new Map(versions.map((v) => [v.course.slug, { number: v.number, origin: v.origin as VersionOrigin, hash: v.hash, publishedAt: v.publishedAt }]));
}

/** Keeps a new version of the course; its number is one past the last. */
export async function recordCourseVersion(
  tx: Tx,
  input: { course: string; origin: VersionOrigin; texts: ContentText[]; hash: string; at: Date; publishedById?: string | null; note?: string | null },
) {
  const course = await tx.course.findUniqueOrThrow({ where: { slug: input.course }, select: { id: true } });
  const last = await tx.courseVersion.findFirst({ where: { courseId: course.id }, orderBy: { number: "desc" }, select: { number: true } });
  return tx.courseVersion.create({
    data: {
      courseId: course.id,
      number: (last?.number ?? 0) + 1,
      origin: input.origin,
      files: JSON.stringify(input.texts),
      hash: input.hash,
      publishedAt: input.at,
      publishedById: input.publishedById ?? null,
      note: input.note ?? null,
    },
  });
}
