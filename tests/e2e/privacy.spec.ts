import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { DEMO, logInAs } from "./fixtures";

test.describe("privacy", () => {
  test("a Deltagare downloads their own data and reads it as a page, but may not see the audit log", async ({ page }) => {
    await logInAs(page, DEMO.participant);
    await page.goto("/account");
    const downloadPromise = page.waitForEvent("download");
    await page.getByRole("link", { name: "Ladda ner som JSON" }).click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toMatch(/^ledarlyftet-mina-uppgifter-\d{4}-\d{2}-\d{2}\.json$/);
    const data = JSON.parse(fs.readFileSync((await download.path())!, "utf8"));
    expect(data.person).toMatchObject({ name: "Erik Johansson", email: DEMO.participant, branch: "Kiruna" });
    expect(JSON.stringify(data)).not.toContain(DEMO.admin);

    await page.getByRole("link", { name: "Visa mina uppgifter" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Mina uppgifter i Ledarlyftet" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Lektioner", exact: true })).toBeVisible();
    await expect(page.getByText(DEMO.participant)).toBeVisible();
    // Knowledge-check answers and log details read as words, never as raw JSON.
    const quiz = page.getByRole("region", { name: "Kunskapskontroller" });
    await expect(quiz.getByRole("columnheader", { name: "Dina svar" })).toBeVisible();
    await expect(quiz.getByRole("cell").filter({ hasText: /\?/ }).first()).toBeVisible();
    const cells = await page.getByRole("cell").allTextContents();
    expect(cells.filter((text) => /^\s*[[{]/.test(text))).toEqual([]);

    await page.getByRole("link", { name: "Integritet och personuppgifter" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Integritet och personuppgifter" })).toBeVisible();

    const refused = await page.goto("/admin/audit");
    expect(refused?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "Åtkomst nekad" })).toBeVisible();
  });

  test("an admin erases a newly added person after confirming, and finds the erasure in the audit log", async ({ page }) => {
    const email = `radera.mig.${Date.now()}@example.se`;
    await logInAs(page, DEMO.admin);
    await page.goto("/admin/people/new");
    await page.getByLabel("Namn").fill("Rut Raderasson");
    await page.getByLabel("E-postadress").fill(email);
    await page.getByLabel("Arbetarekommun").selectOption({ label: "Haparanda" });
    await page.getByLabel("Befattning").selectOption({ label: "Medlem" });
    await page.getByRole("button", { name: "Lägg till och skicka inbjudan" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Rut Raderasson");

    await page.getByRole("link", { name: "Radera personuppgifter…" }).click();
    await expect(page.getByRole("heading", { name: "Det här går inte att ångra" })).toBeVisible();
    const confirm = page.getByLabel(/Skriv personens e-postadress/);
    // Without the confirmation nothing happens.
    await page.getByRole("button", { name: "Radera personuppgifter" }).click();
    await expect(confirm).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("Skriv personens e-postadress för att bekräfta.")).toBeVisible();
    await confirm.fill(email);
    await page.getByRole("button", { name: "Radera personuppgifter" }).click();

    await expect(page.getByRole("status").first()).toContainText("Personuppgifterna är raderade.");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Raderad person");
    const personUrl = page.url();

    await page.goto("/admin/people?q=Rut+Raderasson&status=all");
    await expect(page.getByText("Ingen person matchar filtret.")).toBeVisible();

    await page.goto("/admin/audit");
    await page.getByLabel("Åtgärd").selectOption("person.erased");
    await page.getByRole("button", { name: "Filtrera" }).click();
    const row = page.getByRole("row", { name: /Personuppgifter raderade/ }).first();
    await expect(row).toContainText("Raderad person");
    await expect(row).not.toContainText("Rut Raderasson");
    await expect(row).not.toContainText(email);
    await row.getByRole("link", { name: "Raderad person" }).click();
    await expect(page).toHaveURL(personUrl);
  });
});
