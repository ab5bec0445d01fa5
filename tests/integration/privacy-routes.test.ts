import type { LoaderFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { ensureDistrictBranches } from "~/modules/branches/branches.server";
import { ensureGoals } from "~/modules/goals/seed-goals.server";
import { dormantCutoff, listPeople, peopleCounts } from "~/modules/people/people.server";
import { parseCsv } from "~/utils/csv";
import { erasedEmail } from "~/modules/privacy/erasure.server";
import { loader as dataJsonLoader } from "~/routes/account_.data[.json]";
import { loader as dataPageLoader } from "~/routes/account_.data";
import { loader as personLoader, action as personAction } from "~/routes/admin.people.$personId";
import { loader as eraseLoader, action as eraseAction } from "~/routes/admin.people.$personId_.erase";
import { loader as peopleLoader } from "~/routes/admin.people._index";
import { loader as auditLoader } from "~/routes/admin.audit";
import { loader as auditCsvLoader } from "~/routes/admin.audit[.csv]";
import { loader as privacyLoader } from "~/routes/integritet";
import { loader as submissionLoader } from "~/routes/review.submissions.$submissionId";
import { loader as reflectionLoader } from "~/routes/review.reflections.$reflectionId";
import { loader as cohortLoader } from "~/routes/cohorts.$cohortId._index";
import { loader as drillLoader } from "~/routes/admin.goals.$key";
import { loader as goalsCsvLoader } from "~/routes/admin.goals.export[.csv]";
import { action as goalsAction } from "~/routes/admin.goals._index";
import { commitImport } from "~/modules/people/import.server";
import { action as loginAction } from "~/routes/login";
import { branchId, createPerson, formRequest, getRequest, settle, signedIn } from "./helpers";
import { catalog } from "./privacy-fixture";

const context = { clientAddress: "203.0.113.61" };
const DAY = 86_400_000;
const get = (loader: (args: LoaderFunctionArgs) => Promise<unknown>, url: string, cookie?: string, params: Record<string, string> = {}) =>
  settle(() => loader({ request: getRequest(url, cookie), context, params }));
const accessEvents = (action: string, actorId: string) => db.auditEvent.findMany({ where: { action, actorId } });

beforeAll(async () => {
  await ensureDistrictBranches();
  await ensureGoals();
});

describe("my data: /account/data and /account/data.json", () => {
  it("downloads the caller's own data as a JSON attachment, whatever the URL says", async () => {
    const anna = await signedIn();
    const bertil = await signedIn();
    await db.reflection.create({ data: { personId: bertil.id, lessonId: (await catalog()).lessons.reflection.id, text: "Bertils hemliga tankar" } });
    for (const url of ["/account/data.json", `/account/data.json?personId=${bertil.id}`, `/account/data.json?id=${bertil.id}&email=${bertil.email}`]) {
      const res = await get(dataJsonLoader, url, anna.cookie);
      expect(res.status).toBe(200);
      expect(res.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
      expect(res.headers.get("Content-Disposition")).toMatch(/^attachment; filename="ledarlyftet-mina-uppgifter-\d{4}-\d{2}-\d{2}\.json";/);
      const text = await res.text();
      const body = JSON.parse(text);
      expect(body.person).toMatchObject({ id: anna.id, name: anna.name, email: anna.email });
      expect(text).not.toContain(bertil.email);
      expect(text).not.toContain("Bertils hemliga tankar");
    }
    const page = await (await get(dataPageLoader, "/account/data", bertil.cookie)).json();
    expect(page.person.email).toBe(bertil.email);
    expect(page.reflections[0]).toMatchObject({ text: "Bertils hemliga tankar", visibility: "Privat (bara du)" });
  });

  it("sends an anonymous visitor to the login page, and looking at one's own data is not logged as access", async () => {
    const res = await get(dataJsonLoader, "/account/data.json");
    expect(res).toRedirectTo("/login?redirectTo=%2Faccount%2Fdata.json");
    const me = await signedIn({ roles: ["admin"] });
    await get(dataJsonLoader, "/account/data.json", me.cookie);
    await get(personLoader, `/admin/people/${me.id}`, me.cookie, { personId: me.id });
    expect(await db.auditEvent.count({ where: { actorId: me.id, action: { endsWith: ".viewed" } } })).toBe(0);
  });
});

describe("erasure by an admin", () => {
  it("a Deltagare or Utvecklingsledare gets 403 on the confirmation page and the action; nothing is erased", async () => {
    const target = await createPerson();
    for (const role of ["participant", "facilitator"] as const) {
      const me = await signedIn({ roles: [role] });
      expect((await get(eraseLoader, `/admin/people/${target.id}/erase`, me.cookie, { personId: target.id })).status).toBe(403);
      const res = await settle(() =>
        eraseAction({
          request: formRequest(`/admin/people/${target.id}/erase`, { confirmEmail: target.email }, { cookie: me.cookie }),
          context,
          params: { personId: target.id },
        }),
      );
      expect(res.status).toBe(403);
    }
    expect((await db.person.findUniqueOrThrow({ where: { id: target.id } })).erasedAt).toBeNull();
  });

  it("needs the person's e-mail typed as confirmation; then erases, and the person can no longer log in", async () => {
    const admin = await signedIn({ roles: ["admin"] });
    const target = await createPerson();
    const post = (fields: Record<string, string>) =>
      settle(() =>
        eraseAction({ request: formRequest(`/admin/people/${target.id}/erase`, fields, { cookie: admin.cookie }), context, params: { personId: target.id } }),
      );

    const page = await (await get(eraseLoader, `/admin/people/${target.id}/erase`, admin.cookie, { personId: target.id })).json();
    expect(page).toMatchObject({ self: false, person: { email: target.email }, sessionsLed: [], enrolments: 0 });

    const missing = await post({});
    expect(missing.status).toBe(400);
    expect((await missing.json()).errors.confirmEmail).toEqual(["Skriv personens e-postadress för att bekräfta."]);
    const wrong = await post({ confirmEmail: "någon.annan@test.se" });
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).errors.confirmEmail).toEqual(["E-postadressen stämmer inte. Skriv personens e-postadress exakt."]);
    expect((await db.person.findUniqueOrThrow({ where: { id: target.id } })).erasedAt).toBeNull();

    const done = await post({ confirmEmail: ` ${target.email.toUpperCase()} ` });
    expect(done).toRedirectTo(`/admin/people/${target.id}`);
    expect(await db.person.findUniqueOrThrow({ where: { id: target.id } })).toMatchObject({
      name: "Raderad person",
      email: erasedEmail(target.id),
      active: false,
    });

    for (const email of [target.email, erasedEmail(target.id)]) {
      const login = await settle(() =>
        loginAction({ request: formRequest("/login", { email, password: target.password }), context: { clientAddress: "203.0.113.62" }, params: {} }),
      );
      expect(login.status).toBe(401);
      expect(login.headers.getSetCookie().some((c) => c.startsWith("ledarlyftet_session="))).toBe(false);
    }
    // The anonymised row cannot be given a name (and someone else's statistics) again.
    const revive = await settle(() =>
      personAction({
        request: formRequest(`/admin/people/${target.id}`, { intent: "reactivate" }, { cookie: admin.cookie }),
        context,
        params: { personId: target.id },
      }),
    );
    expect(revive.status).toBe(400);
    expect((await db.person.findUniqueOrThrow({ where: { id: target.id } })).active).toBe(false);
    // The confirmation page of an erased person leads back to the person page.
    expect(await get(eraseLoader, `/admin/people/${target.id}/erase`, admin.cookie, { personId: target.id })).toRedirectTo(`/admin/people/${target.id}`);
  });

  it("an admin cannot erase themselves", async () => {
    const admin = await signedIn({ roles: ["admin"] });
    const page = await (await get(eraseLoader, `/admin/people/${admin.id}/erase`, admin.cookie, { personId: admin.id })).json();
    expect(page.self).toBe(true);
    const res = await settle(() =>
      eraseAction({
        request: formRequest(`/admin/people/${admin.id}/erase`, { confirmEmail: admin.email }, { cookie: admin.cookie }),
        context,
        params: { personId: admin.id },
      }),
    );
    expect(res.status).toBe(400);
    expect((await res.json()).errors._form).toEqual(["Du kan inte radera dina egna uppgifter. Be en annan distriktsadmin."]);
    expect((await db.person.findUniqueOrThrow({ where: { id: admin.id } })).erasedAt).toBeNull();
  });
});

