/**
 * Script payloads typed into every free-text field come back inert. The
 * payloads go in through the app's own forms (the Remix handler, as a
 * browser would post them) where the forms accept them, and straight into
 * the database where a form refuses them (a later bug or an old import could
 * still put them there). Then the pages are rendered to HTML and read with an
 * HTML tokenizer: no script without this request's nonce, no event-handler
 * attribute, no javascript: URL, and the payload shown as escaped text.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { syncContent } from "~/modules/catalog/sync.server";
import { basicContent, lessonFile, writeContent } from "./content-fixture";
import { isoDay } from "../support/dates";
import { attackWorld } from "./attack-world";
import { branchId, cookieFrom, signedIn } from "./helpers";
import { liveContentIn, startRemixApp, type RemixApp } from "./remix-app";

const PAYLOAD = `<script>alert(1)</script>"><img src=x onerror=alert(1)>`;
/** How React writes PAYLOAD into text and attribute values. */
const ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;";
const JS_URL = "javascript:alert(1)";

type Person = Awaited<ReturnType<typeof signedIn>>;
let app: RemixApp;
const w = {} as {
  admin: Person;
  f1: Person;
  learner: Person;
  chair: Person;
  sessionId: string;
  cohortId: string;
  declinedCohortId: string;
  submissionId: string;
  reflectionId: string;
  flashCookie: string;
};

async function html(res: Response) {
  return res.body ? await res.text() : "";
}

/** A form post through the app; the answer must be what `expected` says, and any page it returns inert. */
async function post(url: string, cookie: string, form: Record<string, string | string[]>, expected: number) {
  const res = await app.request(url, { cookie, form });
  const body = await html(res);
  expect(res.status, `${url}: ${body.slice(0, 300)}`).toBe(expected);
  expectInert(body, `POST ${url}`);
  return { res, body };
}

function expectInert(page: string, where: string) {
  expect(liveContentIn(page), where).toEqual([]);
  expect(page, where).not.toContain("<script>alert(1)</script>");
  expect(page, where).not.toMatch(/<img src=x/i);
}

