import { createRequestHandler } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syncContent } from "~/modules/catalog/sync.server";
import { basicContent, writeContent } from "./content-fixture";
import { signedIn } from "./helpers";
import { startRemixApp, type RemixApp } from "./remix-app";

let app: RemixApp;
let get: (url: string, cookie: string, nonce: string) => Promise<string>;

beforeAll(async () => {
  app = await startRemixApp();
  await syncContent(writeContent(basicContent()));
  const handle = createRequestHandler(app.build, "production");
  get = async (url, cookie, nonce) => {
    const res = await handle(new Request(`http://localhost:3000${url}`, { headers: { Cookie: cookie } }), { clientAddress: "203.0.113.98", cspNonce: nonce });
    expect(res.status).toBe(200);
    return res.text();
  };
});
afterAll(() => app.close());

const progressOf = (html: string) => /aria-label="Ditt framsteg: (\d+) %"/.exec(html)?.[1];

describe("documents rendered again from the same data", () => {
  it("are the same page with this request's own nonce, and follow every change of the data they were rendered from", async () => {
    const learner = await signedIn({ branch: "Luleå" });
    const first = await get("/courses/testkurs", learner.cookie, "Zmlyc3Qtbm9uY2U=");
    const second = await get("/courses/testkurs", learner.cookie, "c2Vjb25kLW5vbmNl");
    // The third is served from the cache: identical but for its nonce, which is in every script tag and nowhere else old.
    const third = await get("/courses/testkurs", learner.cookie, "dGhpcmQtbm9uY2U=");
    expect(second.replaceAll("c2Vjb25kLW5vbmNl", "N")).toBe(first.replaceAll("Zmlyc3Qtbm9uY2U=", "N"));
    expect(third.replaceAll("dGhpcmQtbm9uY2U=", "N")).toBe(first.replaceAll("Zmlyc3Qtbm9uY2U=", "N"));
    expect(third).toContain('nonce="dGhpcmQtbm9uY2U="');
    expect(third).not.toContain("c2Vjb25kLW5vbmNl");
    expect(third).not.toContain("\u0000");
    const { renderCacheStats } = (await app.vite.ssrLoadModule("/app/render-cache.server.ts")) as typeof import("~/render-cache.server");
    expect(renderCacheStats.hits).toBeGreaterThanOrEqual(1);

    // A lesson done changes the loader data, so the next page is rendered anew, never the kept one.
    expect(progressOf(third)).toBe("0");
    const read = await app.request("/courses/testkurs/t-las", { cookie: learner.cookie, form: { intent: "read" } });
    expect(read).toRedirectTo(/^\/courses\/testkurs(\/|$)/);
    const after = await get("/courses/testkurs", learner.cookie, "Zm91cnRoLW5vbmNl");
    expect(Number(progressOf(after))).toBeGreaterThan(0);

    // Someone else asking for the same address gets their own page, not the first person's.
    const other = await signedIn({ branch: "Kiruna" });
    const theirs = await get("/courses/testkurs", other.cookie, "b3RoZXItbm9uY2U=");
    expect(theirs).toContain(other.name);
    expect(theirs).not.toContain(learner.name);
  });
});