describe("the audit log", () => {
  it("is for admins only: a Deltagare or Utvecklingsledare gets 403 on the page and the CSV", async () => {
    for (const role of ["participant", "facilitator"] as const) {
      const me = await signedIn({ roles: [role] });
      expect((await get(auditLoader, "/admin/audit", me.cookie)).status).toBe(403);
      expect((await get(auditCsvLoader, "/admin/audit.csv", me.cookie)).status).toBe(403);
    }
    expect(await get(auditLoader, "/admin/audit")).toRedirectTo("/login?redirectTo=%2Fadmin%2Faudit");
  });

  it("filters by who, whom, what and when, pages through the results, and the CSV is neutralised and itself logged", async () => {
    const admin = await signedIn({ roles: ["admin"] });
    const trickster = await createPerson();
    await db.person.update({ where: { id: trickster.id }, data: { name: '=HYPERLINK("http://x","klicka")' } });
    const subject = await createPerson();
    const old = new Date("2025-03-10T10:00:00Z");
    for (let i = 0; i < 55; i++) {
      await db.auditEvent.create({
        data: { actorId: trickster.id, action: "test.bulk", subjectType: "person", subjectId: subject.id, createdAt: new Date(old.getTime() + i * 60_000) },
      });
    }
    await db.auditEvent.create({
      data: { actorId: admin.id, action: "test.other", subjectType: "person", subjectId: subject.id, createdAt: new Date("2025-04-01T10:00:00Z") },
    });

    const page1 = await (await get(auditLoader, `/admin/audit?subject=${encodeURIComponent(subject.email)}&action=test.bulk`, admin.cookie)).json();
    expect(page1).toMatchObject({ total: 55, pages: 2, page: 1 });
    expect(page1.events).toHaveLength(50);
    expect(page1.events[0]).toMatchObject({ actor: '=HYPERLINK("http://x","klicka")', subjectName: subject.name, code: "test.bulk" });
    const page2 = await (await get(auditLoader, `/admin/audit?subject=${encodeURIComponent(subject.email)}&action=test.bulk&page=2`, admin.cookie)).json();
    expect(page2.events).toHaveLength(5);

    const byActor = await (await get(auditLoader, `/admin/audit?actor=${encodeURIComponent(admin.email)}&subject=${subject.id}`, admin.cookie)).json();
    expect(byActor.events.map((e: { code: string }) => e.code)).toEqual(["test.other"]);
    const april = await (await get(auditLoader, `/admin/audit?subject=${subject.id}&from=2025-04-01&to=2025-04-01`, admin.cookie)).json();
    expect(april.total).toBe(1);
    const march = await (await get(auditLoader, `/admin/audit?subject=${subject.id}&from=2025-03-01&to=2025-03-31`, admin.cookie)).json();
    expect(march.total).toBe(55);

    const csv = await get(auditCsvLoader, `/admin/audit.csv?subject=${subject.id}`, admin.cookie);
    expect(csv.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("Content-Disposition")).toMatch(/^attachment; filename="ledarlyftet-granskningslogg-/);
    const rows = parseCsv((await csv.text()).replace(/^\uFEFF/, ""));
    expect(rows[0]).toEqual(["Tid", "Utförd av", "Utförd av (id)", "Åtgärd", "Åtgärd (kod)", "Gäller", "Gäller (id)", "Gäller (namn)", "Detaljer"]);
    expect(rows).toHaveLength(57);
    expect(rows.filter((r) => r[1] === `'=HYPERLINK("http://x","klicka")`)).toHaveLength(55);
    expect(rows.some((r) => r[1]?.startsWith("="))).toBe(false);
    const logged = await db.auditEvent.findFirstOrThrow({ where: { action: "audit.exported", actorId: admin.id } });
    expect(JSON.parse(logged.detail)).toEqual({ filter: { subject: subject.id } });
  });
});

describe("access to other people's data is logged", () => {
  it("an admin opening a person page, a facilitator opening a submission, a shared reflection and a roster, the goals drill-down and CSV", async () => {
    const admin = await signedIn({ roles: ["admin"] });
    const facilitator = await signedIn({ roles: ["facilitator"], branch: "Luleå" });
    const learner = await createPerson({ branch: "Boden" });
    await db.branchSupport.create({ data: { facilitatorId: facilitator.id, branchId: await branchId("Boden") } });
    const { lessons, program } = await catalog();
    const submission = await db.assignmentSubmission.create({ data: { personId: learner.id, lessonId: lessons.assignment.id, text: "Mitt utspel" } });
    const reflection = await db.reflection.create({ data: { personId: learner.id, lessonId: lessons.reflection.id, text: "Delad tanke", shared: true } });
    const cohort = await db.cohort.create({
      data: {
        programId: program.id,
        name: "Omgång",
        startsOn: new Date(),
        endsOn: new Date(Date.now() + 90 * DAY),
        enrolmentOpensAt: new Date(),
        enrolmentClosesAt: new Date(),
        capacity: 5,
        mode: "open",
        facilitators: { create: { personId: facilitator.id } },
      },
    });

    expect((await get(personLoader, `/admin/people/${learner.id}`, admin.cookie, { personId: learner.id })).status).toBe(200);
    expect((await get(submissionLoader, `/review/submissions/${submission.id}`, facilitator.cookie, { submissionId: submission.id })).status).toBe(200);
    expect((await get(reflectionLoader, `/review/reflections/${reflection.id}`, facilitator.cookie, { reflectionId: reflection.id })).status).toBe(200);
    expect((await get(cohortLoader, `/cohorts/${cohort.id}`, facilitator.cookie, { cohortId: cohort.id })).status).toBe(200);
    expect((await get(drillLoader, "/admin/goals/ledare-ledarskapsprogrammet?period=2026", admin.cookie, { key: "ledare-ledarskapsprogrammet" })).status).toBe(
      200,
    );
    expect((await get(goalsCsvLoader, "/admin/goals/export.csv?period=2026", admin.cookie)).status).toBe(200);

    expect(await accessEvents("person.viewed", admin.id)).toEqual([expect.objectContaining({ subjectType: "person", subjectId: learner.id })]);
    const [viewedSubmission] = await accessEvents("submission.viewed", facilitator.id);
    expect(viewedSubmission).toMatchObject({ subjectType: "person", subjectId: learner.id });
    expect(JSON.parse(viewedSubmission!.detail)).toEqual({ submissionId: submission.id });
    expect(await accessEvents("reflection.viewed", facilitator.id)).toEqual([expect.objectContaining({ subjectId: learner.id })]);
    expect(await accessEvents("roster.viewed", facilitator.id)).toEqual([expect.objectContaining({ subjectType: "cohort", subjectId: cohort.id })]);
    expect(await accessEvents("goals.drilldown.viewed", admin.id)).toEqual([
      expect.objectContaining({ subjectType: "indicator", subjectId: "ledare-ledarskapsprogrammet" }),
    ]);
    expect(await accessEvents("goals.exported", admin.id)).toHaveLength(1);
    // The person page's history lists changes, not who looked.
    const again = await (await get(personLoader, `/admin/people/${learner.id}`, admin.cookie, { personId: learner.id })).json();
    expect(again.history).toEqual([]);
    // A participant looking at their own cohort page is not a roster view.
    const participant = await signedIn();
    await get(cohortLoader, `/cohorts/${cohort.id}`, participant.cookie, { cohortId: cohort.id });
    expect(await db.auditEvent.count({ where: { actorId: participant.id, action: { endsWith: ".viewed" } } })).toBe(0);
  });
});

describe("admin writes that were not yet audited", () => {
  it("taking a goals snapshot by hand, and each person of a CSV import, leave an audit event", async () => {
    const admin = await signedIn({ roles: ["admin"] });
    const res = await settle(() => goalsAction({ request: formRequest("/admin/goals", {}, { cookie: admin.cookie }), context, params: {} }));
    expect(res).toRedirectTo("/admin/goals");
    const snapshot = await db.auditEvent.findFirstOrThrow({ where: { action: "goals.snapshot-taken", actorId: admin.id } });
    expect(snapshot.subjectId).toMatch(/^\d{4}-\d{2}$/);

    const email = `importerad-${Date.now()}@test.se`;
    const result = await commitImport(admin.id, `namn;e-post;arbetarekommun;befattning;roller\nIda Import;${email};Kalix;Ledamot;Deltagare`);
    expect(result.ok).toBe(true);
    const person = await db.person.findUniqueOrThrow({ where: { email } });
    expect(await db.auditEvent.count({ where: { action: "person.imported", subjectId: person.id, actorId: admin.id } })).toBe(1);
  });
});

describe("inactive accounts", () => {
  it("flags accounts whose last login, or creation if never logged in, is older than the limit", async () => {
    const now = new Date("2026-11-24T12:00:00Z");
    const cutoff = dormantCutoff(365, now);
    expect(cutoff).toEqual(new Date("2025-11-24T12:00:00Z"));
    const branch = "Överkalix";
    const at = (days: number) => new Date(now.getTime() - days * DAY);
    const make = async (name: string, data: { createdAt: Date; lastLoginAt?: Date | null; active?: boolean; erasedAt?: Date }) => {
      const p = await createPerson({ branch });
      await db.person.update({ where: { id: p.id }, data: { name, ...data } });
      return p;
    };
    await make("Gammal Inloggning", { createdAt: at(800), lastLoginAt: at(366) });
    await make("Aldrig Inloggad", { createdAt: at(400), lastLoginAt: null });
    await make("Nyss Inloggad", { createdAt: at(800), lastLoginAt: at(364) });
    await make("Ny Inbjuden", { createdAt: at(30), lastLoginAt: null });
    await make("Redan Inaktiverad", { createdAt: at(800), lastLoginAt: at(700), active: false });
    await make("Raderad Förut", { createdAt: at(800), lastLoginAt: null, active: false, erasedAt: at(10) });

    const overkalix = await branchId(branch);
    const review = await listPeople({ branchId: overkalix, status: "review", dormantBefore: cutoff });
    expect(review.people.map((p) => [p.name, p.dormantSince])).toEqual([
      ["Aldrig Inloggad", at(400)],
      ["Gammal Inloggning", at(366)],
    ]);
    const all = await listPeople({ branchId: overkalix, status: "all", dormantBefore: cutoff });
    expect(
      all.people
        .filter((p) => p.dormantSince)
        .map((p) => p.name)
        .sort(),
    ).toEqual(["Aldrig Inloggad", "Gammal Inloggning"]);
    expect((await peopleCounts(cutoff)).dormant).toBeGreaterThanOrEqual(2);
    // A day later another account has passed the limit.
    expect((await listPeople({ branchId: overkalix, status: "review", dormantBefore: dormantCutoff(365, new Date(now.getTime() + 2 * DAY)) })).total).toBe(3);
  });

  it("the admin people list offers the filter with the configured limit", async () => {
    const admin = await signedIn({ roles: ["admin"] });
    const stale = await createPerson({ branch: "Jokkmokk" });
    await db.person.update({ where: { id: stale.id }, data: { createdAt: new Date(Date.now() - 400 * DAY) } });
    const page = await (await get(peopleLoader, `/admin/people?status=review&q=${encodeURIComponent(stale.email)}`, admin.cookie)).json();
    expect(page.inactiveAfterDays).toBe(365);
    expect(page.people).toEqual([expect.objectContaining({ id: stale.id, dormantSince: expect.any(String) })]);
    const fresh = await (await get(peopleLoader, `/admin/people?status=review&q=${encodeURIComponent(admin.email)}`, admin.cookie)).json();
    expect(fresh.people).toEqual([]);
  });
});

describe("the privacy notice", () => {
  it("is public and names the contact, the review limit and the session times in force", async () => {
    const res = await settle(async () => privacyLoader());
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      contact: "Socialdemokraterna i Norrbotten, distriktsexpeditionen",
      inactiveAfterDays: 365,
      sessionIdleHours: 8,
      sessionMaxDays: 30,
    });
  });
});
