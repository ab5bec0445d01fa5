/**
 * The admin's first pages: the home page's district cards, the admin
 * overview's goals, crisis plans and outbox in brief, and the people list's
 * filter the "har inte valt lösenord ännu" card leads to.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { ensureGoals } from "~/modules/goals/seed-goals.server";
import { loader as adminLoader } from "~/routes/admin._index";
import { loader as dashboardLoader } from "~/routes/admin.goals._index";
import { loader as peopleLoader } from "~/routes/admin.people._index";
import { loader as homeLoader } from "~/routes/_index";
import { branchId, createPerson, getRequest, settle, signedIn } from "./helpers";
import { startRemixApp, type RemixApp } from "./remix-app";

const context = { clientAddress: "203.0.113.42" };
const load = async (loader: (args: LoaderFunctionArgs) => Promise<unknown>, url: string, cookie: string) =>
  settle(() => loader({ request: getRequest(url, cookie), context, params: {} }));

let app: RemixApp;

beforeAll(async () => {
  await ensureGoals();
  app = await startRemixApp();
});
afterAll(() => app?.close());

/** A page's HTML with React's text separators taken out, so sentences read as the browser shows them. */
const html = async (url: string, cookie: string) => (await (await app.request(url, { cookie })).text()).replace(/<!-- -->/g, "");

/** An invited person: an active account with no password chosen yet. */
async function invited(name: string, branch = "Boden") {
  return db.person.create({ data: { name, email: `${name.toLowerCase().replace(/ /g, ".")}@test.se`, branchId: await branchId(branch), position: "medlem" } });
}

describe("the people who have not chosen a password", () => {
  it("the home card counts them and leads to a list of exactly those people", async () => {
    const admin = await signedIn({ roles: ["admin"] });
    const waiting = [await invited("Inbjuden Ett"), await invited("Inbjuden Två")];
    const deactivated = await invited("Inbjuden Inaktiverad");
    await db.person.update({ where: { id: deactivated.id }, data: { active: false } });
    await createPerson({ branch: "Boden" }); // has a password

    const home = await (await load(homeLoader, "/", admin.cookie)).json();
    const page = await (await load(peopleLoader, "/admin/people?status=invited", admin.cookie)).json();
    expect(page.filter.status).toBe("invited");
    const everyoneWaiting = await db.person.findMany({ where: { active: true, password: null }, select: { id: true } });
    expect(page.people.map((p: { id: string }) => p.id).sort()).toEqual(everyoneWaiting.map((p) => p.id).sort());
    expect(page.people.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(waiting.map((p) => p.name)));
    expect(page.people.map((p: { id: string }) => p.id)).not.toContain(deactivated.id);
    expect(page.total).toBe(home.district.pendingInvites);

    const shown = await html("/", admin.cookie);
    expect(shown).toMatch(
      new RegExp(`href="/admin/people\\?status=invited"[^>]*><span class="stat">${home.district.pendingInvites}</span> har inte valt lösenord ännu`),
    );
    expect(shown).not.toMatch(/href="\/admin\/outbox"[^>]*><span class="stat">\d+<\/span> har inte valt/);
  });

  it("the filter combines with the others and stays in the URL; a status the list does not know shows the active people", async () => {
    const admin = await signedIn({ roles: ["admin"] });
    const inBoden = await invited("Inbjuden Boden");
    const kirunaPerson = await db.person.create({
      data: { name: "Inbjuden Kiruna", email: "inbjuden.kiruna@test.se", branchId: await branchId("Kiruna"), position: "medlem" },
    });
    const kiruna = await (await load(peopleLoader, `/admin/people?status=invited&branchId=${await branchId("Kiruna")}`, admin.cookie)).json();
    expect(kiruna.people.map((p: { id: string }) => p.id)).toEqual([kirunaPerson.id]);

    const shown = await html(`/admin/people?status=invited&q=${encodeURIComponent("Inbjuden Boden")}`, admin.cookie);
    expect(shown).toMatch(/<option value="invited" selected="">Har inte valt lösenord ännu<\/option>/);
    expect(shown).toContain(inBoden.name);
    expect(shown).toContain("Personer som har bjudits in men ännu inte har valt lösenord.");
    expect(shown).toContain('<p role="status">1 person</p>');

    const unknown = await (await load(peopleLoader, "/admin/people?status=nopassword", admin.cookie)).json();
    expect(unknown.filter.status).toBeUndefined();
    expect(unknown.people.some((p: { id: string }) => p.id === admin.id)).toBe(true);
  });

  it("is for admins only", async () => {
    const facilitator = await signedIn({ roles: ["facilitator"] });
    expect((await load(peopleLoader, "/admin/people?status=invited", facilitator.cookie)).status).toBe(403);
  });
});

