import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { syncContent } from "~/modules/catalog/sync.server";
import { createCohort } from "~/modules/enrolment/cohorts.server";
import { countAttendedSessions, recordLessonCompletion, refreshCompletions } from "~/modules/progress/course-progress.server";
import { getCatalog } from "~/modules/progress/learning.server";
import { loader as branchExportLoader } from "~/routes/admin.branches.$branchId.export[.csv]";
import { loader as cohortPageLoader } from "~/routes/cohorts.$cohortId._index";
import { loader as cohortExportLoader } from "~/routes/cohorts.$cohortId.export[.csv]";
import { parseCsv } from "~/utils/csv";
import { stockholmDate } from "~/utils/time";
import { basicContent, lessonFile, writeContent } from "./content-fixture";
import { isoDay } from "../support/dates";
import { branchId, createPerson, getRequest, settle, signedIn } from "./helpers";
import { startRemixApp, type RemixApp } from "./remix-app";

const context = { clientAddress: "203.0.113.61" };
const FORMULA_NAME = '=HYPERLINK("http://evil.example";"Klicka")';
const COHORT_HEADER = [
  "Namn",
  "E-post",
  "Arbetarekommun",
  "Anmälan",
  "Nivå",
  "Program",
  "Kurs",
  "Modul",
  "Lektion",
  "Obligatorisk",
  "Obligatoriska lektioner klara",
  "Obligatoriska lektioner",
  "Framsteg (%)",
  "Handledning närvarat",
  "Handledning krävs",
  "Klar (datum)",
];
const BRANCH_HEADER = COHORT_HEADER.map((column) => (column === "Anmälan" ? "Befattning" : column));
const col = (name: string) => COHORT_HEADER.indexOf(name);

type Person = Awaited<ReturnType<typeof signedIn>>;
const w = {} as {
  admin: Person;
  facilitator: Person;
  otherFacilitator: Person;
  /** Enrolled, half-way through the course, one handledning attended (and one in a cancelled session). */
  halfway: Person;
  /** Enrolled, named like a formula, nothing done. */
  formula: Person;
  /** Done with the cohort: every required lesson, the course and the program. */
  finished: Person;
  waiting: Person;
  applicant: Person;
  stranger: Person;
  cohortId: string;
  cohortName: string;
  otherCohortId: string;
  programId: string;
  pajala: string;
};

const lessonId = async (slug: string) => (await db.lesson.findUniqueOrThrow({ where: { slug } })).id;
const courseId = async (slug: string) => (await db.course.findUniqueOrThrow({ where: { slug } })).id;

async function complete(personId: string, slugs: string[], at: Date) {
  for (const slug of slugs) await recordLessonCompletion(db, personId, await lessonId(slug), at);
  await refreshCompletions(db, personId, await courseId("testkurs"), countAttendedSessions, at);
}

let sessions = 0;

async function attend(personId: string, status: "scheduled" | "cancelled") {
  const startsAt = new Date("2027-01-20T17:00:00Z");
  const session = await db.handledningSession.create({
    data: {
      uid: `export-${++sessions}`,
      facilitatorId: w.facilitator.id,
      kind: "one-to-one",
      title: "Samtal",
      startsAt,
      endsAt: new Date(startsAt.getTime() + 3_600_000),
      status,
    },
  });
  await db.attendance.create({ data: { sessionId: session.id, personId, status: "attended" } });
}

async function newCohort(name: string, facilitatorId: string) {
  const created = await createCohort("admin", {
    name,
    programId: w.programId,
    startsOn: isoDay(-10),
    endsOn: isoDay(60),
    enrolmentOpensOn: isoDay(-20),
    enrolmentClosesOn: isoDay(5),
    capacity: 10,
    mode: "approval",
    facilitatorIds: [facilitatorId],
    branchIds: [],
    positions: [],
  });
  if (!created.ok) throw new Error(created.message);
  return created.value.id;
}