beforeAll(async () => {
  app = await startRemixApp();
  const { lulea, programId, ...people } = await attackWorld();
  Object.assign(w, people);

  // Person name, through the admin's person form.
  await post(
    `/admin/people/${w.learner.id}`,
    w.admin.cookie,
    { intent: "save", name: PAYLOAD, email: w.learner.email, branchId: lulea, position: "ledamot", roles: "participant" },
    302,
  );

  // Reflection (shared) and assignment, through the lesson forms; review feedback through the review form.
  await post("/courses/testkurs/t-reflektion", w.learner.cookie, { intent: "reflection", text: PAYLOAD, shared: "on" }, 302);
  await post("/courses/testkurs/t-uppgift", w.learner.cookie, { intent: "assignment", text: `${PAYLOAD} ${PAYLOAD}` }, 302);
  w.reflectionId = (await db.reflection.findFirstOrThrow({ where: { personId: w.learner.id } })).id;
  w.submissionId = (await db.assignmentSubmission.findFirstOrThrow({ where: { personId: w.learner.id } })).id;
  await post(`/review/submissions/${w.submissionId}`, w.f1.cookie, { decision: "return", comment: PAYLOAD }, 302);

  // Session title, agenda and place through the scheduling form.
  const session = await post(
    "/sessions/new",
    w.f1.cookie,
    {
      kind: "group",
      title: PAYLOAD,
      agenda: PAYLOAD,
      date: isoDay(10),
      startTime: "18:00",
      endTime: "19:00",
      location: PAYLOAD,
      videoUrl: "https://meet.example.se/rum",
      participantIds: w.learner.id,
      repeatWeeks: "0",
      occurrences: "1",
    },
    302,
  );
  w.sessionId = session.res.headers.get("Location")!.split("/").pop()!;

  // Cohort name through the admin's cohort form; enrolling puts the name in a flash message too.
  const cohortForm = (mode: string) => ({
    name: PAYLOAD,
    programId,
    startsOn: isoDay(5),
    endsOn: isoDay(50),
    enrolmentOpensOn: isoDay(-1),
    enrolmentClosesOn: isoDay(3),
    capacity: "5",
    mode,
    facilitatorIds: w.f1.id,
  });
  w.cohortId = (await post("/admin/cohorts/new", w.admin.cookie, cohortForm("open"), 302)).res.headers.get("Location")!.split("/").pop()!;
  const enrolled = await post(`/cohorts/${w.cohortId}?index`, w.learner.cookie, { intent: "enrol" }, 302);
  w.flashCookie = cookieFrom(enrolled.res, "ledarlyftet_flash");
  // A decline reason, shown to the applicant.
  w.declinedCohortId = (await post("/admin/cohorts/new", w.admin.cookie, cohortForm("approval"), 302)).res.headers.get("Location")!.split("/").pop()!;
  await post(`/cohorts/${w.declinedCohortId}?index`, w.learner.cookie, { intent: "enrol" }, 302);
  const pending = await db.enrolment.findFirstOrThrow({ where: { cohortId: w.declinedCohortId, personId: w.learner.id } });
  await post(`/cohorts/${w.declinedCohortId}?index`, w.f1.cookie, { intent: "decline", enrolmentId: pending.id, reason: PAYLOAD }, 302);

  // Crisis plan: an item's note and reason, the branch's own item, a contact; the template's new item.
  await app.request("/crisis/lulea", { cookie: w.chair.cookie }).then(html);
  const plan = await db.crisisPlan.findFirstOrThrow({ where: { branchId: lulea }, include: { items: { orderBy: { order: "asc" } } } });
  const item = plan.items[0]!;
  await post(
    "/crisis/lulea?index",
    w.chair.cookie,
    { intent: "item", itemId: item.id, status: "not-applicable", notApplicableReason: PAYLOAD, note: PAYLOAD, link: "" },
    302,
  );
  await post("/crisis/lulea?index", w.chair.cookie, { intent: "own-item", sectionKey: item.sectionKey, title: PAYLOAD, guidance: PAYLOAD }, 302);
  await post("/crisis/lulea?index", w.chair.cookie, { intent: "contact", name: PAYLOAD, role: PAYLOAD, phone: "070-123 45 67" }, 302);
  await post("/admin/crisis-template", w.admin.cookie, { newSection: item.sectionKey, newTitle: PAYLOAD, newGuidance: PAYLOAD, note: PAYLOAD }, 302);

  // Goals: an indicator's texts and an entered value's source.
  await post(
    "/admin/goals/oppenhet",
    w.admin.cookie,
    { intent: "edit", name: PAYLOAD, definition: PAYLOAD, baseline: "45", baselineSource: PAYLOAD, target: "60", parameter: "" },
    302,
  );
  await post("/admin/goals/oppenhet", w.admin.cookie, { intent: "entry", period: "2026", value: "47", source: PAYLOAD, measuredOn: "2026-03-01" }, 302);

  // A branch name the form would refuse (see below), put straight into the database.
  await db.branch.update({ where: { name: "Pajala" }, data: { name: PAYLOAD } });
}, 60_000);

afterAll(async () => {
  await app?.close();
});

