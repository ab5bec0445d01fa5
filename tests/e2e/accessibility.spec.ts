import { expect, test, type Page } from "@playwright/test";
import { DEMO, expectNoAxeViolations, logIn, logInAs, ownAddress } from "./fixtures";

/** The page at `path` fits the screen's width: nothing to scroll sideways to. */
async function expectNoSidewaysScroll(page: Page, path: string) {
  await page.goto(path);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, path).toBeLessThanOrEqual(0);
}

test.describe("accessibility", () => {
  test("the login page and its error state pass axe (WCAG 2.1 AA), with a working skip link", async ({ page }) => {
    await ownAddress(page);
    await page.goto("/login");
    await expectNoAxeViolations(page);
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Hoppa till innehållet" });
    await expect(skip).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.locator("main")).toBeFocused();
    await page.getByRole("button", { name: "Logga in" }).click();
    await expect(page.getByLabel("E-postadress")).toHaveAttribute("aria-invalid", "true");
    await expectNoAxeViolations(page);
  });

  // Each role's pages in groups of a few (about a second each to analyse on an idle
  // machine), so a test stays far inside the default 30 s even on a busy one.
  const PAGES: [role: keyof typeof DEMO, group: string, paths: string[]][] = [
    ["admin", "overview and people", ["/", "/admin", "/admin/people", "/admin/people?status=review", "/admin/people?status=invited", "/admin/people/import"]],
    [
      "admin",
      "branches, outbox, calendar answers, audit and own account",
      ["/admin/branches", "/admin/outbox", "/admin/calendar-replies", "/admin/audit", "/account", "/account/data", "/integritet"],
    ],
    ["admin", "crisis plans", ["/crisis", "/crisis/lulea", "/crisis/lulea/now", "/crisis/lulea/print", "/admin/crisis-template"]],
    ["admin", "goals", ["/admin/goals", "/admin/goals/report", "/admin/goals/ledare-handledning", "/admin/goals/leder-debatten"]],
    ["participant", "home, courses and cohorts", ["/", "/courses", "/courses/kommunikationsmodellen", "/my-courses", "/cohorts"]],
    [
      "participant",
      "a lesson of each kind",
      [
        "/courses/kommunikationsmodellen/km-agenda-text",
        "/courses/kommunikationsmodellen/km-agenda-kontroll",
        "/courses/kommunikationsmodellen/km-agenda-reflektion",
        "/courses/kommunikationsmodellen/km-tillampning-uppgift",
      ],
    ],
    ["participant", "handledning, own account and privacy notice", ["/sessions", "/account", "/account/data", "/integritet"]],
    ["facilitator", "home, review, cohorts and handledning", ["/", "/review", "/cohorts", "/sessions", "/sessions/new", "/sessions/new?kind=open-slot"]],
  ];
  for (const [role, group, paths] of PAGES) {
    test(`${role} pages pass axe: ${group}`, async ({ page }) => {
      await logInAs(page, DEMO[role]);
      for (const path of paths) {
        await page.goto(path);
        await expectNoAxeViolations(page);
      }
    });
  }

  test("admin forms pass axe in their error states: a new person, and the erasure confirmation", async ({ page }) => {
    await logInAs(page, DEMO.admin);
    await page.goto("/admin/people/new");
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Lägg till och skicka inbjudan" }).click();
    await expect(page.getByText("Ange ett namn.")).toBeVisible();
    await expectNoAxeViolations(page);
    // The erasure confirmation and its error state (nothing is erased: the e-mail is never typed).
    await page.goto(`/admin/people?q=${encodeURIComponent(DEMO.participant)}`);
    await page.getByRole("link", { name: "Erik Johansson" }).click();
    await page.getByRole("link", { name: "Radera personuppgifter…" }).click();
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Radera personuppgifter" }).click();
    await expect(page.getByText("Skriv personens e-postadress för att bekräfta.")).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test("a facilitator's session page with answers from calendars and a proposed new time passes axe, on a phone too", async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await logInAs(page, "utvecklingsledare2@demo.ledarlyftet.se");
    await page.goto("/sessions");
    await page.getByRole("link", { name: "Grupphandledning Malmfälten" }).first().click();
    await expect(page.getByRole("region", { name: "Förslag på ny tid" })).toContainText("Går det att börja halv sju?");
    await expect(page.getByRole("row").filter({ hasText: "svar från kalendern" })).toContainText("Kommer");
    await expectNoAxeViolations(page);
    await expectNoSidewaysScroll(page, new URL(page.url()).pathname);
    await context.close();
  });

  test("a facilitator's cohort page and its bulk enrolment pass axe", async ({ page }) => {
    await logInAs(page, DEMO.facilitator);
    await page.goto("/cohorts");
    await page.getByRole("link", { name: "Ledarskapsprogrammet 2027" }).click();
    await expectNoAxeViolations(page);
    await page.getByRole("link", { name: "Anmäl flera" }).click();
    await expectNoAxeViolations(page);
  });

  test("a Deltagare's cohort page and its withdrawal confirmation pass axe, and fit a phone", async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await logInAs(page, DEMO.participant);
    await page.goto("/cohorts");
    await page.getByRole("link", { name: "Kommunikatörsutbildningen Malmfälten" }).first().click();
    await expectNoAxeViolations(page);
    // Only the question: nothing is withdrawn unless "Ja, avanmäl mig" is pressed.
    await page.getByRole("link", { name: "Avanmäl mig…" }).click();
    await expect(page.getByRole("button", { name: "Ja, avanmäl mig" })).toBeVisible();
    await expectNoAxeViolations(page);
    const confirmation = new URL(page.url());
    for (const path of [confirmation.pathname + confirmation.search, "/sessions"]) await expectNoSidewaysScroll(page, path);
    await context.close();
  });

  test("on a phone a facilitator's home and Handledning fit the screen", async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await logInAs(page, DEMO.facilitator);
    for (const path of ["/", "/sessions", "/sessions/new?kind=open-slot"]) await expectNoSidewaysScroll(page, path);
    await context.close();
  });

  test("on a phone the pages fit the screen without sideways scrolling", async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await logInAs(page, DEMO.admin);
    for (const path of [
      "/",
      "/admin",
      "/admin/goals",
      "/admin/goals/report",
      "/admin/people?status=invited",
      "/admin/people/new",
      "/account",
      "/courses",
      "/courses/kommunikationsmodellen",
      "/courses/kommunikationsmodellen/km-agenda-kontroll",
      "/account/data",
      "/admin/audit",
      "/admin/calendar-replies",
      "/integritet",
    ])
      await expectNoSidewaysScroll(page, path);
    // In a crisis the people to call are on the first screen.
    await page.goto("/crisis/kalix/now");
    await expect(page.locator("ol.call-list a").first()).toBeInViewport();
    await context.close();
  });

  test("on a phone the menu folds behind Meny and folds again after a choice; at 1280 px it is one row", async ({ browser }) => {
    const phone = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const page = await phone.newPage();
    await logInAs(page, DEMO.admin);
    const menu = page.getByRole("navigation", { name: "Huvudmeny" });
    const toggle = page.getByRole("button", { name: "Meny" });
    await expect(menu).toBeHidden();
    await expect(toggle).toHaveAttribute("aria-expanded", "false");
    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-expanded", "true");
    const people = menu.getByRole("link", { name: "Personer" });
    expect((await people.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await expectNoAxeViolations(page);
    await people.click();
    await expect(page).toHaveURL(/\/admin\/people$/);
    await expect(menu).toBeHidden();
    await phone.close();

    const desk = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const wide = await desk.newPage();
    await logInAs(wide, DEMO.admin);
    await expect(wide.getByRole("button", { name: "Meny" })).toBeHidden();
    const tops = await wide
      .getByRole("navigation", { name: "Huvudmeny" })
      .getByRole("link")
      .evaluateAll((links) => links.map((link) => Math.round(link.getBoundingClientRect().top)));
    expect(tops.length).toBeGreaterThanOrEqual(12);
    expect(new Set(tops).size, `menu rows at ${tops.join(", ")}`).toBe(1);
    await desk.close();
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("leaving a cohort asks first, as a plain page", async ({ page }) => {
    await logInAs(page, DEMO.participant);
    await page.goto("/cohorts");
    await page.getByRole("link", { name: "Kommunikatörsutbildningen Malmfälten" }).first().click();
    await page.getByRole("link", { name: "Avanmäl mig…" }).click();
    await expect(page.getByRole("heading", { name: "Vill du avanmäla dig från Kommunikatörsutbildningen Malmfälten?" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Ja, avanmäl mig" })).toBeVisible();
    await page.getByRole("link", { name: "Nej, jag är kvar" }).click();
    await expect(page.getByText("Antagen", { exact: true })).toBeVisible();
    await expect(page.getByRole("button", { name: "Ja, avanmäl mig" })).toHaveCount(0);
  });

  test("logging in and adding a person work with plain form posts", async ({ page }) => {
    await ownAddress(page);
    await logIn(page, DEMO.admin, "fel-losenord");
    await expect(page.getByRole("alert")).toHaveText("Fel e-postadress eller lösenord.");
    await expect(page.getByLabel("E-postadress")).toHaveValue(DEMO.admin);
    await logIn(page, DEMO.admin);
    await expect(page.getByRole("heading", { name: "Distriktsadmin: översikt" })).toBeVisible();

    await page.goto("/admin/people/new");
    await page.getByLabel("Namn").fill("Utan Skript");
    await page.getByLabel("E-postadress").fill("utan.skript@example.se");
    await page.getByRole("button", { name: "Lägg till och skicka inbjudan" }).click();
    await expect(page.getByText("Välj en arbetarekommun.")).toBeVisible();
    await expect(page.getByLabel("Namn")).toHaveValue("Utan Skript");
    await expect(page.getByLabel("E-postadress")).toHaveValue("utan.skript@example.se");
    await page.getByLabel("Arbetarekommun").selectOption({ label: "Gällivare" });
    await page.getByLabel("Befattning").selectOption({ label: "Medlem" });
    await page.getByRole("button", { name: "Lägg till och skicka inbjudan" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Utan Skript");
  });

  test("on a phone the whole menu is there without a button that needs a script", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 740 }, isMobile: true });
    const page = await context.newPage();
    await logInAs(page, DEMO.admin);
    await expect(page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Personer" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Meny" })).toBeHidden();
    await context.close();
  });
});
