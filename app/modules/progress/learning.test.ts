import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { actorOf } from "~/modules/auth/session.server";
import { syncContent } from "~/modules/catalog/sync.server";
import { basicContent, lessonFile, rewrite, writeContent } from "../../../tests/integration/content-fixture";
import { branchId, createPerson } from "../../../tests/integration/helpers";
import { refreshProgramCompletion } from "./course-progress.server";
import { answerQuiz, getCourseOutline, markLessonRead, openLesson, saveReflection, submitAssignment } from "./learning.server";
import { getSharedReflection, reviewSubmission } from "./review.server";

let contentDir: string;
const lesson = (slug: string) => db.lesson.findUniqueOrThrow({ where: { slug }, include: { module: true } });
const courseId = async () => (await db.course.findUniqueOrThrow({ where: { slug: "testkurs" } })).id;
const completion = (personId: string, scope: string, scopeId: string) =>
  db.completion.findUnique({ where: { personId_scope_scopeId: { personId, scope, scopeId } } });
const RIGHT = { q1: [0], q2: [0, 1] };

async function facilitatorFor(branch: string) {
  const f = await createPerson({ roles: ["facilitator"], branch: "Luleå" });
  await db.branchSupport.create({ data: { facilitatorId: f.id, branchId: await branchId(branch) } });
  return f;
}

/** Takes a learner through every required lesson, up to an approved assignment. */
async function finishCourse(learnerId: string, reviewer: { id: string } & Parameters<typeof actorOf>[0]) {
  await markLessonRead(learnerId, await lesson("t-las"));
  await answerQuiz(learnerId, await lesson("t-quiz"), RIGHT);
  await saveReflection(learnerId, await lesson("t-reflektion"), { text: "Mina tankar", shared: false });
  await submitAssignment(learnerId, await lesson("t-uppgift"), "Min inlämning med tillräckligt mycket text.");
  const sub = await db.assignmentSubmission.findFirstOrThrow({ where: { personId: learnerId, status: "submitted" } });
  return reviewSubmission(actorOf(reviewer), sub.id, "approve", "");
}

beforeAll(async () => {
  contentDir = writeContent(basicContent("requiredSessions: 2"));
  await syncContent(contentDir);
});

describe("where to continue", () => {
  it("points at the lesson opened last, also when the person went back to one they had open a moment ago", async () => {
    const p = await createPerson();
    const [quiz, extra] = [await lesson("t-quiz"), await lesson("t-extra")];
    await openLesson(p.id, quiz);
    expect((await getCourseOutline(await courseId(), p.id)).resume?.slug).toBe("t-quiz");
    await openLesson(p.id, extra);
    expect((await getCourseOutline(await courseId(), p.id)).resume?.slug).toBe("t-extra");
    await openLesson(p.id, quiz);
    await openLesson(p.id, quiz);
    expect((await getCourseOutline(await courseId(), p.id)).resume?.slug).toBe("t-quiz");
  });
});