describe("the admin overview", () => {
  it("shows this year's indicators as the dashboard computes them, with links into it", async () => {
    const admin = await signedIn({ roles: ["admin"] });
    const overview = await (await load(adminLoader, "/admin", admin.cookie)).json();
    const year = String(new Date().getUTCFullYear());
    const dashboard = await (await load(dashboardLoader, `/admin/goals?period=${year}`, admin.cookie)).json();
    expect(overview.goals.period).toBe(year);
    expect(overview.goals.indicators).toEqual(
      dashboard.reports.map((r: { key: string; name: string; unit: string; district: { value: number | null }; target: number; status: string }) => ({
        key: r.key,
        name: r.name,
        unit: r.unit,
        value: r.district.value,
        target: r.target,
        status: r.status,
      })),
    );
    expect(overview.goals.onTrack).toBe(dashboard.reports.filter((r: { status: string }) => r.status === "i-fas").length);

    const shown = await html("/admin", admin.cookie);
    expect(shown).toContain(`href="/admin/goals?period=${year}#ledare-handledning">Ledande företrädare i kontinuerlig handledning</a>`);
    expect(shown).toContain(`href="/admin/goals?period=${year}"`);
    expect(shown).toContain('href="/admin/outbox"');
    expect(shown).toContain("Utkorgen är tom.");
  });

  it("counts the branches whose crisis plan is reviewed, complete or not begun, and the mail waiting in the outbox", async () => {
    const admin = await signedIn({ roles: ["admin"] });
    const plan = async (branch: string, reviewedAt: Date | null, statuses: string[]) => {
      const made = await db.crisisPlan.create({ data: { branchId: await branchId(branch), templateVersion: 1, reviewedAt } });
      for (const [order, status] of statuses.entries()) {
        await db.crisisPlanItem.create({ data: { planId: made.id, sectionKey: "s", sectionTitle: "S", sectionOrder: 1, order, title: `P${order}`, status } });
      }
    };
    const recently = new Date(Date.now() - 30 * 86_400_000);
    await plan("Luleå", recently, ["done", "not-applicable"]); // reviewed and complete
    await plan("Piteå", recently, ["done", "in-progress"]); // reviewed
    await plan("Boden", new Date(Date.now() - 400 * 86_400_000), ["done", "done"]); // complete, review overdue
    await plan("Kalix", null, ["in-progress"]); // nothing settled
    for (const status of ["pending", "pending", "failed", "sent"]) {
      await db.outboxMessage.create({ data: { toEmail: "a@test.se", subject: "Hej", text: "Hej", kind: "invite", status } });
    }
    const overview = await (await load(adminLoader, "/admin", admin.cookie)).json();
    // 14 branches: the ten without a plan have nothing settled either.
    expect(overview.crisis).toEqual({ branches: 14, reviewed: 2, complete: 2, notStarted: 11 });
    expect(overview.outbox).toEqual({ waiting: 2, failed: 1, sent: 1 });

    const shown = await html("/admin", admin.cookie);
    expect(shown).toContain("2 av 14 arbetarekommuner har granskat sin plan det senaste året.");
    expect(shown).toContain("11 har ännu ingen punkt klar.");
    expect(shown).toContain("2 meddelanden väntar på utskick, 1 kunde inte skickas.");
    expect(shown).toContain('href="/crisis"');

    const home = await html("/", admin.cookie);
    expect(home).toMatch(/href="\/crisis"[^>]*><span class="stat">2 av 14<\/span> krisplaner granskade/);
    expect(home).toMatch(/href="\/admin\/outbox"[^>]*><span class="stat">2<\/span> e-postmeddelanden väntar i utkorgen/);
    expect(home).toContain('href="/admin"');
  });

  it("is the admins' alone: others get 403, and their home page carries no district numbers", async () => {
    const participant = await signedIn({ roles: ["participant", "facilitator"] });
    expect((await load(adminLoader, "/admin", participant.cookie)).status).toBe(403);
    const home = await (await load(homeLoader, "/", participant.cookie)).json();
    expect([home.district, home.goals, home.crisis, home.outbox]).toEqual([null, null, null, null]);
  });
});