const enrol = (personId: string, status: string) =>
  db.enrolment.create({ data: { cohortId: w.cohortId, personId, status, enrolledAt: status === "enrolled" || status === "completed" ? new Date() : null } });

const cohortExport = (cohortId: string, cookie?: string) =>
  settle(() => cohortExportLoader({ request: getRequest(`/cohorts/${cohortId}/export.csv`, cookie), context, params: { cohortId } }));

const branchExport = (id: string, cookie?: string) =>
  settle(() => branchExportLoader({ request: getRequest(`/admin/branches/${id}/export.csv`, cookie), context, params: { branchId: id } }));

async function rowsOf(res: Response) {
  expect(res.status).toBe(200);
  return parseCsv(await res.text());
}

beforeAll(async () => {
  await syncContent(
    writeContent({
      ...basicContent("requiredSessions: 2"),
      // A course of the program that its progress does not count.
      "tillval/_course.md": "---\nkind: course\nprogram: testprogram\ncourse: tillval\ntitle: Tillvalskursen\norder: 2\nrequired: false\n---\n",
      "tillval/m/_module.md": "---\nkind: module\ncourse: tillval\nmodule: m\ntitle: Tillvalsmodul\norder: 1\n---\n",
      "tillval/m/l.md": lessonFile("t-tillval", { course: "tillval", module: "m" }),
    }),
  );
  w.programId = (await db.program.findUniqueOrThrow({ where: { slug: "testprogram" } })).id;
  w.pajala = await branchId("Pajala");
  w.admin = await signedIn({ roles: ["admin"], branch: "Luleå" });
  w.facilitator = await signedIn({ roles: ["facilitator"], branch: "Luleå" });
  w.otherFacilitator = await signedIn({ roles: ["facilitator"], branch: "Luleå" });
  w.halfway = await signedIn({ branch: "Pajala", position: "kommunalrad" });
  w.formula = await signedIn({ branch: "Pajala" });
  await db.person.update({ where: { id: w.formula.id }, data: { name: FORMULA_NAME } });
  w.finished = await signedIn({ branch: "Kiruna" });
  w.waiting = await signedIn({ branch: "Pajala" });
  w.applicant = await signedIn({ branch: "Pajala" });
  w.stranger = await signedIn({ branch: "Pajala" });
  // Gone from the branch's list: deactivated.
  await createPerson({ branch: "Pajala", active: false });

  w.cohortName = "Vårens ledare; Pajala";
  w.cohortId = await newCohort(w.cohortName, w.facilitator.id);
  w.otherCohortId = await newCohort("En annan omgång", w.otherFacilitator.id);
  await enrol(w.halfway.id, "enrolled");
  await enrol(w.formula.id, "enrolled");
  await enrol(w.finished.id, "completed");
  await enrol(w.waiting.id, "waitlisted");
  await enrol(w.applicant.id, "pending");

  await complete(w.halfway.id, ["t-las", "t-quiz", "t-extra"], new Date("2027-02-03T10:00:00Z"));
  await attend(w.halfway.id, "scheduled");
  await attend(w.halfway.id, "cancelled");
  await attend(w.finished.id, "scheduled");
  await attend(w.finished.id, "scheduled");
  await complete(w.finished.id, ["t-las", "t-quiz", "t-reflektion", "t-uppgift"], new Date("2027-03-01T22:30:00Z"));
}, 60_000);

