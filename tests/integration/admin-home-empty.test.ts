/**
 * The admin overview of a deployment whose goals are not loaded yet (its own
 * file: the goals report, empty here, is kept for a minute by each module instance).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { ensureDistrictBranches } from "~/modules/branches/branches.server";
import { signedIn } from "./helpers";
import { startRemixApp, type RemixApp } from "./remix-app";

let app: RemixApp;

beforeAll(async () => {
  await ensureDistrictBranches();
  app = await startRemixApp();
});
afterAll(() => app?.close());

describe("the admin overview before any goals are set", () => {
  it("says there are none instead of showing an empty table, and still leads to the goals and the outbox", async () => {
    const admin = await signedIn({ roles: ["admin"] });
    expect(await db.indicator.count()).toBe(0);
    const html = (await (await app.request("/admin", { cookie: admin.cookie })).text()).replace(/<!-- -->/g, "");
    expect(html).toContain("Inga mål är inlagda ännu.");
    expect(html).not.toContain("indikatorer är i fas");
    expect(html).toContain('href="/admin/goals?period=');
    expect(html).toContain("Utkorgen är tom.");
    // No plan has been opened yet: every branch is counted, none reviewed.
    expect(html).toContain("0 av 14 arbetarekommuner har granskat sin plan det senaste året.");

    const home = (await (await app.request("/", { cookie: admin.cookie })).text()).replace(/<!-- -->/g, "");
    expect(home).not.toContain("indikatorer i fas");
  });
});
