import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** Where the journeys' server and SMTP sink listen (see playwright.config.ts). */
export const E2E_ORIGIN = `http://localhost:${process.env.E2E_PORT ?? 3100}`;
export const SMTP_SINK_MESSAGES = `http://127.0.0.1:${process.env.E2E_SMTP_HTTP_PORT ?? 2527}/messages`;
/** The reply mailbox the journeys' server reads (playwright.config.ts). */
export const REPLY_MAILBOX = "handledning@demo.ledarlyftet.se";
export const REPLY_IMAP_URL = `imap://svar:svar@127.0.0.1:${process.env.E2E_IMAP_PORT ?? 2528}`;

export const DEMO_PASSWORD = "Ledarlyftet-demo-2026";
export const DEMO = {
  admin: "admin@demo.ledarlyftet.se",
  facilitator: "utvecklingsledare@demo.ledarlyftet.se",
  participant: "deltagare@demo.ledarlyftet.se",
};

let addressCounter = 1;

/**
 * Every test appears to come from its own address (the server trusts
 * X-Forwarded-For in e2e), so one test's failed logins never throttle another.
 */
export async function ownAddress(page: Page) {
  await page.setExtraHTTPHeaders({ "X-Forwarded-For": `198.51.100.${addressCounter++}` });
}

/** Logs in on the login page, staying on it if already there (it may carry redirectTo). */
export async function logIn(page: Page, email: string, password = DEMO_PASSWORD) {
  if (new URL(page.url(), "http://x").pathname !== "/login") await page.goto("/login");
  await page.getByLabel("E-postadress").fill(email);
  await page.getByLabel("Lösenord").fill(password);
  await page.getByRole("button", { name: "Logga in" }).click();
}

export async function logInAs(page: Page, email: string) {
  await ownAddress(page);
  await logIn(page, email);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Hej");
}

/** The page as it stands passes axe's WCAG 2.1 AA rules. */
export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa"]).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(summary).toEqual([]);
}
