import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { pdfTextLines } from "../support/pdf-text";
import { DEMO, expectNoAxeViolations, logInAs } from "./fixtures";

const PERSPECTIVES = ["Agenda", "Närhet", "Kompetens", "Tydlighet"];

test("a participant opens the handbook from the course page, sees the four perspectives, prints it and downloads it as a PDF", async ({ page }) => {
  await logInAs(page, DEMO.participant);
  await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Kurser", exact: true }).click();
  await page.getByRole("link", { name: "Kommunikationsmodellen", exact: true }).click();
  await page.getByRole("link", { name: "Handboken", exact: true }).click();

  // The cover, the contents, then the introduction and the perspectives in order.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Kommunikationsmodellen");
  await expect(page.getByText("Handbok för Socialdemokraterna i Norrbotten")).toBeVisible();
  await expect(page.getByText(/^Version [0-9a-f]{8}, senast ändrad/)).toBeVisible();
  const contents = page.getByRole("navigation", { name: "Innehåll" });
  await expect(contents.getByRole("link")).toHaveText(["Introduktion", ...PERSPECTIVES, "Tillämpa modellen på ett eget utspel"]);
  const sections = page.locator(".handbook-section > h2");
  await expect(sections).toHaveText(["Introduktion", ...PERSPECTIVES, "Tillämpa modellen på ett eget utspel"]);
  await expect(page.getByRole("heading", { level: 3, name: "Agenda – prata om det som berör människor" })).toBeVisible();
  await expectNoAxeViolations(page);

  // On paper: no site chrome or buttons, and each section from the top of a page.
  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".site-header")).toBeHidden();
  await expect(page.getByRole("button", { name: "Skriv ut" })).toBeHidden();
  const breaks = await page.locator(".handbook-section").evaluateAll((all) => all.map((section) => getComputedStyle(section).breakBefore));
  expect(breaks).toEqual(Array(6).fill("page"));
  await page.emulateMedia({ media: "screen" });

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Ladda ner som PDF" }).click();
  const pdf = await download;
  expect(pdf.suggestedFilename()).toBe("handbok-kommunikationsmodellen.pdf");
  const bytes = fs.readFileSync((await pdf.path())!);
  expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  const lines = await pdfTextLines(bytes);
  expect(lines[0]).toBe("Kommunikationsmodellen");
  for (const title of PERSPECTIVES) expect(lines).toContain(title);

  // Only courses marked as handbooks have one.
  const other = await page.goto("/handbok/kommunikatorens-verktyg");
  expect(other?.status()).toBe(404);
  await expect(page.getByText("Det finns ingen handbok för den kursen.")).toBeVisible();
});
