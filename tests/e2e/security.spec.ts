import { expect, test } from "@playwright/test";
import { DEMO, E2E_ORIGIN, logInAs, ownAddress } from "./fixtures";

test("every page carries security headers and its scripts run under a nonce CSP without violations", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (msg) => {
    if (/Content Security Policy|Refused to/i.test(msg.text())) violations.push(msg.text());
  });
  // An address no test asked for before, so the page is rendered now, under this response's nonce (a page kept by the render cache names its scripts by hash: the next test).
  const response = await page.goto(`/login?first=${Date.now()}`);
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

test("a page loaded again comes from the render cache under a hash CSP, and its scripts run there too without violations", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (msg) => {
    if (/Content Security Policy|Refused to/i.test(msg.text())) violations.push(msg.text());
  });
  await logInAs(page, DEMO.participant);
  let policy = "";
  for (let i = 0; i < 3; i++) policy = (await page.goto("/courses"))!.headers()["content-security-policy"]!;
  // The third time the document is the kept one: its inline scripts are named by hash, not by a nonce.
  expect(policy).toMatch(/script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')+;/);
  expect(policy).not.toMatch(/script-src[^;]*('nonce-|unsafe-inline)/);
  // Hydrated: a client-side navigation keeps the same document.
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
  await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Mina kurser" }).click();
  await expect(page).toHaveURL(/\/my-courses$/);
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
  const same = await request.post("/login", {
    form: { email: "x@y.se", password: "fel" },
    headers: { Origin: E2E_ORIGIN, "X-Forwarded-For": "198.51.100.250" },
    maxRedirects: 0,
  });
  expect(same.status()).toBe(401);
});

test("a script stored in a person's name stays text for the admin and for the person: no dialog, no CSP violation", async ({ page, browser }) => {
  const payload = `<img src=x onerror="window.__xss=1;alert(1)"><script>window.__xss=2;alert(2)</script>`;
  const email = `xss.${Date.now()}@example.se`;
  const watch = async (p: typeof page) => {
    const incidents: string[] = [];
    p.on("dialog", async (dialog) => {
      incidents.push(`dialog: ${dialog.message()}`);
      await dialog.dismiss();
    });
    p.on("console", (msg) => {
      if (/Content Security Policy|Refused to/i.test(msg.text())) incidents.push(`console: ${msg.text()}`);
    });
    await p.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) => {
        ((window as unknown as { __violations?: string[] }).__violations ??= []).push(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    return incidents;
  };
  const ranNothing = async (p: typeof page) => {
    expect(await p.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await p.evaluate(() => (window as unknown as { __violations?: string[] }).__violations ?? [])).toEqual([]);
  };

  const adminIncidents = await watch(page);
  await logInAs(page, DEMO.admin);
  await page.goto("/admin/people/new");
  await page.getByLabel("Namn").fill(payload);
  await page.getByLabel("E-postadress").fill(email);
  await page.getByLabel("Arbetarekommun").selectOption({ label: "Jokkmokk" });
  await page.getByLabel("Befattning").selectOption({ label: "Ledamot" });
  await page.getByRole("button", { name: "Lägg till och skicka inbjudan" }).click();
  // The person page, then the list: the name is shown as the characters typed.
  await expect(page.getByRole("heading", { level: 1 })).toContainText(payload);
  await ranNothing(page);
  await page.goto(`/admin/people?q=${encodeURIComponent("xss.")}`);
  await expect(page.getByRole("link", { name: payload })).toBeVisible();
  await ranNothing(page);

  // The person accepts the invitation and sees their own name in the page header.
  await page.goto("/admin/outbox");
  const mail = page.locator("li", { hasText: `till ${email}` }).first();
  await mail.locator("summary").click();
  const link = (await mail.locator("pre").innerText()).match(new RegExp(`${E2E_ORIGIN}/password/\\S+`))?.[0];
  expect(link).toBeTruthy();
  const person = await browser.newPage();
  const personIncidents = await watch(person);
  await ownAddress(person);
  await person.goto(link!);
  await person.getByLabel("Nytt lösenord").fill("en lång och hemlig fras");
  await person.getByLabel("Upprepa lösenordet").fill("en lång och hemlig fras");
  await person.getByRole("button", { name: "Spara lösenord och logga in" }).click();
  await expect(person.getByRole("heading", { level: 1 })).toContainText("Hej");
  await expect(person.locator(".site-header")).toContainText(payload);
  await ranNothing(person);
  await person.goto("/account");
  await expect(person.getByText(payload).first()).toBeVisible();
  await ranNothing(person);

  expect(adminIncidents).toEqual([]);
  expect(personIncidents).toEqual([]);
});

test("a request body over the server's limit is refused with 413 and a Swedish message", async ({ request }) => {
  const res = await request.post("/login", {
    headers: { Origin: E2E_ORIGIN, "Content-Type": "application/x-www-form-urlencoded" },
    data: `email=a%40b.se&password=${"x".repeat(6 * 1024 * 1024)}`,
    maxRedirects: 0,
  });
  expect(res.status()).toBe(413);
  expect(await res.text()).toContain("Förfrågan är för stor");
});

test("an address with a NUL byte is refused with 400 before any page or database sees it", async ({ request }) => {
  for (const path of ["/cohorts/abc%00", "/crisis/lulea%00/print", "/courses?q=a%00b"]) {
    const res = await request.get(path, { maxRedirects: 0 });
    expect(res.status(), path).toBe(400);
    expect(await res.text()).toContain("otillåtet tecken");
  }
});
