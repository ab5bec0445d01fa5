import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { basicContent, lessonFile, rewrite, writeContent } from "../../../tests/integration/content-fixture";
import { createPerson } from "../../../tests/integration/helpers";
import { markLessonRead } from "~/modules/progress/learning.server";
import { ContentSyncError, parseContent, syncContent } from "./sync.server";

async function problemsOf(files: Record<string, string>) {
  const dir = writeContent(files);
  try {
    await syncContent(dir);
  } catch (error) {
    if (error instanceof ContentSyncError) return error.problems;
    throw error;
  }
  throw new Error("expected the sync to fail");
}

describe("content sync", () => {
  it("the real content folder is valid: 25+ lessons of all four types, three learning tracks", () => {
    const parsed = parseContent(path.resolve("content"));
    if (!parsed.ok) throw new Error(parsed.problems.map((p) => `${p.file} ${p.field}: ${p.message}`).join("\n"));
    const { lessons, courses, programs } = parsed.content;
    expect(lessons.length).toBeGreaterThanOrEqual(25);
    expect(new Set(lessons.map((l) => l.type))).toEqual(new Set(["text", "quiz", "reflection", "assignment"]));
    expect(courses.map((c) => c.course)).toContain("kommunikationsmodellen");
    expect(programs.map((p) => p.program).sort()).toEqual(["kommunikatorsutbildningen", "ledarskapsprogrammet"]);
    const model = parsed.content.modules.filter((m) => m.course === "kommunikationsmodellen").map((m) => m.title);
    for (const perspective of ["Agenda", "Närhet", "Kompetens", "Tydlighet"]) expect(model).toContain(perspective);
    const multi = lessons.filter((l) => l.questions?.some((q) => q.options.filter((o) => o.correct).length > 1));
    expect(multi.length).toBeGreaterThan(0);
  });

  it("is idempotent: a second run changes nothing", async () => {
    const dir = writeContent(basicContent());
    const first = await syncContent(dir);
    expect(first).toMatchObject({ programs: 1, courses: 1, modules: 2, lessons: 5, lessonsChanged: 5, retired: 0 });
    const lessonsBefore = await db.lesson.findMany({ orderBy: { slug: "asc" } });
    const second = await syncContent(dir);
    expect(second).toMatchObject({ lessonsChanged: 0, retired: 0, newCourseVersions: [] });
    expect(await db.lesson.findMany({ orderBy: { slug: "asc" } })).toEqual(lessonsBefore);
    expect((await db.course.findUniqueOrThrow({ where: { slug: "testkurs" } })).version).toBe(1);
  });

  it("keeps progress when a lesson's text changes, and retires (not deletes) a removed lesson", async () => {
    const dir = writeContent(basicContent());
    await syncContent(dir);
    const learner = await createPerson();
    const lesson = await db.lesson.findUniqueOrThrow({ where: { slug: "t-las" }, include: { module: true } });
    await markLessonRead(learner.id, lesson);

    rewrite(dir, "testkurs/m1/las.md", lessonFile("t-las", { body: "Ny och bättre text." }));
    expect((await syncContent(dir)).lessonsChanged).toBe(1);
    const edited = await db.lesson.findUniqueOrThrow({ where: { slug: "t-las" } });
    expect(edited.id).toBe(lesson.id);
    expect(edited.bodyHtml).toContain("Ny och bättre text.");
    expect(await db.lessonProgress.count({ where: { lessonId: lesson.id, completedAt: { not: null } } })).toBe(1);

    rewrite(dir, "testkurs/m1/extra.md", null);
    expect((await syncContent(dir)).retired).toBe(1);
    const retired = await db.lesson.findUniqueOrThrow({ where: { slug: "t-extra" } });
    expect(retired.retiredAt).not.toBeNull();
  });

  it("learners see a sync at once, though pages read the catalog from a copy kept between requests", async () => {
    const { requireCourse, requireLesson } = await import("./access.server");
    const dir = writeContent(basicContent());
    await syncContent(dir);
    const learner = { ...(await createPerson()), isParticipant: true, isFacilitator: false, isAdmin: false };
    const course = await requireCourse(learner, "testkurs");
    expect((await requireLesson(course.id, "t-las")).bodyHtml).not.toContain("Ny och bättre text.");

    rewrite(dir, "testkurs/m1/las.md", lessonFile("t-las", { body: "Ny och bättre text." }));
    rewrite(dir, "testkurs/m1/extra.md", null);
    await syncContent(dir);
    expect((await requireLesson(course.id, "t-las")).bodyHtml).toContain("Ny och bättre text.");
    await expect(requireLesson(course.id, "t-extra")).rejects.toMatchObject({ status: 404 });
  });

  it("renders Markdown to safe HTML: no raw HTML, no script, no javascript: links", async () => {
    const dir = writeContent({
      ...basicContent(),
      "testkurs/m1/las.md": lessonFile("t-las", {
        body: '## Rubrik\n\n<script>alert(1)</script>\n\n<img src=x onerror="alert(2)">\n\n[klicka](javascript:alert(3)) och [läs](https://example.se)',
      }),
    });
    await syncContent(dir);
    const html = (await db.lesson.findUniqueOrThrow({ where: { slug: "t-las" } })).bodyHtml;
    expect(html).toContain("<h2>Rubrik</h2>");
    // Tags arrive escaped as text and the javascript: link is not a link at all.
    expect(html).not.toMatch(/<script|<img|href="javascript/i);
    expect(html).toContain("&lt;script&gt;");
    expect(html).toContain('<a href="https://example.se" rel="noopener noreferrer">');
  });

  it("names the file and field of every problem, and writes nothing", async () => {
    const before = await db.lesson.count();
    const files = basicContent();
    const problems = await problemsOf({
      ...files,
      "testkurs/m1/trasig.md": "---\ntitle: [oj\n---\n",
      "testkurs/m1/utan-rubrik.md": lessonFile("t-utan", { order: 4 }).replace("title: Lektion t-utan\n", ""),
      "testkurs/m1/dubblett.md": lessonFile("t-las", { order: 5 }),
      "testkurs/m1/okand-typ.md": lessonFile("t-okand", { order: 6, type: "video" }),
      "testkurs/m1/fel-quiz.md": lessonFile("t-felquiz", {
        order: 7,
        type: "quiz",
        extra: "questions:\n  - id: q1\n    prompt: Vad?\n    options:\n      - text: A\n        feedback: nej\n      - text: B\n        feedback: nej",
      }),
      "testkurs/m1/ingen-front.md": "Bara text.",
    });
    const lines = problems.map((p) => `${p.file} [${p.field ?? ""}] ${p.message}`);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^testkurs\/m1\/trasig\.md \[\] trasig front matter/),
        "testkurs/m1/utan-rubrik.md [title] saknas",
        expect.stringMatching(/^testkurs\/m1\/(dubblett|las)\.md \[lesson\] slug "t-las" används redan i testkurs\/m1\/(dubblett|las)\.md$/),
        expect.stringMatching(/^testkurs\/m1\/okand-typ\.md \[type\] okänd typ/),
        "testkurs/m1/fel-quiz.md [questions.0.options] frågan har inget rätt svar",
        "testkurs/m1/ingen-front.md [] saknar front matter (--- i början och slutet)",
      ]),
    );
    expect(await db.lesson.count()).toBe(before);
  });

  it("refuses lessons that point at a module or course that does not exist", async () => {
    const problems = await problemsOf({
      ...basicContent(),
      "testkurs/m1/vilse.md": lessonFile("t-vilse", { module: "m9" }),
      "annan/lektion.md": lessonFile("t-annan", { course: "finns-inte" }),
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        { file: "testkurs/m1/vilse.md", field: "module", message: 'modulen "m9" finns inte i kursen "testkurs"' },
        { file: "annan/lektion.md", field: "course", message: 'kursen "finns-inte" finns inte' },
      ]),
    );
  });
});