describe("a cohort's progress export", () => {
  it("has a row per participant and program, course and lesson, with the numbers the cohort page shows and the database holds", async () => {
    const page = await (
      await settle(() => cohortPageLoader({ request: getRequest(`/cohorts/${w.cohortId}`, w.facilitator.cookie), context, params: { cohortId: w.cohortId } }))
    ).json();
    const seated = (page.roster as { personId: string; email: string; status: string; percent: number }[]).filter(
      (r) => r.status === "enrolled" || r.status === "completed",
    );
    const [header, ...rows] = await rowsOf(await cohortExport(w.cohortId, w.facilitator.cookie));
    expect(header).toEqual(COHORT_HEADER);

    // The participants, in the page's order; nobody waitlisted or waiting for a decision.
    const programRows = rows.filter((r) => r[col("Nivå")] === "Program");
    expect(programRows.map((r) => r[col("E-post")])).toEqual(seated.map((r) => r.email));
    expect(programRows.map((r) => r[col("E-post")])).not.toContain(w.waiting.email);
    expect(rows.map((r) => r[col("E-post")])).not.toContain(w.applicant.email);

    const program = await db.program.findUniqueOrThrow({ where: { id: w.programId } });
    for (const shown of seated) {
      const row = programRows.find((r) => r[col("E-post")] === shown.email)!;
      // The share is the page's, and the count of done lessons is the database's: required lessons of required modules of required courses.
      expect(row[col("Framsteg (%)")]).toBe(String(shown.percent));
      const done = await db.lessonProgress.count({
        where: {
          personId: shown.personId,
          completedAt: { not: null },
          lesson: {
            retiredAt: null,
            required: true,
            module: { retiredAt: null, required: true, course: { retiredAt: null, required: true, programId: w.programId } },
          },
        },
      });
      expect(row[col("Obligatoriska lektioner klara")]).toBe(String(done));
      expect(row[col("Obligatoriska lektioner")]).toBe("4");
      expect(row[col("Handledning närvarat")]).toBe(String(await countAttendedSessions(db, shown.personId)));
      expect(row[col("Handledning krävs")]).toBe(String(program.requiredSessions));

      // Every completed lesson of the program has its date, and no other lesson has one.
      const lessonRows = rows.filter((r) => r[col("E-post")] === shown.email && r[col("Nivå")] === "Lektion");
      expect(lessonRows).toHaveLength(6);
      const completedLessons = await db.lessonProgress.count({
        where: { personId: shown.personId, completedAt: { not: null }, lesson: { module: { course: { programId: w.programId } } } },
      });
      expect(lessonRows.filter((r) => r[col("Klar (datum)")] !== "")).toHaveLength(completedLessons);
    }

    const of = (person: Person, level: string, name?: string) =>
      rows.filter(
        (r) => r[col("E-post")] === person.email && r[col("Nivå")] === level && (name === undefined || [r[col("Kurs")], r[col("Lektion")]].includes(name)),
      );
    expect(of(w.halfway, "Program")[0]!.slice(col("Obligatoriska lektioner klara"))).toEqual(["2", "4", "50", "1", "2", ""]);
    expect(of(w.halfway, "Kurs", "Testkursen")[0]!.slice(col("Obligatorisk"))).toEqual(["ja", "2", "4", "50", "", "", ""]);
    expect(of(w.halfway, "Kurs", "Tillvalskursen")[0]!.slice(col("Obligatorisk"))).toEqual(["nej", "0", "1", "0", "", "", ""]);
    expect(of(w.halfway, "Lektion", "Lektion t-extra")[0]!.slice(col("Kurs"))).toEqual([
      "Testkursen",
      "Modul ett",
      "Lektion t-extra",
      "nej",
      "",
      "",
      "",
      "",
      "",
      "2027-02-03",
    ]);
    expect(of(w.halfway, "Lektion", "Lektion t-reflektion")[0]![col("Klar (datum)")]).toBe("");
    expect(of(w.halfway, "Program")[0]!.slice(0, 4)).toEqual([w.halfway.name, w.halfway.email, "Pajala", "Antagen"]);

    // Completion dates come from the completions, as Swedish calendar days (23:30 in Sweden is still 1 March).
    const completions = await db.completion.findMany({ where: { personId: w.finished.id, scope: { in: ["course", "program"] } } });
    expect(completions.map((c) => c.scope).sort()).toEqual(["course", "program"]);
    const day = (scope: string) => stockholmDate(completions.find((c) => c.scope === scope)!.completedAt);
    expect(day("program")).toBe("2027-03-01");
    expect(of(w.finished, "Program")[0]![col("Anmälan")]).toBe("Genomförd");
    expect(of(w.finished, "Program")[0]!.slice(col("Obligatoriska lektioner klara"))).toEqual(["4", "4", "100", "2", "2", day("program")]);
    expect(of(w.finished, "Kurs", "Testkursen")[0]![col("Klar (datum)")]).toBe(day("course"));
    expect(of(w.finished, "Kurs", "Tillvalskursen")[0]![col("Klar (datum)")]).toBe("");
  });

  it("is a file for Swedish Excel: BOM, semicolons, CRLF, no decimals written with a point, a name never a formula", async () => {
    const res = await cohortExport(w.cohortId, w.facilitator.cookie);
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    // The cohort's name and the day, in Swedish, with a plain-ASCII name beside it.
    const today = stockholmDate(new Date());
    expect(res.headers.get("Content-Disposition")).toBe(
      `attachment; filename="ledarlyftet-framsteg-Varens ledare; Pajala-${today}.csv"; filename*=UTF-8''${encodeURIComponent(`ledarlyftet-framsteg-${w.cohortName}-${today}.csv`)}`,
    );
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.split("\r\n")[0]).toBe(COHORT_HEADER.join(";"));
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    const cells = parseCsv(text).flat();
    // Shares are whole percent, as the cohort page shows them: no number is written with a decimal point.
    expect(cells.filter((c) => /^-?\d+\.\d+$/.test(c))).toEqual([]);
    expect(cells.filter((c) => /^-?\d+(,\d+)?$/.test(c)).length).toBeGreaterThan(0);
    expect(cells).toContain(`'${FORMULA_NAME}`);
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
  });

  it("is refused to anyone who does not see the participants on the cohort page, and logged for those who do", async () => {
    const url = `/cohorts/${w.cohortId}/export.csv`;
    const logged = () => db.auditEvent.count({ where: { action: "cohort.progress-exported", subjectId: w.cohortId } });
    const before = await logged();
    const earlier = (await db.auditEvent.findMany({ select: { id: true } })).map((e) => e.id);

    expect(await cohortExport(w.cohortId)).toRedirectTo(`/login?redirectTo=${encodeURIComponent(url)}`);
    for (const outsider of [w.halfway, w.stranger, w.otherFacilitator]) {
      const res = await cohortExport(w.cohortId, outsider.cookie);
      expect([403, 404], `${outsider.name} got ${res.status}`).toContain(res.status);
      expect(await res.text()).not.toContain(w.halfway.email);
    }
    expect((await cohortExport("finns-inte", w.admin.cookie)).status).toBe(404);
    expect(await logged()).toBe(before);

    // The cohort's own facilitator and an admin: each download is one entry, by who downloaded it.
    for (const insider of [w.facilitator, w.admin]) expect((await cohortExport(w.cohortId, insider.cookie)).status).toBe(200);
    const entries = await db.auditEvent.findMany({ where: { action: "cohort.progress-exported", id: { notIn: earlier } } });
    expect(entries.map((e) => [e.actorId, e.subjectType, e.subjectId, JSON.parse(e.detail)])).toEqual(
      expect.arrayContaining([
        [w.facilitator.id, "cohort", w.cohortId, { format: "csv", people: 3 }],
        [w.admin.id, "cohort", w.cohortId, { format: "csv", people: 3 }],
      ]),
    );
    expect(await logged()).toBe(before + 2);
  });
});

