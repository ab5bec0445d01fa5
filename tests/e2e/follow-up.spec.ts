import { expect, test } from "@playwright/test";
import { DEMO, SMTP_SINK_MESSAGES, expectNoAxeViolations, logInAs } from "./fixtures";

type SinkMessage = { to: string; subject: string; text: string };
const received = async () => (await (await fetch(SMTP_SINK_MESSAGES)).json()) as SinkMessage[];

// The demo keeps Stefan one text lesson short of Kommunikatörsutbildningen (demo-completions.server.ts).
const STEFAN = "stefan.mattsson@demo.ledarlyftet.se";

test("a participant finishes the program's last lesson: the milestone, the program certificate anyone can verify, and one congratulation", async ({
  page,
  browser,
}) => {
  await logInAs(page, STEFAN);
  // Home says where to go on.
  const resume = page.locator(".continue-card");
  await expect(resume.getByRole("heading", { name: "Fortsätt där du slutade" })).toBeVisible();
  await expect(resume).toContainText("Möta norrbottningarna på hemmaplan");

  // Before: the requirements, counted.
  await page.goto("/courses");
  const program = page.getByRole("region", { name: /^Kommunikatörsutbildningen/ });
  await expect(program).toContainText("Kurser: 1 av 2 klara");
  await expect(page.getByRole("region", { name: /^Ledarskapsprogrammet/ })).toContainText("Handledning: 0 av 2 handledningstillfällen");
  await expectNoAxeViolations(page);

  await page.goto("/");
  await resume.getByRole("link", { name: /Fortsätt/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Möta norrbottningarna på hemmaplan");
  await page.getByRole("button", { name: "Markera som klar" }).click();

  // The confirmation, where the program is.
  await expect(page).toHaveURL(/\/courses#genomfort$/);
  await expect(page.getByRole("status").filter({ hasText: "Grattis! Du har genomfört Kommunikatörsutbildningen" })).toBeVisible();
  const done = page.locator("#genomfort");
  await expect(done).toContainText("Du har genomfört Kommunikatörsutbildningen");
  await expectNoAxeViolations(page);
  await done.getByRole("link", { name: "Visa programintyg" }).click();
  await expect(page.locator(".certificate")).toContainText("har genomfört programmet");
  await expect(page.locator(".certificate")).toContainText("Kommunikatörsutbildningen");
  const code = (await page.locator(".certificate strong").innerText()).trim();

  // Anyone can check it.
  const stranger = await (await browser.newContext()).newPage();
  await stranger.goto(`/verifiera/${code}`);
  await expect(stranger.getByText("Intyget är äkta.")).toBeVisible();
  await expectNoAxeViolations(stranger);
  await expect(stranger.getByText(/har genomfört programmet Kommunikatörsutbildningen/)).toBeVisible();

  // The congratulation went out over SMTP, once.
  await expect
    .poll(
      async () => {
        return (await received()).filter((m) => m.to.includes(STEFAN) && m.subject === "Grattis! Du har genomfört Kommunikatörsutbildningen").length;
      },
      { timeout: 15_000 },
    )
    .toBe(1);
});

test("a facilitator stops the weekly digest with the link in it, without logging in, and turns it on again on Mitt konto", async ({ page, browser }) => {
  // The server decided this week's digest as it started; the mail worker delivered it.
  let digest: SinkMessage | undefined;
  await expect
    .poll(
      async () => {
        digest = (await received()).find((m) => m.to.includes(DEMO.facilitator) && m.subject.startsWith("Veckobrev vecka"));
        return Boolean(digest);
      },
      { timeout: 15_000 },
    )
    .toBe(true);
  expect(digest!.text).toContain("Här är veckan i dina omgångar");
  const stop = digest!.text.match(/https?:\/\/\S+\/e-post\/\S+/)?.[0];
  expect(stop).toBeTruthy();

  const anonymous = await (await browser.newContext()).newPage();
  await anonymous.goto(new URL(stop!).pathname);
  await expect(anonymous.getByRole("heading", { level: 1 })).toHaveText("Veckobrev om dina omgångar");
  await expectNoAxeViolations(anonymous);
  await anonymous.getByRole("button", { name: "Sluta skicka dem" }).click();
  await expect(anonymous.getByRole("status")).toContainText("Du får inte längre veckobrevet.");

  await logInAs(page, DEMO.facilitator);
  await page.goto("/account#e-post");
  const choice = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: /Veckobrev om dina omgångar/ }) });
  await expect(choice.getByRole("heading")).toContainText("av");
  await expectNoAxeViolations(page);
  await choice.getByRole("button", { name: "Slå på" }).click();
  await expect(page.getByRole("status").filter({ hasText: "På igen: veckobrev om dina omgångar." })).toBeVisible();
  await expect(
    page
      .getByRole("listitem")
      .filter({ has: page.getByRole("heading", { name: /Veckobrev om dina omgångar/ }) })
      .getByRole("heading"),
  ).toContainText("på");
});
