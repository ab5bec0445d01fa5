import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO, expectNoAxeViolations, logInAs } from "./fixtures";

// The demo's Kursredaktör (demo-people.ts); Erik (DEMO.participant) has read ml-leda-text and passed ml-leda-kontroll.
const EDITOR = "kursredaktor@demo.ledarlyftet.se";
const OLD_SENTENCE = "Det är ofta genom våra ledare och företrädare som människor möter partiet.";
const NEW_SENTENCE = "Det är oftast genom våra ledare och företrädare som norrbottningarna möter partiet.";

async function as(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await logInAs(page, email);
  return page;
}

async function publish(editor: Page, note: string) {
  await editor.goto("/redigera/modernt-ledarskap");
  await editor.getByLabel("Vad ändrades? (valfritt, syns i versionslistan)").fill(note);
  await editor.getByRole("button", { name: "Publicera" }).click();
  await expect(editor.getByRole("status").filter({ hasText: /Version \d+ är publicerad/ })).toBeVisible();
}

test.describe.serial("editing a course in the app", () => {
  test("an editor fixes a sentence, previews it, publishes; a learner sees it and keeps their progress", async ({ browser }) => {
    const editor = await as(browser, EDITOR);
    await editor.getByRole("link", { name: "Redigera", exact: true }).click();
    await expectNoAxeViolations(editor);
    await editor.getByRole("link", { name: "Modernt ledarskap" }).click();
    await expectNoAxeViolations(editor);
    await editor.getByRole("link", { name: "Vad är ett modernt ledarskap i vår rörelse?" }).click();
    const body = editor.getByLabel("Text", { exact: true });
    await body.fill((await body.inputValue()).replace(OLD_SENTENCE, NEW_SENTENCE));
    await editor.getByRole("button", { name: "Förhandsgranska" }).click();
    const preview = editor.getByRole("region", { name: "Förhandsgranskning (inte sparad)" });
    await expect(preview).toContainText(NEW_SENTENCE);
    // The preview keeps what was typed.
    expect(await editor.getByLabel("Text", { exact: true }).inputValue()).toContain(NEW_SENTENCE);
    await expectNoAxeViolations(editor);
    await editor.getByRole("button", { name: "Spara i utkastet" }).click();
    await expect(editor.getByRole("status").filter({ hasText: "är sparad i utkastet" })).toBeVisible();

    // Learners do not see a draft.
    const learner = await as(browser, DEMO.participant);
    await learner.goto("/courses/modernt-ledarskap/ml-leda-text");
    await expect(learner.locator(".lesson-body")).toContainText(OLD_SENTENCE);

    await expect(editor.getByText("Vad ändras (1 fil)")).toBeVisible();
    await publish(editor, "Rättade en mening");
    await learner.reload();
    await expect(learner.locator(".lesson-body")).toContainText(NEW_SENTENCE);
    await expect(learner.getByText("Du har läst den här lektionen.")).toBeVisible();
  });

  test("an editor adds a knowledge-check question; a learner who had passed keeps it and is told what is new", async ({ browser }) => {
    const editor = await as(browser, EDITOR);
    await editor.goto("/redigera/modernt-ledarskap");
    await editor.getByRole("link", { name: "Kunskapskontroll: modernt ledarskap" }).click();
    const fresh = editor.getByRole("group", { name: "Ny fråga" });
    await fresh.getByLabel("Fråga", { exact: true }).fill("Vad gör en modern ledare först?");
    // Saved without a right answer: refused beside the question, with everything typed kept.
    await fresh.getByLabel("Svar 1", { exact: true }).fill("Lyssnar");
    await fresh.getByLabel("Återkoppling på svar 1").fill("Rätt: lyssna först.");
    await fresh.getByLabel("Svar 2", { exact: true }).fill("Bestämmer");
    await fresh.getByLabel("Återkoppling på svar 2").fill("Inte först.");
    await editor.getByRole("button", { name: "Spara i utkastet" }).click();
    const typed = editor.getByRole("group", { name: /^Fråga \d+$/ }).last();
    await expect(typed.getByText("frågan har inget rätt svar")).toBeVisible();
    await expect(typed.getByLabel("Fråga", { exact: true })).toHaveValue("Vad gör en modern ledare först?");
    await typed.getByRole("checkbox", { name: "Rätt svar" }).first().check();
    await editor.getByRole("button", { name: "Spara i utkastet" }).click();
    await expect(editor.getByRole("status").filter({ hasText: "är sparad i utkastet" })).toBeVisible();
    await publish(editor, "Ny fråga om att lyssna");

    const learner = await as(browser, DEMO.participant);
    await learner.goto("/courses/modernt-ledarskap");
    const item = learner.getByRole("listitem").filter({ has: learner.getByRole("link", { name: "Kunskapskontroll: modernt ledarskap" }) });
    await expect(item).toContainText("Klar");
    await expect(item).toContainText("Uppdaterad sedan du gjorde den");
    await item.getByRole("link").click();
    await expect(learner.getByRole("note")).toContainText("Kunskapskontrollen har ändrats sedan du klarade den");
    await expect(learner.getByText("Vad gör en modern ledare först?")).toBeVisible();
  });

  test("an earlier version is brought back as a draft and published again", async ({ browser }) => {
    const editor = await as(browser, EDITOR);
    await editor.goto("/redigera/modernt-ledarskap/versioner");
    await expectNoAxeViolations(editor);
    // The differences between the last two versions: the question added.
    await expect(editor.locator(".diff ins").filter({ hasText: "Vad gör en modern ledare först?" })).toBeVisible();
    const rows = editor.getByRole("row");
    await rows
      .filter({ hasText: "Rättade en mening" })
      .getByRole("button", { name: /Hämta som utkast/ })
      .click();
    await expect(editor.getByRole("status").filter({ hasText: /Version \d+ är hämtad som utkast/ })).toBeVisible();
    await publish(editor, "Tillbaka till versionen utan den nya frågan");
    const learner = await as(browser, DEMO.participant);
    await learner.goto("/courses/modernt-ledarskap/ml-leda-kontroll");
    await expect(learner.getByText("Vad gör en modern ledare först?")).toHaveCount(0);
    await learner.goto("/courses/modernt-ledarskap/ml-leda-text");
    await expect(learner.locator(".lesson-body")).toContainText(NEW_SENTENCE);
  });

  test("a second editor's save from a page opened before the first one saved is refused with a message, and keeps what they typed", async ({ browser }) => {
    const first = await as(browser, EDITOR);
    const second = await as(browser, DEMO.admin);
    for (const page of [first, second]) await page.goto("/redigera/modernt-ledarskap/lektion/ml-handledning-text");
    await first.getByLabel("Rubrik").fill("Handledning: att växa i sitt uppdrag");
    await first.getByRole("button", { name: "Spara i utkastet" }).click();
    await expect(first.getByRole("status").filter({ hasText: "är sparad i utkastet" })).toBeVisible();
    await second.getByLabel("Rubrik").fill("Handledning, en rubrik som skulle skriva över");
    await second.getByRole("button", { name: "Spara i utkastet" }).click();
    await expect(second.getByText("Någon annan har ändrat utkastet sedan du öppnade sidan.")).toBeVisible();
    await expect(second.getByLabel("Rubrik")).toHaveValue("Handledning, en rubrik som skulle skriva över");
    await second.goto("/redigera/modernt-ledarskap");
    await expect(second.getByRole("link", { name: "Handledning: att växa i sitt uppdrag" })).toBeVisible();
    // Leave the course as published for the journeys after this one.
    await second.getByRole("button", { name: "Släng utkastet" }).click();
    await expect(second.getByRole("status").filter({ hasText: "Utkastet är slängt." })).toBeVisible();
  });

  test("a participant cannot open the editor", async ({ page }) => {
    await logInAs(page, DEMO.participant);
    expect((await page.goto("/redigera"))?.status()).toBe(403);
    expect((await page.goto("/redigera/modernt-ledarskap/lektion/ml-leda-text"))?.status()).toBe(403);
    await expect(page.getByRole("link", { name: "Redigera", exact: true })).toHaveCount(0);
  });
});