describe("a branch's progress export", () => {
  it("has a row per active person of the branch and program and course, matching what they see in their own courses", async () => {
    const [header, ...rows] = await rowsOf(await branchExport(w.pajala, w.admin.cookie));
    expect(header).toEqual(BRANCH_HEADER);
    const people = await db.person.findMany({ where: { branchId: w.pajala, active: true }, orderBy: [{ name: "asc" }, { email: "asc" }] });
    const programRows = rows.filter((r) => r[col("Nivå")] === "Program");
    expect(programRows.map((r) => r[col("E-post")])).toEqual(people.map((p) => p.email));
    // Programs and courses only; the finished learner belongs to Kiruna.
    expect(rows.filter((r) => r[col("Nivå")] === "Lektion")).toEqual([]);
    expect(rows.map((r) => r[col("E-post")])).not.toContain(w.finished.email);
    expect(new Set(rows.map((r) => r[col("Arbetarekommun")]))).toEqual(new Set(["Pajala"]));

    for (const person of people) {
      const catalog = await getCatalog(person.id);
      const courses = catalog.flatMap((p) => p.courses);
      const courseRows = rows.filter((r) => r[col("E-post")] === person.email && r[col("Nivå")] === "Kurs");
      // The share of each course is the one the person's own course list shows.
      expect(courseRows.map((r) => [r[col("Kurs")], r[col("Framsteg (%)")]])).toEqual(courses.map((c) => [c.title, String(c.percent)]));
    }
    const halfway = programRows.find((r) => r[col("E-post")] === w.halfway.email)!;
    expect(halfway.slice(col("Anmälan"))).toEqual(["Kommunalråd", "Program", "Testprogrammet", "", "", "", "", "2", "4", "50", "1", "2", ""]);
  });

  it("is for admins only, and each download is logged", async () => {
    const url = `/admin/branches/${w.pajala}/export.csv`;
    const logged = () => db.auditEvent.count({ where: { action: "branch.progress-exported", subjectId: w.pajala } });
    const before = await logged();
    expect(await branchExport(w.pajala)).toRedirectTo(`/login?redirectTo=${encodeURIComponent(url)}`);
    for (const outsider of [w.facilitator, w.halfway]) expect((await branchExport(w.pajala, outsider.cookie)).status).toBe(403);
    expect((await branchExport("finns-inte", w.admin.cookie)).status).toBe(404);
    expect(await logged()).toBe(before);

    await rowsOf(await branchExport(w.pajala, w.admin.cookie));
    const entry = await db.auditEvent.findFirstOrThrow({ where: { action: "branch.progress-exported", subjectId: w.pajala }, orderBy: { createdAt: "desc" } });
    expect([entry.actorId, entry.subjectType, JSON.parse(entry.detail)]).toEqual([w.admin.id, "branch", { format: "csv", people: 5 }]);
    expect(await logged()).toBe(before + 1);
  });
});

