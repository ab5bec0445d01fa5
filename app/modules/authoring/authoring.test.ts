import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { actorOf } from "~/modules/auth/session.server";
import { catalogCourseBySlug } from "~/modules/catalog/catalog-cache.server";
import { contentTexts } from "~/modules/catalog/content-files.server";
import { syncContent } from "~/modules/catalog/sync.server";
import { markLessonRead } from "~/modules/progress/learning.server";
import { createPerson } from "../../../tests/integration/helpers";
import { basicContent, writeContent } from "../../../tests/integration/content-fixture";
import {
  addLesson,
  courseForEditing,
  courseVersions,
  discardDraft,
  moveLesson,
  moveModule,
  publishDraft,
  restoreVersion,
  retireLesson,
  saveLesson,
  versionChanges,
} from "./drafts.server";
import { exportContent } from "./export.server";

let dir = "";
let editor: Awaited<ReturnType<typeof createPerson>>;
const lessonInput = (editing: Awaited<ReturnType<typeof courseForEditing>>, slug: string) => {
  const l = editing.source.lessons.find((x) => x.meta.lesson === slug)!;
  return { title: l.meta.title, minutes: l.meta.minutes ?? null, required: l.meta.required !== false, body: l.body, questions: l.meta.questions };
};

beforeEach(async () => {
  // Each test starts from the files: an earlier test's app edits and drafts are undone.
  dir = writeContent(basicContent());
  await db.courseDraft.deleteMany();
  await syncContent(dir, new Date(), { overwriteAppEdits: true });
  editor = await createPerson({ roles: ["admin"] });
});

function copyOf(folder: string): string {
  const to = fs.mkdtempSync(path.join(os.tmpdir(), "ledarlyftet-export-"));
  fs.cpSync(folder, to, { recursive: true });
  return to;
}

