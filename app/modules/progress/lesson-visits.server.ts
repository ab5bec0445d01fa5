import { db } from "~/db.server";
import { Prisma } from "~/generated/prisma/client.ts";
import { executeSql } from "~/sql.server";
import { newId } from "~/utils/ids.server";

/*
 * Lesson visits, written behind. Every lesson page records that the person
 * opened it ("fortsätt där du slutade", the nudges' "last active"), and that
 * write was a third of the page's database time (300 µs of Prisma and SQLite
 * for one upsert). Visits are kept here and written together, one statement
 * for all of them, within FLUSH_MS or at MAX_PENDING, and when the server
 * stops. Reads on this server see them at once (pendingVisitsOf); another
 * server sees them after the next write. What a kill -9 can lose is the last
 * FLUSH_MS of "last opened" times, never a completion, an answer or anything
 * a person typed: those are written in their own request, as before.
 */

const FLUSH_MS = 200;
const MAX_PENDING = 200;

interface Visit {
  personId: string;
  lessonId: string;
  at: Date;
}

/** One entry per person and lesson: the latest visit. */
let pending = new Map<string, Visit>();
let timer: NodeJS.Timeout | null = null;
let writing: Promise<void> = Promise.resolve();

/** Remembers that the person opened the lesson now; written within FLUSH_MS. */
export function noteLessonVisit(personId: string, lessonId: string, at: Date) {
  const key = `${personId}\u0000${lessonId}`;
  const before = pending.get(key);
  if (!before || before.at < at) pending.set(key, { personId, lessonId, at });
  if (pending.size >= MAX_PENDING) void flushLessonVisits();
  else if (!timer) {
    timer = setTimeout(() => void flushLessonVisits(), FLUSH_MS);
    timer.unref();
  }
}

/** This server's visits of the person not written yet, by lesson: what a read on this server must add to the database's. */
export function pendingVisitsOf(personId: string): Map<string, Date> {
  const visits = new Map<string, Date>();
  for (const visit of pending.values()) if (visit.personId === personId) visits.set(visit.lessonId, visit.at);
  return visits;
}

/** Writes every visit noted so far, in one statement; resolves once they are in the database (and any write before). */
export function flushLessonVisits(): Promise<void> {
  if (timer) clearTimeout(timer);
  timer = null;
  const batch = [...pending.values()];
  pending = new Map();
  if (batch.length === 0) return writing;
  // One at a time, in order: a later batch never lands before an earlier one.
  writing = writing.then(async () => {
    try {
      await writeVisits(batch);
    } catch (error) {
      // Lost "last opened" times are not worth failing anything for; the next visit writes them again.
      console.error(`lesson visits: ${batch.length} not written`, error);
    }
  });
  return writing;
}

function writeVisits(batch: Visit[]) {
  const values = batch.map((v) => Prisma.sql`(${newId()}, ${v.personId}, ${v.lessonId}, ${v.at}, ${v.at})`);
  // The same upsert as recordLessonVisit, for many rows; a visit older than the one stored (another server's) changes nothing.
  return executeSql(
    Prisma.sql`
      INSERT INTO "LessonProgress" ("id", "personId", "lessonId", "firstViewedAt", "lastViewedAt")
      VALUES ${Prisma.join(values)}
      ON CONFLICT ("personId", "lessonId") DO UPDATE SET "lastViewedAt" = excluded."lastViewedAt"
      WHERE "LessonProgress"."lastViewedAt" < excluded."lastViewedAt"`,
    db,
  );
}
