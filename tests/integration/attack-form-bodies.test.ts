/**
 * What a form action is sent that no browser form sends: tens of thousands of
 * fields, JSON, plain text, a multipart body that does not parse. Each gets a
 * 4xx with a Swedish message through Remix's own handler and the error pages,
 * never a 500 and never a hang. The sweep reads the build's route list, so a
 * new route with an action is covered without an entry here.
 */
import fs from "node:fs";
import path from "node:path";
import { createRequestHandler } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { actorOf } from "~/modules/auth/session.server";
import { checkUpload, uploadManual } from "~/modules/manuals/manuals.server";
import { scheduleSessions } from "~/modules/sessions/sessions.server";
import { isoDay } from "../support/dates";
import { approvalCohort, attackWorld } from "./attack-world";
import { signedIn } from "./helpers";
import { fillPattern, NONCE, routeFiles, routePattern, startRemixApp, type RemixApp } from "./remix-app";

type Person = Awaited<ReturnType<typeof signedIn>>;

let app: RemixApp;
let handle: ReturnType<typeof createRequestHandler>;
const w = {} as { admin: Person; f1: Person; params: Record<string, string> };

beforeAll(async () => {
  app = await startRemixApp();
  handle = createRequestHandler(app.build, "production");
  const { admin, f1, learner, lulea, programId } = await attackWorld();
  Object.assign(w, { admin, f1 });
  const cohortId = await approvalCohort({ admin, programId }, f1);
  const scheduled = await scheduleSessions(actorOf(w.f1), {
    kind: "group",
    title: "Möte",
    agenda: "",
    date: isoDay(10),
    startTime: "18:00",
    endTime: "19:00",
    location: "Luleå",
    videoUrl: "",
    cohortId: "",
    participantIds: [learner.id],
    capacity: "",
    repeatWeeks: 0,
    occurrences: 1,
  });
  if (!scheduled.ok) throw new Error(scheduled.message);
  const lesson = await db.lesson.findUniqueOrThrow({ where: { slug: "t-uppgift" } });
  const submission = await db.assignmentSubmission.create({ data: { personId: learner.id, lessonId: lesson.id, text: "En inlämning." } });
  const file = await checkUpload(new File(["%PDF-1.4\n"], "manual.pdf"));
  if (!file.ok) throw new Error(file.message);
  const manual = await uploadManual(actorOf(admin), { title: "Manual", description: "", category: "utspel", audience: [] }, file.value);
  if (!manual.ok) throw new Error(manual.message);
  // Real ids, so each action gets past its own checks to the form.
  w.params = {
    branchId: lulea,
    key: (await db.indicator.findFirstOrThrow({ orderBy: { key: "asc" } })).key,
    personId: learner.id,
    cohortId,
    courseSlug: "testkurs",
    lessonSlug: "t-uppgift",
    moduleSlug: "m1",
    branchSlug: "lulea",
    token: "A".repeat(43),
    submissionId: submission.id,
    sessionId: scheduled.value.ids[0]!,
    manualId: manual.value.manualId,
    "*": "finns-inte",
  };
});
afterAll(() => app?.close());

const post = (url: string, body: BodyInit | null, contentType: string | undefined, cookie?: string) => {
  const headers = new Headers(contentType ? { "Content-Type": contentType } : {});
  if (cookie) headers.set("Cookie", cookie);
  return handle(new Request(`http://localhost:3000${url}`, { method: "POST", body, headers }), { clientAddress: "203.0.113.55", cspNonce: NONCE });
};

/** The text of the error page's paragraph (the detail the action's Response carried). */
const detailOf = (html: string) => /<h1 id="error-title">[^<]*<\/h1><p>([^<]*)<\/p>/.exec(html)?.[1]?.replace(/&#x27;/g, "'") ?? html.slice(0, 300);

const BODIES = {
  json: ['{"email":"a@b.se","password":"x"}', "application/json"],
  "text/plain": ["email=a@b.se\r\npassword=x\r\n", "text/plain;charset=UTF-8"],
  "no Content-Type": ["email=a%40b.se&password=x", undefined],
  "broken multipart": ['--XyZ\r\nContent-Disposition: form-data; name="email"\r\n\r\na@b.se', "multipart/form-data; boundary=XyZ"],
  "multipart without a boundary": ['--XyZ\r\nContent-Disposition: form-data; name="email"\r\n\r\na@b.se\r\n--XyZ--\r\n', "multipart/form-data"],
} as const;

describe("attack: bodies no browser form sends, to /login", () => {
  it("50,000 fields are refused with 413 in well under a second (the form reader once took minutes over them)", async () => {
    const body = `email=a%40b.se&password=x&${Array.from({ length: 50_000 }, (_, i) => `f${i}=1`).join("&")}`;
    const started = performance.now();
    const res = await post("/login", body, "application/x-www-form-urlencoded");
    const ms = performance.now() - started;
    expect(res.status).toBe(413);
    expect(detailOf(await res.text())).toBe("Formuläret har för många fält (högst 1 000). Skicka det igen från sidan.");
    expect(ms).toBeLessThan(1_000);
  });

  it.each(Object.keys(BODIES) as (keyof typeof BODIES)[])("%s: 400 with a Swedish message, never a 500", async (name) => {
    const [body, type] = BODIES[name];
    const res = await post("/login", body, type);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toMatch(/Felkod (<!-- -->)?400/);
    expect(detailOf(html)).toMatch(/^Formuläret (skickades i ett format som servern inte tar emot|gick inte att läsa)\./);
  });

  it("a login form as a browser sends it still logs in, urlencoded or multipart", async () => {
    const person = await signedIn();
    const urlencoded = await post("/login", new URLSearchParams({ email: person.email, password: person.password, redirectTo: "/courses" }), undefined);
    expect(urlencoded).toRedirectTo("/courses");
    const form = new FormData();
    form.append("email", person.email);
    form.append("password", person.password);
    const multipart = await post("/login", form, undefined);
    expect(multipart).toRedirectTo("/");
  });
});

describe("attack: every action answers a JSON body and a broken multipart body with a 4xx", () => {
  const actions = () =>
    Object.entries(app.build.routes)
      .filter(([, route]) => typeof route.module.action === "function")
      .map(([id]) => id.replace(/^routes\//, ""));

  it("the sweep has routes to walk", () => {
    expect(actions().length).toBeGreaterThanOrEqual(20);
  });

  it("each one, signed in as someone allowed to post there: < 500, and 400 from every action that reads a form", async () => {
    const readsForm = new Set(
      routeFiles()
        .filter((f) => /\breadForm\(/.test(fs.readFileSync(path.resolve("app/routes", f), "utf8")))
        .map((f) => f.replace(/\.tsx?$/, "")),
    );
    expect(readsForm.size).toBeGreaterThanOrEqual(20);
    for (const file of actions()) {
      const { pattern, index } = routePattern(app.build, file);
      const url = fillPattern(pattern, w.params) + (index ? "?index" : "");
      const cookie = file.startsWith("cohorts.") || file.startsWith("sessions.") || file.startsWith("review.") ? w.f1.cookie : w.admin.cookie;
      for (const name of ["json", "broken multipart"] as const) {
        const [body, type] = BODIES[name];
        const res = await post(url, body, type, cookie);
        const where = `${name} to ${file} (${url})`;
        expect(res.status, where).toBeLessThan(500);
        if (readsForm.has(file)) {
          expect(res.status, where).toBe(400);
          expect(detailOf(await res.text()), where).toMatch(/^Formuläret (skickades i ett format som servern inte tar emot|gick inte att läsa)\./);
        } else {
          await res.text();
        }
      }
    }
  });
});