describe("editing a course in the app", () => {
  it("a fixed sentence is a draft until published; then learners see it at once, keep their progress, and it is version 2", async () => {
    const learner = await createPerson();
    const las = await db.lesson.findUniqueOrThrow({ where: { slug: "t-las" }, include: { module: true } });
    await markLessonRead(learner.id, las);

    let editing = await courseForEditing("testkurs");
    expect(editing.latest).toMatchObject({ origin: "files" });
    const first = editing.latest.number;
    const saved = await saveLesson(actorOf(editor), editing, "t-las", { ...lessonInput(editing, "t-las"), body: "Rättad mening om Agenda." }, 0);
    expect(saved).toMatchObject({ ok: true, value: { revision: 1 } });
    // Only the draft has it.
    expect((await catalogCourseBySlug("testkurs"))!.liveLessons.find((l) => l.slug === "t-las")!.bodyHtml).not.toContain("Rättad mening");

    editing = await courseForEditing("testkurs");
    expect(editing.draft?.revision).toBe(1);
    const published = await publishDraft(actorOf(editor), editing, 1, "Rättade en mening");
    expect(published).toMatchObject({ ok: true, value: { number: first + 1 } });
    expect((await catalogCourseBySlug("testkurs"))!.liveLessons.find((l) => l.slug === "t-las")!.bodyHtml).toContain("Rättad mening om Agenda.");
    expect(await db.lessonProgress.count({ where: { personId: learner.id, lessonId: las.id, completedAt: { not: null } } })).toBe(1);
    const versions = await courseVersions(editing.course.id);
    expect(versions.slice(0, 2).map((v) => [v.number, v.origin, v.note, v.publishedBy?.name ?? null])).toEqual([
      [first + 1, "app", "Rättade en mening", editor.name],
      [first, "files", null, null],
    ]);
    const changes = await versionChanges(editing.course.id, first, first + 1);
    expect(changes).toHaveLength(1);
    expect(
      changes[0]!.parts
        .filter((p) => p.kind === "added")
        .map((p) => p.text)
        .join(""),
    ).toContain("Rättad mening om Agenda.");
    expect(await db.auditEvent.count({ where: { action: "course.published", subjectId: editing.course.id } })).toBe(1);
  });

  it("a second editor's save from a stale page is refused, and nothing of it is written", async () => {
    const other = await createPerson({ roles: ["admin"] });
    const pageOfA = await courseForEditing("testkurs");
    const pageOfB = await courseForEditing("testkurs");
    expect((await saveLesson(actorOf(editor), pageOfA, "t-las", { ...lessonInput(pageOfA, "t-las"), body: "A:s text." }, 0)).ok).toBe(true);
    const stale = await saveLesson(actorOf(other), pageOfB, "t-las", { ...lessonInput(pageOfB, "t-las"), body: "B:s text." }, 0);
    expect(stale.ok).toBe(false);
    if (!stale.ok) expect(stale.message).toContain("Någon annan har ändrat utkastet");
    const now = await courseForEditing("testkurs");
    expect(now.source.lessons.find((l) => l.meta.lesson === "t-las")!.body).toContain("A:s text.");
    // Publishing an old revision is refused too.
    expect((await publishDraft(actorOf(other), now, 0, null)).ok).toBe(false);
  });

  it("refuses a quiz question without a right answer, beside the question, and keeps the draft as it was", async () => {
    const editing = await courseForEditing("testkurs");
    const input = lessonInput(editing, "t-quiz");
    const broken = await saveLesson(
      actorOf(editor),
      editing,
      "t-quiz",
      {
        ...input,
        questions: [
          ...input.questions!,
          {
            id: "q3",
            prompt: "Utan rätt svar",
            options: [
              { text: "A", correct: false, feedback: "Nej." },
              { text: "B", correct: false, feedback: "Nej." },
            ],
          },
        ],
      },
      0,
    );
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.errors["questions.2.options"]).toEqual(["frågan har inget rätt svar"]);
    expect((await courseForEditing("testkurs")).draft).toBeNull();
  });

  it("adds, moves and retires lessons; publishing retires what was taken out and keeps progress on it", async () => {
    const learner = await createPerson();
    const extra = await db.lesson.findUniqueOrThrow({ where: { slug: "t-extra" }, include: { module: true } });
    await markLessonRead(learner.id, extra);
    let editing = await courseForEditing("testkurs");
    const added = await addLesson(actorOf(editor), editing, { module: "m1", type: "text", title: "Möta väljarna på torget" }, 0);
    expect(added).toMatchObject({ ok: true, value: { slug: "t-mota-valjarna-pa-torget" } });
    editing = await courseForEditing("testkurs");
    expect((await moveLesson(actorOf(editor), editing, "t-mota-valjarna-pa-torget", "up", 1)).ok).toBe(true);
    editing = await courseForEditing("testkurs");
    expect(editing.source.lessons.filter((l) => l.meta.module === "m1").map((l) => l.meta.lesson)).toEqual([
      "t-las",
      "t-quiz",
      "t-mota-valjarna-pa-torget",
      "t-extra",
    ]);
    expect((await retireLesson(actorOf(editor), editing, "t-extra", 2)).ok).toBe(true);
    editing = await courseForEditing("testkurs");
    expect((await publishDraft(actorOf(editor), editing, 3, null)).ok).toBe(true);
    const live = (await catalogCourseBySlug("testkurs"))!.liveLessons.map((l) => l.slug);
    expect(live).toEqual(["t-las", "t-quiz", "t-mota-valjarna-pa-torget", "t-reflektion", "t-uppgift"]);
    expect((await db.lesson.findUniqueOrThrow({ where: { slug: "t-extra" } })).retiredAt).not.toBeNull();
    expect(await db.lessonProgress.count({ where: { personId: learner.id, lessonId: extra.id } })).toBe(1);
    editing = await courseForEditing("testkurs");
    expect((await moveModule(actorOf(editor), editing, "m2", "up", 0)).ok).toBe(true);
    editing = await courseForEditing("testkurs");
    expect(editing.source.modules.map((m) => m.meta.module)).toEqual(["m2", "m1"]);
    expect((await moveModule(actorOf(editor), editing, "m2", "up", 1)).ok).toBe(false);
    // A new required lesson is a new requirement: the course's version goes up, as for files.
    expect((await db.course.findUniqueOrThrow({ where: { slug: "testkurs" } })).version).toBe(2);
  });

  it("brings an earlier version back as a draft, and publishing it makes it current again", async () => {
    let editing = await courseForEditing("testkurs");
    const first = editing.latest.number;
    await saveLesson(actorOf(editor), editing, "t-las", { ...lessonInput(editing, "t-las"), body: "Andra versionen." }, 0);
    await publishDraft(actorOf(editor), await courseForEditing("testkurs"), 1, null);
    editing = await courseForEditing("testkurs");
    expect((await restoreVersion(actorOf(editor), editing, first, 0)).ok).toBe(true);
    editing = await courseForEditing("testkurs");
    expect(editing.source.lessons.find((l) => l.meta.lesson === "t-las")!.body).toContain("Text för t-las.");
    expect((await publishDraft(actorOf(editor), editing, editing.draft!.revision, "Tillbaka till version 1")).ok).toBe(true);
    expect((await catalogCourseBySlug("testkurs"))!.liveLessons.find((l) => l.slug === "t-las")!.bodyHtml).toContain("Text för t-las.");
    expect((await courseVersions(editing.course.id)).slice(0, 3).map((v) => v.number)).toEqual([first + 2, first + 1, first]);
  });

  it("a discarded draft leaves the course as published", async () => {
    const editing = await courseForEditing("testkurs");
    await saveLesson(actorOf(editor), editing, "t-las", { ...lessonInput(editing, "t-las"), body: "Slängs." }, 0);
    expect((await discardDraft(actorOf(editor), await courseForEditing("testkurs"), 1)).ok).toBe(true);
    expect((await courseForEditing("testkurs")).draft).toBeNull();
  });
});