describe("attack: stored script payloads render inert", () => {
  // {placeholders} are ids made in beforeAll.
  const pages: [who: keyof typeof w, url: string, showsPayload: boolean][] = [
    ["admin", "/admin/people", true],
    ["admin", "/admin/people/{learner}", true],
    ["admin", "/admin/branches", true],
    ["admin", "/admin/outbox", true],
    ["admin", "/admin/goals", true],
    ["admin", "/admin/goals/oppenhet", true],
    ["admin", "/admin/goals/report", true],
    ["admin", "/admin/crisis-template", true],
    ["admin", "/cohorts", true],
    ["admin", "/crisis", true],
    ["admin", "/sessions", false],
    ["admin", "/review", true],
    ["learner", "/", true],
    ["learner", "/account", true],
    ["learner", "/my-courses", false],
    ["learner", "/courses/testkurs/t-reflektion", true],
    ["learner", "/courses/testkurs/t-uppgift", true],
    ["learner", "/sessions/{session}", true],
    ["learner", "/sessions", true],
    ["learner", "/cohorts/{declinedCohort}", true],
    ["f1", "/", false],
    ["f1", "/review", true],
    ["f1", "/review/reflections/{reflection}", true],
    ["f1", "/review/submissions/{submission}", true],
    ["f1", "/sessions/{session}", true],
    ["f1", "/cohorts/{cohort}", true],
    ["f1", "/cohorts/{cohort}/bulk", true],
    ["chair", "/crisis/lulea", true],
    ["chair", "/crisis/lulea/now", true],
    ["chair", "/crisis/lulea/print", true],
  ];

  it.each(pages)("%s opens %s: payload shown as text, nothing live", async (who, template, shows) => {
    const person = w[who] as Person;
    const ids: Record<string, string> = {
      learner: w.learner.id,
      session: w.sessionId,
      cohort: w.cohortId,
      declinedCohort: w.declinedCohortId,
      reflection: w.reflectionId,
      submission: w.submissionId,
    };
    const url = template.replace(/\{(\w+)\}/g, (_, name: string) => ids[name]!);
    const res = await app.request(url, { cookie: person.cookie });
    const page = await html(res);
    expect(res.status, url).toBe(200);
    expectInert(page, url);
    if (shows) expect(page, `${url} should show the payload, escaped`).toContain(ESCAPED);
  });

  it("a flash message carrying a stored name is escaped too", async () => {
    const res = await app.request(`/cohorts/${w.cohortId}`, { cookie: `${w.learner.cookie}; ${w.flashCookie}` });
    const page = await html(res);
    expect(page).toContain(`Du är antagen till ${ESCAPED}`);
    expectInert(page, "flash");
  });

  it("a form shown again with its errors keeps the typed payload as text", async () => {
    const { body } = await post("/courses/testkurs/t-uppgift", w.learner.cookie, { intent: "assignment", text: PAYLOAD.slice(0, 10) }, 400);
    expect(body).toContain("Skriv minst 20 tecken.");
    const person = await post(
      "/admin/people/new",
      w.admin.cookie,
      { name: PAYLOAD, email: "inte-en-adress", branchId: "", position: "ledamot", roles: "participant" },
      400,
    );
    expect(person.body).toContain(ESCAPED);
  });

  it("a bulk-enrolment preview lists stored names as text", async () => {
    const { body } = await post(`/cohorts/${w.cohortId}/bulk`, w.f1.cookie, { intent: "preview-filter", branchId: await branchId("Luleå"), position: "" }, 200);
    expect(body).toContain(ESCAPED);
  });

  it("a branch name with markup is refused by the form, with the typed value shown back as text", async () => {
    const branch = await db.branch.findUniqueOrThrow({ where: { name: "Kiruna" } });
    const { body } = await post(`/admin/branches/${branch.id}`, w.admin.cookie, { name: PAYLOAD }, 400);
    expect(body).toContain("Använd bokstäver, mellanslag och bindestreck.");
    expect((await db.branch.findUniqueOrThrow({ where: { id: branch.id } })).name).toBe("Kiruna");
  });

  it("javascript: is refused in every link field: a session's video link and a crisis item's link", async () => {
    const video = await post(
      "/sessions/new",
      w.f1.cookie,
      {
        kind: "group",
        title: "Möte",
        agenda: "",
        date: isoDay(12),
        startTime: "18:00",
        endTime: "19:00",
        location: "",
        videoUrl: JS_URL,
        participantIds: w.learner.id,
        repeatWeeks: "0",
        occurrences: "1",
      },
      400,
    );
    expect(video.body).toContain("Videolänken ska börja med https://");
    const plan = await db.crisisPlan.findFirstOrThrow({ where: { branch: { slug: "lulea" } }, include: { items: true } });
    for (const link of [JS_URL, " JavaScript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)"]) {
      const crisis = await post(
        "/crisis/lulea?index",
        w.chair.cookie,
        { intent: "item", itemId: plan.items[1]!.id, status: "done", notApplicableReason: "", note: "", link },
        400,
      );
      expect(crisis.body).toMatch(/Länken ska börja med http\(s\):\/\/|Ange en hel adress/);
    }
  });

  it("a javascript: link that got into the database anyway is not rendered as a live link", async () => {
    await db.handledningSession.update({ where: { id: w.sessionId }, data: { videoUrl: JS_URL } });
    const plan = await db.crisisPlan.findFirstOrThrow({ where: { branch: { slug: "lulea" } }, include: { items: true } });
    await db.crisisPlanItem.update({ where: { id: plan.items[1]!.id }, data: { link: JS_URL } });
    try {
      for (const [person, url] of [
        [w.learner, `/sessions/${w.sessionId}`],
        [w.f1, `/sessions/${w.sessionId}`],
        [w.chair, "/crisis/lulea"],
        [w.chair, "/crisis/lulea/print"],
      ] as const) {
        const page = await html(await app.request(url, { cookie: person.cookie }));
        expectInert(page, url);
      }
    } finally {
      await db.handledningSession.update({ where: { id: w.sessionId }, data: { videoUrl: "https://meet.example.se/rum" } });
    }
  });

  it("after login, a javascript: or off-site redirectTo goes home instead", async () => {
    for (const redirectTo of [JS_URL, "//evil.example", "/\\evil.example", "https://evil.example/"]) {
      const res = await app.request("/login", { form: { email: w.admin.email, password: w.admin.password, redirectTo } });
      await html(res);
      expect(res).toRedirectTo("/");
    }
    const page = await html(await app.request(`/login?redirectTo=${encodeURIComponent(`"><script>alert(1)</script>`)}`));
    expectInert(page, "/login");
  });
});

describe("attack: markup in course content is escaped at sync", () => {
  it("raw HTML and script in a lesson come out as text, javascript: links are dropped, and the page is inert", async () => {
    const body = [
      "Vanlig text.",
      "",
      "<script>alert(1)</script>",
      "",
      '<img src=x onerror="alert(1)">',
      "",
      "[klicka här](javascript:alert(1)) och [här](JAVASCRIPT:alert(1)) och [data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
      "",
      '[vbscript](vbscript:msgbox(1)) och <a href="javascript:alert(1)">rå länk</a>',
      "",
      "![bild](javascript:alert(1))",
      "",
      "[en bra länk](https://www.socialdemokraterna.se/)",
    ].join("\n");
    await syncContent(
      writeContent({
        ...basicContent(),
        "testkurs/m1/las.md": lessonFile("t-las", { order: 1, body }),
        "testkurs/m1/extra.md": lessonFile("t-extra", { order: 3, required: false, extra: "" }).replace(
          "title: Lektion t-extra",
          `title: "${PAYLOAD.replaceAll('"', '\\"')}"`,
        ),
      }),
    );
    const lesson = await db.lesson.findUniqueOrThrow({ where: { slug: "t-las" } });
    expect(lesson.bodyHtml).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(lesson.bodyHtml).not.toMatch(/<script|<img|href="(javascript|vbscript|data):/i);
    expect(lesson.bodyHtml).toContain('<a href="https://www.socialdemokraterna.se/" rel="noopener noreferrer">en bra länk</a>');

    for (const url of ["/courses/testkurs/t-las", "/courses/testkurs/t-extra", "/courses/testkurs", "/courses"]) {
      const res = await app.request(url, { cookie: w.learner.cookie });
      const page = await html(res);
      expect(res.status, url).toBe(200);
      expectInert(page, url);
    }
  });
});
