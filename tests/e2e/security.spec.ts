import { expect, test } from "@playwright/test";
import { DEMO, E2E_ORIGIN, logInAs } from "./fixtures";

test("every page carries security headers and its scripts run under a nonce CSP without violations", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (msg) => {
    if (/Content Security Policy|Refused to/i.test(msg.text())) violations.push(msg.text());
  });
  const response = await page.goto("/login");
  const headers = response!.headers();
  const csp = headers["content-security-policy"]!;
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
  expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");

  // JavaScript runs: a client-side navigation keeps the same document.
  await logInAs(page, DEMO.participant);
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
  await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Kurser", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Kurser" })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  expect(violations).toEqual([]);
});

test("a form posted from another site is refused", async ({ request }) => {
  const res = await request.post("/login", {
    form: { email: DEMO.admin, password: "Ledarlyftet-demo-2026" },
    headers: { Origin: "https://evil.example" },
    maxRedirects: 0,
  });
  expect(res.status()).toBe(403);
  const same = await request.post("/login", { form: { email: "x@y.se", password: "fel" }, headers: { Origin: E2E_ORIGIN, "X-Forwarded-For": "198.51.100.250" }, maxRedirects: 0 });
  expect(same.status()).toBe(401);
});
