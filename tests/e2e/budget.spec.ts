// What a page makes the browser download before it works: its JavaScript,
// gzipped as the server sends it, stays under 100 KB. A server-only import
// that slips into a page (zod through a shared module added 13 KB to the goals
// dashboard once) fails here rather than on a slow phone. Sizes, not times:
// the benchmark (npm run bench) reports the same figures per page.
import { gzipSync } from "node:zlib";
import { expect, test, type Page } from "@playwright/test";
import { DEMO, logInAs } from "./fixtures";

const BUDGET_BYTES = 100 * 1024;

/** The gzipped size of every script the page's HTML loads up front (module scripts and modulepreloads). */
async function scriptBytes(page: Page, path: string) {
  const html = await (await page.request.get(path)).text();
  const files = [...new Set([...html.matchAll(/\/assets\/[\w.-]+\.js/g)].map((match) => match[0]))];
  let bytes = 0;
  for (const file of files) bytes += gzipSync(await (await page.request.get(file)).body()).length;
  return { files: files.length, bytes };
}

test("every kind of page loads under 100 KB of gzipped JavaScript", async ({ page }) => {
  const anonymous = await scriptBytes(page, "/login");
  expect(anonymous.files).toBeGreaterThan(0);
  expect(anonymous.bytes, "/login").toBeLessThan(BUDGET_BYTES);

  await logInAs(page, DEMO.admin);
  for (const path of [
    "/",
    "/admin",
    "/admin/goals",
    "/admin/goals/report",
    "/admin/people",
    "/courses/kommunikationsmodellen/km-agenda-kontroll",
    "/sessions",
  ]) {
    const { bytes } = await scriptBytes(page, path);
    expect(bytes, `${path}: ${Math.round(bytes / 1024)} KB`).toBeLessThan(BUDGET_BYTES);
  }
});
