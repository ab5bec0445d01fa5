import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { pdfFile } from "../support/sample-files";
import { DEMO, expectNoAxeViolations, logInAs } from "./fixtures";

const EDITOR = "kursredaktor@demo.ledarlyftet.se";

/** Nothing on the page to scroll sideways to. */
async function expectFitsWidth(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, page.url()).toBeLessThanOrEqual(0);
}

test.describe("Verktyg: the shelf of manuals", () => {
  test("the Kursredaktör uploads a PDF, a member finds it by search and by category and downloads it; a renamed text file is refused", async ({
    page,
    browser,
  }) => {
    const title = `Pressmeddelande i fyra steg ${Date.now()}`;
    const bytes = await pdfFile(title);

    await logInAs(page, EDITOR);
    await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Verktyg" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Verktyg" })).toBeVisible();
    await page.getByRole("link", { name: "Ladda upp en manual" }).click();
    await expectNoAxeViolations(page);

    // Too large: stopped by the page before anything is sent.
    const tooLarge = Buffer.alloc(21 * 1024 * 1024, 0x20);
    tooLarge.write("%PDF-1.7\n");
    await page.getByLabel("Fil", { exact: true }).setInputFiles({ name: "stor.pdf", mimeType: "application/pdf", buffer: tooLarge });
    await page.getByLabel("Rubrik").fill(title);
    await page.getByRole("button", { name: "Ladda upp" }).click();
    await expect(page.getByText("Filen är större än 20 MB, det mesta en manual får vara.")).toBeVisible();
    await expect(page.getByLabel("Fil", { exact: true })).toBeFocused();
    await expect(page).toHaveURL(/\/verktyg\/ny$/);

    // A text file named .pdf: refused by the server beside the file field, what was typed stays.
    await page
      .getByLabel("Fil", { exact: true })
      .setInputFiles({ name: "manual.pdf", mimeType: "application/pdf", buffer: Buffer.from("Bara text, ingen PDF.") });
    await page.getByLabel("Rubrik").fill(title);
    await page.getByLabel("Beskrivning").fill("Så skriver arbetarekommunen ett pressmeddelande som blir läst.");
    await page.getByLabel("Kategori").selectOption({ label: "Kommunikation" });
    await page.getByRole("button", { name: "Ladda upp" }).click();
    await expect(page.getByText(/^Filen är inte en PDF, ett Word- eller PowerPoint-dokument/)).toBeVisible();
    await expect(page.getByLabel("Fil", { exact: true })).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("Rubrik")).toHaveValue(title);
    await expect(page.getByLabel("Kategori")).toHaveValue("kommunikation");
    await expectNoAxeViolations(page);

    // The real PDF.
    await page
      .getByLabel("Fil", { exact: true })
      .setInputFiles({ name: "Pressmeddelande – så gör du.pdf", mimeType: "application/pdf", buffer: Buffer.from(bytes) });
    await page.getByRole("button", { name: "Ladda upp" }).click();
    await expect(page.getByRole("status").first()).toContainText(`${title} ligger nu i Verktyg.`);
    const item = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: title }) });
    await expect(item).toContainText(/PDF, \d+ kB/);
    await expect(item).toContainText("Hämtad 0 gånger");

    // A Deltagare, on a phone: finds it by its title and by its category, and downloads it.
    const phone = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, acceptDownloads: true });
    const member = await phone.newPage();
    await logInAs(member, DEMO.participant);
    await member.goto("/verktyg");
    await expect(member.getByRole("heading", { name: "Utspel steg för steg" })).toBeVisible();
    // A manual for Utvecklingsledare only is not on a Deltagare's shelf.
    await expect(member.getByRole("heading", { name: "Samtalsguide för handledning" })).toHaveCount(0);
    await expectNoAxeViolations(member);
    await expectFitsWidth(member);

    await member.getByLabel("Sök på rubrik").fill("pressmeddelande i fyra");
    await member.getByRole("button", { name: "Visa" }).click();
    await expect(member).toHaveURL(/\/verktyg\?q=pressmeddelande\+i\+fyra/);
    await expect(member.getByRole("heading", { level: 3 })).toHaveText([title]);

    await member.getByRole("link", { name: "Visa alla" }).click();
    await member.getByLabel("Kategori").selectOption({ label: "Kommunikation" });
    await member.getByRole("button", { name: "Visa" }).click();
    await expect(member.getByRole("heading", { level: 2, name: "Kommunikation" })).toBeVisible();
    await expect(member.getByRole("heading", { level: 2, name: "Utspel" })).toHaveCount(0);
    await expect(member.getByRole("heading", { name: title })).toBeVisible();
    await expectFitsWidth(member);

    const downloading = member.waitForEvent("download");
    await member.getByRole("link", { name: `Ladda ner ${title}` }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe("Pressmeddelande – så gör du.pdf");
    expect(fs.readFileSync((await download.path())!).equals(Buffer.from(bytes))).toBe(true);
    await phone.close();

    // Staff see the download counted.
    await page.goto("/verktyg?kategori=kommunikation");
    await expect(item).toContainText("Hämtad 1 gång");
    await expectNoAxeViolations(page);
  });

  test("the shelf, the upload form and the edit page fit a phone and pass axe; without JavaScript the search still works", async ({ browser }) => {
    const phone = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const page = await phone.newPage();
    await logInAs(page, DEMO.admin);
    for (const path of ["/verktyg", "/verktyg/ny"]) {
      await page.goto(path);
      await expectNoAxeViolations(page);
      await expectFitsWidth(page);
    }
    await page.goto("/verktyg");
    await page.getByRole("link", { name: "Ändra eller byt fil för Utspel steg för steg" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ändra Utspel steg för steg");
    await expectNoAxeViolations(page);
    await expectFitsWidth(page);
    await page.getByRole("link", { name: "Ta bort manualen…" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ta bort Utspel steg för steg?");
    await expectNoAxeViolations(page);
    await phone.close();

    const noScript = await browser.newContext({ javaScriptEnabled: false });
    const plain = await noScript.newPage();
    await logInAs(plain, DEMO.facilitator);
    await plain.goto("/verktyg");
    await plain.getByLabel("Sök på rubrik").fill("samtalsguide");
    await plain.getByRole("button", { name: "Visa" }).click();
    await expect(plain.getByRole("heading", { level: 3 })).toHaveText(["Samtalsguide för handledning"]);
    await noScript.close();
  });
});