describe("content/ stays the seed and the exchange format", () => {
  it("export followed by sync changes nothing, for the real content folder", async () => {
    await syncContent(path.resolve("content"));
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "ledarlyftet-export-"));
    const report = await exportContent(out);
    expect(report.courses.length).toBeGreaterThanOrEqual(4);
    // The files written are the content folder's own, byte for byte.
    const original = new Map(contentTexts(path.resolve("content")).map((t) => [t.file, t.text]));
    for (const t of contentTexts(out)) expect(t.text, t.file).toBe(original.get(t.file));
    const again = await syncContent(out);
    expect(again).toMatchObject({ lessonsChanged: 0, retired: 0, newCourseVersions: [], keptAppEdits: [] });
  });

  it("a sync never silently overwrites a course published in the app; after an export the two agree", async () => {
    const editing = await courseForEditing("testkurs");
    const first = editing.latest.number;
    await saveLesson(actorOf(editor), editing, "t-las", { ...lessonInput(editing, "t-las"), body: "Skrivet i appen." }, 0);
    await publishDraft(actorOf(editor), await courseForEditing("testkurs"), 1, null);

    // The files still say the old text: the sync keeps the app's and says so.
    const kept = await syncContent(dir);
    expect(kept.keptAppEdits).toEqual([expect.objectContaining({ course: "testkurs", number: first + 1 })]);
    expect((await catalogCourseBySlug("testkurs"))!.liveLessons.find((l) => l.slug === "t-las")!.bodyHtml).toContain("Skrivet i appen.");

    // Export writes the app's version into the folder; a sync then has nothing to keep or change.
    const folder = copyOf(dir);
    await exportContent(folder);
    expect(fs.readFileSync(path.join(folder, "testkurs/m1/las.md"), "utf8")).toContain("Skrivet i appen.");
    expect(await syncContent(folder)).toMatchObject({ lessonsChanged: 0, keptAppEdits: [], newCourseVersions: [] });

    // Asked for in so many words, the files win.
    const overwritten = await syncContent(dir, new Date(), { overwriteAppEdits: true });
    expect(overwritten.keptAppEdits).toEqual([]);
    expect((await catalogCourseBySlug("testkurs"))!.liveLessons.find((l) => l.slug === "t-las")!.bodyHtml).toContain("Text för t-las.");
    expect((await courseVersions(editing.course.id)).slice(0, 2).map((v) => [v.number, v.origin])).toEqual([
      [first + 2, "files"],
      [first + 1, "app"],
    ]);
  });
});