describe("the links to the exports", () => {
  let app: RemixApp;
  beforeAll(async () => {
    app = await startRemixApp();
  }, 60_000);
  afterAll(async () => {
    await app?.close();
  });

  const page = async (url: string, cookie: string) => {
    const res = await app.request(url, { cookie });
    expect(res.status).toBe(200);
    return res.text();
  };

  it("the cohort page offers its facilitator the download, a participant not; the URL answers the file", async () => {
    const link = `href="/cohorts/${w.cohortId}/export.csv"`;
    expect(await page(`/cohorts/${w.cohortId}`, w.facilitator.cookie)).toContain(link);
    expect(await page(`/cohorts/${w.cohortId}`, w.halfway.cookie)).not.toContain(link);
    const file = await app.request(`/cohorts/${w.cohortId}/export.csv`, { cookie: w.facilitator.cookie });
    expect(file.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(await file.text()).toContain(w.halfway.email);
  });

  it("the admin's branch page, with its rename form, links to the branch's download", async () => {
    const html = await page(`/admin/branches/${w.pajala}`, w.admin.cookie);
    expect(html).toContain(`href="/admin/branches/${w.pajala}/export.csv"`);
    expect(html).toContain('name="name"');
  });

  it("the branch export's address answers the file", async () => {
    const file = await app.request(`/admin/branches/${w.pajala}/export.csv`, { cookie: w.admin.cookie });
    expect(file.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(await file.text()).toContain(w.halfway.email);
  });
});