describe("completion", () => {
  it("a text lesson completes when marked read, once, keeping the first time", async () => {
    const p = await createPerson();
    const l = await lesson("t-las");
    await markLessonRead(p.id, l);
    const first = await db.lessonProgress.findUniqueOrThrow({ where: { personId_lessonId: { personId: p.id, lessonId: l.id } } });
    await new Promise((r) => setTimeout(r, 5));
    await markLessonRead(p.id, l);
    const second = await db.lessonProgress.findUniqueOrThrow({ where: { personId_lessonId: { personId: p.id, lessonId: l.id } } });
    expect(second.completedAt).toEqual(first.completedAt);
  });

  it("a knowledge check completes only when every answer is right, retries allowed", async () => {
    const p = await createPerson();
    const quiz = await lesson("t-quiz");
    const wrong = await answerQuiz(p.id, quiz, { q1: [0], q2: [0] });
    expect(wrong.allCorrect).toBe(false);
    expect(await db.lessonProgress.count({ where: { personId: p.id, lessonId: quiz.id, completedAt: { not: null } } })).toBe(0);
    expect((await answerQuiz(p.id, quiz, RIGHT)).allCorrect).toBe(true);
    expect(await db.lessonProgress.count({ where: { personId: p.id, lessonId: quiz.id, completedAt: { not: null } } })).toBe(1);
    expect(await db.quizAttempt.count({ where: { personId: p.id } })).toBe(2);
  });

  it("a module completes when its required lessons do; the optional one is not needed", async () => {
    const p = await createPerson();
    const m1 = (await lesson("t-las")).moduleId;
    await markLessonRead(p.id, await lesson("t-las"));
    expect(await completion(p.id, "module", m1)).toBeNull();
    await answerQuiz(p.id, await lesson("t-quiz"), RIGHT);
    expect(await completion(p.id, "module", m1)).not.toBeNull();
  });

  it("an assignment completes only when approved; the course then completes with a certificate", async () => {
    const learner = await createPerson({ branch: "Kiruna" });
    const facilitator = await facilitatorFor("Kiruna");
    await markLessonRead(learner.id, await lesson("t-las"));
    await answerQuiz(learner.id, await lesson("t-quiz"), RIGHT);
    await saveReflection(learner.id, await lesson("t-reflektion"), { text: "Tankar", shared: false });
    expect(await submitAssignment(learner.id, await lesson("t-uppgift"), "En inlämning som är lång nog.")).toEqual({ ok: true });
    expect(await submitAssignment(learner.id, await lesson("t-uppgift"), "En till")).toMatchObject({ ok: false });
    expect(await completion(learner.id, "course", await courseId())).toBeNull();

    const sub = await db.assignmentSubmission.findFirstOrThrow({ where: { personId: learner.id } });
    expect(await reviewSubmission(actorOf(facilitator), sub.id, "return", "Utveckla Tydlighet")).toEqual({ ok: true });
    expect(await completion(learner.id, "course", await courseId())).toBeNull();
    expect(await submitAssignment(learner.id, await lesson("t-uppgift"), "Ny version med tydligare budskap.")).toEqual({ ok: true });
    const again = await db.assignmentSubmission.findFirstOrThrow({ where: { personId: learner.id, status: "submitted" } });
    expect(await reviewSubmission(actorOf(facilitator), again.id, "approve", "")).toEqual({ ok: true });
    expect(await reviewSubmission(actorOf(facilitator), again.id, "approve", "")).toMatchObject({ ok: false });

    const done = await completion(learner.id, "course", await courseId());
    expect(done?.certificateCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(done?.version).toBe(1);
    const mails = await db.outboxMessage.findMany({ where: { toEmail: learner.email }, orderBy: { createdAt: "asc" } });
    expect(mails.map((m) => m.kind)).toEqual(["assignment-returned", "assignment-approved"]);
  });

  it("the program waits for the required handledning sessions as well as its courses", async () => {
    const learner = await createPerson({ branch: "Kalix" });
    const facilitator = await facilitatorFor("Kalix");
    await finishCourse(learner.id, facilitator);
    const program = await db.program.findUniqueOrThrow({ where: { slug: "testprogram" } });
    expect(program.requiredSessions).toBe(2);
    expect(await completion(learner.id, "program", program.id)).toBeNull();
    await refreshProgramCompletion(db, learner.id, program.id, async () => 1);
    expect(await completion(learner.id, "program", program.id)).toBeNull();
    await refreshProgramCompletion(db, learner.id, program.id, async () => 2);
    expect(await completion(learner.id, "program", program.id)).not.toBeNull();
  });

  it("a course that gains a required lesson keeps earned completions and shows what is new", async () => {
    const learner = await createPerson({ branch: "Pajala" });
    const facilitator = await facilitatorFor("Pajala");
    await finishCourse(learner.id, facilitator);
    const before = await completion(learner.id, "course", await courseId());

    rewrite(contentDir, "testkurs/m2/nytt.md", lessonFile("t-nytt", { module: "m2", order: 3 }));
    const report = await syncContent(contentDir);
    expect(report.newCourseVersions).toEqual(["testkurs"]);
    const outline = await getCourseOutline(await courseId(), learner.id);
    expect(outline.completion).toMatchObject({ version: 1, certificateCode: before!.certificateCode });
    expect(outline.newSinceCompletion.map((l) => l.slug)).toEqual(["t-nytt"]);
    expect(outline.percent).toBeLessThan(100);
    rewrite(contentDir, "testkurs/m2/nytt.md", null);
    await syncContent(contentDir);
  });
});

describe("refusals", () => {
  it("only the learner's own Utvecklingsledare may review their assignment", async () => {
    const learner = await createPerson({ branch: "Boden" });
    const other = await facilitatorFor("Gällivare");
    const participant = await createPerson({ branch: "Boden" });
    await submitAssignment(learner.id, await lesson("t-uppgift"), "En inlämning som är lång nog.");
    const sub = await db.assignmentSubmission.findFirstOrThrow({ where: { personId: learner.id } });
    await expect(reviewSubmission(actorOf(other), sub.id, "approve", "")).rejects.toMatchObject({ status: 403 });
    await expect(reviewSubmission(actorOf(participant), sub.id, "approve", "")).rejects.toMatchObject({ status: 403 });
    expect((await db.assignmentSubmission.findUniqueOrThrow({ where: { id: sub.id } })).status).toBe("submitted");
  });

  it("a private reflection is nobody else's; a shared one only its learner's Utvecklingsledare's", async () => {
    const learner = await createPerson({ branch: "Jokkmokk" });
    const own = await facilitatorFor("Jokkmokk");
    const other = await facilitatorFor("Haparanda");
    const admin = await createPerson({ roles: ["admin"] });
    await saveReflection(learner.id, await lesson("t-reflektion"), { text: "Privat", shared: false });
    const r = await db.reflection.findFirstOrThrow({ where: { personId: learner.id } });
    await expect(getSharedReflection(actorOf(own), r.id)).rejects.toMatchObject({ status: 404 });
    await expect(getSharedReflection(actorOf(admin), r.id)).rejects.toMatchObject({ status: 404 });

    await saveReflection(learner.id, await lesson("t-reflektion"), { text: "Delad", shared: true });
    expect((await getSharedReflection(actorOf(own), r.id)).text).toBe("Delad");
    await expect(getSharedReflection(actorOf(other), r.id)).rejects.toMatchObject({ status: 403 });
  });
});
