import { createHash } from "node:crypto";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { createRequestHandler } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syncContent } from "~/modules/catalog/sync.server";
import { basicContent, writeContent } from "./content-fixture";
import { signedIn } from "./helpers";
import { startRemixApp, type RemixApp } from "./remix-app";

let app: RemixApp;
let handle: ReturnType<typeof createRequestHandler>;
const get = (url: string, cookie: string, nonce: string, headers: Record<string, string> = {}) =>
  handle(new Request(`http://localhost:3000${url}`, { headers: { Cookie: cookie, ...headers } }), { clientAddress: "203.0.113.98", cspNonce: nonce });
const html = async (url: string, cookie: string, nonce: string) => {
  const res = await get(url, cookie, nonce);
  expect(res.status).toBe(200);
  return res.text();
};

beforeAll(async () => {
  app = await startRemixApp();
  await syncContent(writeContent(basicContent()));
  handle = createRequestHandler(app.build, "production");
});
afterAll(() => app.close());

const progressOf = (page: string) => /aria-label="Ditt framsteg: (\d+) %"/.exec(page)?.[1];
const inlineScripts = (page: string) => [...page.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].filter(([, attributes]) => !/\bsrc=/.test(attributes!));
const sha256Source = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

describe("documents rendered again from the same data", () => {
  it("are the same page, kept without a nonce and allowed by the hashes of its scripts, and follow every change of the data they were rendered from", async () => {
    const learner = await signedIn({ branch: "Luleå" });
    const first = await html("/courses/testkurs", learner.cookie, "Zmlyc3Qtbm9uY2U=");
    const second = await html("/courses/testkurs", learner.cookie, "c2Vjb25kLW5vbmNl");
    expect(second.replaceAll("c2Vjb25kLW5vbmNl", "N")).toBe(first.replaceAll("Zmlyc3Qtbm9uY2U=", "N"));
    // The third comes from the cache: the same page without nonce attributes, under a policy that names each inline script by hash.
    const res = await get("/courses/testkurs", learner.cookie, "dGhpcmQtbm9uY2U=");
    const third = await res.text();
    expect(third).toBe(first.replaceAll(' nonce="Zmlyc3Qtbm9uY2U="', ""));
    expect(third).not.toMatch(/nonce=|dGhpcmQtbm9uY2U=|c2Vjb25kLW5vbmNl/);
    const scripts = inlineScripts(third);
    expect(scripts.length).toBeGreaterThanOrEqual(2);
    const scriptSrc = /script-src ([^;]+)/.exec(res.headers.get("Content-Security-Policy") ?? "")![1]!.split(" ");
    expect(scriptSrc).not.toContainEqual(expect.stringMatching(/^'nonce-|unsafe-inline/));
    for (const [, , text] of scripts) expect(scriptSrc).toContain(sha256Source(text!));
    const { renderCacheStats } = (await app.vite.ssrLoadModule("/app/render-cache.server.ts")) as typeof import("~/render-cache.server");
    expect(renderCacheStats.hits).toBeGreaterThanOrEqual(1);

    // Compressed once; a browser that has these bytes is told so (304) after its loaders have run again.
    const brotli = await get("/courses/testkurs", learner.cookie, "Zm91cnRoLW5vbmNl", { "Accept-Encoding": "gzip, br" });
    expect(brotli.headers.get("Content-Encoding")).toBe("br");
    expect(brotliDecompressSync(Buffer.from(await brotli.arrayBuffer())).toString("utf8")).toBe(third);
    const gzip = await get("/courses/testkurs", learner.cookie, "ZmlmdGgtbm9uY2U=", { "Accept-Encoding": "gzip;q=1, br;q=0" });
    expect(gzip.headers.get("Content-Encoding")).toBe("gzip");
    expect(gunzipSync(Buffer.from(await gzip.arrayBuffer())).toString("utf8")).toBe(third);
    expect(gzip.headers.get("Cache-Control")).toBe("private, no-cache");
    const etag = gzip.headers.get("ETag")!;
    expect(etag).toMatch(/^".+"$/);
    const unchanged = await get("/courses/testkurs", learner.cookie, "c2l4dGgtbm9uY2U=", { "Accept-Encoding": "gzip", "If-None-Match": etag });
    expect(unchanged.status).toBe(304);
    expect(await unchanged.text()).toBe("");
    // The same tag from another person gets nothing: their loader data is another page with another tag.
    const stranger = await signedIn({ branch: "Kiruna" });
    expect((await get("/courses/testkurs", stranger.cookie, "c2V2ZW50aC1ub25jZQ==", { "If-None-Match": etag })).status).toBe(200);

    // A lesson done changes the loader data, so the next page is rendered anew, never the kept one.
    expect(progressOf(third)).toBe("0");
    const read = await app.request("/courses/testkurs/t-las", { cookie: learner.cookie, form: { intent: "read" } });
    expect(read).toRedirectTo(/^\/courses\/testkurs(\/|$)/);
    const after = await html("/courses/testkurs", learner.cookie, "Zm91cnRoLW5vbmNl");
    expect(Number(progressOf(after))).toBeGreaterThan(0);
    // And the old tag no longer matches: the page is sent whole.
    expect((await get("/courses/testkurs", learner.cookie, "ZWlnaHRoLW5vbmNl", { "Accept-Encoding": "gzip", "If-None-Match": etag })).status).toBe(200);

    // Someone else asking for the same address gets their own page, not the first person's.
    const other = await signedIn({ branch: "Kiruna" });
    const theirs = await html("/courses/testkurs", other.cookie, "b3RoZXItbm9uY2U=");
    expect(theirs).toContain(other.name);
    expect(theirs).not.toContain(learner.name);
  });
});
