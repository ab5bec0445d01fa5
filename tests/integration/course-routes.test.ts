import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { loader as lessonLoader, action as lessonAction } from "~/routes/courses.$courseSlug.$lessonSlug";
import { loader as courseLoader } from "~/routes/courses.$courseSlug._index";
import { loader as certificateLoader } from "~/routes/certificates.$code";
import { loader as verifyLoader } from "~/routes/verifiera.$code";
import { loader as reviewLoader } from "~/routes/review._index";
import { loader as reflectionLoader } from "~/routes/review.reflections.$reflectionId";
import { syncContent } from "~/modules/catalog/sync.server";
import { basicContent, writeContent } from "./content-fixture";
import { formRequest, getRequest, settle, signedIn } from "./helpers";

const context = { clientAddress: "203.0.113.9" };

beforeAll(async () => {
  await syncContent(writeContent(basicContent()));
  // A second course in another program, and a program only for enrolled people.
  await syncContent(
    writeContent({
      ...basicContent(),
      "programs/stangt.md": "---\nkind: program\nprogram: stangt\ntitle: Stängt program\norder: 2\nenrolmentOnly: true\n---\n",
      "stangd/_course.md": "---\nkind: course\nprogram: stangt\ncourse: stangd-kurs\ntitle: Stängd kurs\norder: 1\n---\n",
      "stangd/m/_module.md": "---\nkind: module\ncourse: stangd-kurs\nmodule: m\ntitle: M\norder: 1\n---\n",
      "stangd/m/l.md": "---\nprogram: stangt\ncourse: stangd-kurs\nmodule: m\nlesson: s-lektion\ntitle: Hemlig\norder: 1\ntype: text\n---\nText\n",
    }),
  );
});

describe("lesson pages", () => {
  it("never send a knowledge check's right answers or feedback before the learner answers", async () => {
    const me = await signedIn();
    const res = await settle(() =>
      lessonLoader({ request: getRequest("/courses/testkurs/t-quiz", me.cookie), context, params: { courseSlug: "testkurs", lessonSlug: "t-quiz" } }),
    );
    const body = await res.text();
    expect(res.status).toBe(200);
    expect(body).toContain("Vilket är rätt?");
    expect(body).not.toMatch(/correct|feedback|Ja, det stämmer/);
  });

  it("grade a posted answer on the server and return feedback for the chosen options", async () => {
    const me = await signedIn();
    const request = formRequest("/courses/testkurs/t-quiz", { intent: "quiz", "answer-q1": "1", "answer-q2": ["0", "1"] }, { cookie: me.cookie });
    const res = await settle(() => lessonAction({ request, context, params: { courseSlug: "testkurs", lessonSlug: "t-quiz" } }));
    const body = await res.json();
    expect(body.allCorrect).toBe(false);
    expect(body.results[0]).toMatchObject({ correct: false, feedback: [{ index: 1, feedback: "Nej, läs igen." }] });
    expect(body.results[1]).toMatchObject({ correct: true });
  });

  it("answer 404 to a forged lesson, a lesson of another course, and a retired or unknown course", async () => {
    const me = await signedIn();
    for (const [courseSlug, lessonSlug] of [
      ["testkurs", "finns-inte"],
      ["testkurs", "s-lektion"],
      ["finns-inte", "t-las"],
      ["testkurs", "../../etc/passwd"],
    ]) {
      const res = await settle(() => lessonLoader({ request: getRequest(`/courses/x/y`, me.cookie), context, params: { courseSlug, lessonSlug } }));
      expect(res.status, `${courseSlug}/${lessonSlug}`).toBe(404);
    }
  });

  it("answer 403 to a course of an enrolment-only program, for the page and for a forged post", async () => {
    const me = await signedIn();
    const page = await settle(() => courseLoader({ request: getRequest("/courses/stangd-kurs", me.cookie), context, params: { courseSlug: "stangd-kurs" } }));
    expect(page.status).toBe(403);
    const post = await settle(() =>
      lessonAction({
        request: formRequest("/courses/stangd-kurs/s-lektion", { intent: "read" }, { cookie: me.cookie }),
        context,
        params: { courseSlug: "stangd-kurs", lessonSlug: "s-lektion" },
      }),
    );
    expect(post.status).toBe(403);
    expect(await db.lessonProgress.count({ where: { personId: me.id } })).toBe(0);
  });

  it("refuse a completion type that does not fit the lesson", async () => {
    const me = await signedIn();
    const res = await settle(() =>
      lessonAction({
        request: formRequest("/courses/testkurs/t-quiz", { intent: "read" }, { cookie: me.cookie }),
        context,
        params: { courseSlug: "testkurs", lessonSlug: "t-quiz" },
      }),
    );
    expect(res.status).toBe(400);
  });

  it("keep the typed text and say what is wrong when an assignment is too short", async () => {
    const me = await signedIn();
    const res = await settle(() =>
      lessonAction({
        request: formRequest("/courses/testkurs/t-uppgift", { intent: "assignment", text: "För kort" }, { cookie: me.cookie }),
        context,
        params: { courseSlug: "testkurs", lessonSlug: "t-uppgift" },
      }),
    );
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.errors.text).toEqual(["Skriv minst 20 tecken."]);
    expect(body.values.text).toBe("För kort");
  });
});

