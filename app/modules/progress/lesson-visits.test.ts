import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { syncContent } from "~/modules/catalog/sync.server";
import { basicContent, writeContent } from "../../../tests/integration/content-fixture";
import { createPerson } from "../../../tests/integration/helpers";
import { whereToContinue } from "./continue.server";
import { loadCourseState, recordLessonVisit } from "./course-progress.server";
import { getCourseOutline, openLesson } from "./learning.server";
import { flushLessonVisits, noteLessonVisit } from "./lesson-visits.server";

const lesson = async (slug: string) => db.lesson.findUniqueOrThrow({ where: { slug }, include: { module: true } });
const stored = (personId: string, lessonId: string) => db.lessonProgress.findUnique({ where: { personId_lessonId: { personId, lessonId } } });

beforeAll(async () => {
  await syncContent(writeContent(basicContent()));
});

describe("lesson visits written behind", () => {
  it("count on this server at once, and are in the database after the flush", async () => {
    const p = await createPerson();
    const quiz = await lesson("t-quiz");
    await openLesson(p.id, quiz);
    // Not written yet, but the course page and "fortsätt där du slutade" already go by it.
    expect(await stored(p.id, quiz.id)).toBeNull();
    expect((await getCourseOutline(quiz.module.courseId, p.id)).resume?.slug).toBe("t-quiz");
    expect(await whereToContinue(p.id)).toMatchObject({ lessonSlug: "t-quiz", fresh: false });
    const state = await loadCourseState(db, quiz.module.courseId, p.id);
    expect(state.lessons.find((l) => l.id === quiz.id)?.progress).not.toBeNull();

    await flushLessonVisits();
    const row = await stored(p.id, quiz.id);
    expect(row).not.toBeNull();
    expect(row!.completedAt).toBeNull();
    expect(row!.firstViewedAt).toEqual(row!.lastViewedAt);
  });

  it("a later visit moves lastViewedAt, an older one (another server's, written late) does not, and firstViewedAt stays", async () => {
    const p = await createPerson();
    const las = await lesson("t-las");
    const first = new Date("2026-03-01T10:00:00Z");
    await recordLessonVisit(db, p.id, las.id, first);
    noteLessonVisit(p.id, las.id, new Date("2026-03-02T10:00:00Z"));
    await flushLessonVisits();
    expect(await stored(p.id, las.id)).toMatchObject({ firstViewedAt: first, lastViewedAt: new Date("2026-03-02T10:00:00Z") });
    noteLessonVisit(p.id, las.id, new Date("2026-03-01T12:00:00Z"));
    await flushLessonVisits();
    expect((await stored(p.id, las.id))!.lastViewedAt).toEqual(new Date("2026-03-02T10:00:00Z"));
  });

  it("are written on their own within a fraction of a second, and at once when many pile up", async () => {
    const p = await createPerson();
    const las = await lesson("t-las");
    noteLessonVisit(p.id, las.id, new Date());
    await expect.poll(() => stored(p.id, las.id), { timeout: 2_000, interval: 50 }).not.toBeNull();

    const many = Array.from({ length: 200 }, (_, i) => ({ id: `visitor-${i}-${Date.now()}` }));
    const branchId = (await db.branch.findFirstOrThrow()).id;
    await db.person.createMany({ data: many.map((m) => ({ id: m.id, email: `${m.id}@example.se`, name: m.id, position: "medlem", branchId })) });
    for (const person of many) noteLessonVisit(person.id, las.id, new Date());
    // The 200th visit wrote them all: no waiting for the timer.
    await flushLessonVisits();
    expect(await db.lessonProgress.count({ where: { lessonId: las.id, personId: { in: many.map((m) => m.id) } } })).toBe(200);
  });
});