describe("other people's work", () => {
  it("a Deltagare cannot open the review pages or another learner's shared reflection", async () => {
    const author = await signedIn({ roles: ["participant"], branch: "Luleå" });
    await settle(() =>
      lessonAction({
        request: formRequest("/courses/testkurs/t-reflektion", { intent: "reflection", text: "Delad tanke", shared: "on" }, { cookie: author.cookie }),
        context,
        params: { courseSlug: "testkurs", lessonSlug: "t-reflektion" },
      }),
    );
    const reflection = await db.reflection.findFirstOrThrow({ where: { personId: author.id } });
    expect(reflection.shared).toBe(true);
    const other = await signedIn({ roles: ["participant"], branch: "Luleå" });
    expect((await settle(() => reviewLoader({ request: getRequest("/review", other.cookie), context, params: {} }))).status).toBe(403);
    const read = await settle(() => reflectionLoader({ request: getRequest("/review/x", other.cookie), context, params: { reflectionId: reflection.id } }));
    expect(read.status).toBe(403);
  });
});

describe("certificates", () => {
  async function certificateFor(personId: string) {
    const course = await db.course.findUniqueOrThrow({ where: { slug: "testkurs" } });
    return db.completion.create({ data: { personId, scope: "course", scopeId: course.id, certificateCode: "ABCD-EFGH-JKLM" } });
  }

  it("the owner sees theirs; another Deltagare gets 403; the public check shows name, course and date only", async () => {
    const owner = await signedIn();
    const cert = await certificateFor(owner.id);
    const own = await settle(() =>
      certificateLoader({ request: getRequest("/certificates/x", owner.cookie), context, params: { code: cert.certificateCode! } }),
    );
    expect(own.status).toBe(200);
    const other = await signedIn();
    expect(
      (await settle(() => certificateLoader({ request: getRequest("/certificates/x", other.cookie), context, params: { code: cert.certificateCode! } })))
        .status,
    ).toBe(403);

    const verified = await settle(() => verifyLoader({ request: getRequest("/verifiera/x"), context, params: { code: "abcd-efgh-jklm" } }));
    expect(verified.status).toBe(200);
    const body = await verified.json();
    expect(Object.keys(body).sort()).toEqual(["code", "completedAt", "course", "name", "program", "valid"]);
    expect(body).toMatchObject({ valid: true, name: owner.name, course: "Testkursen" });
    expect(JSON.stringify(body)).not.toContain(owner.email);

    const unknown = await settle(() => verifyLoader({ request: getRequest("/verifiera/x"), context, params: { code: "ZZZZ-ZZZZ-ZZZZ" } }));
    expect(unknown.status).toBe(404);
  });
});
