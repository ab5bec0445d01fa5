import fs from "node:fs";
import { expect, test, type Browser } from "@playwright/test";
import { pdfTextLines } from "../support/pdf-text";
import { DEMO, logInAs } from "./fixtures";

async function as(browser: Browser, email: string) {
  const page = await (await browser.newContext()).newPage();
  await logInAs(page, email);
  return page;
}

test("the district's dashboard shows each goal with status, accessible charts, and a CSV that matches it", async ({ browser }) => {
  const admin = await as(browser, DEMO.admin);
  await admin.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Mål" }).click();
  await expect(admin.getByRole("heading", { name: "Mål och indikatorer" })).toBeVisible();
  const overview = admin.getByRole("table", { name: /^Översikt/ });
  await expect(overview.getByRole("row")).toHaveCount(14);
  await expect(overview).toContainText("Vi leder debatten i de viktiga frågorna");

  const card = admin.locator("article#ledare-ledarskapsprogrammet");
  const shown = (await card.locator(".value").innerText()).trim();
  await expect(card.getByRole("img", { name: /per arbetarekommun/ })).toBeVisible();
  await card.getByText("Visa som tabell").last().click();
  await expect(card.getByRole("rowheader", { name: "Kiruna" })).toBeVisible();

  const downloadPromise = admin.waitForEvent("download");
  await admin.getByRole("link", { name: "Exportera CSV" }).click();
  const download = await downloadPromise;
  const csv = fs.readFileSync((await download.path())!, "utf8");
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const district = csv.split("\r\n").find((l) => l.startsWith("Ledande företrädare som genomfört Ledarskapsprogrammet;Hela distriktet;"))!;
  const utfall = district.split(";")[5]!;
  expect(shown).toBe(utfall === "" ? "–" : `${utfall} %`);

  // The people behind the number, for admins.
  await card.getByRole("link", { name: /Se vilka som ingår/ }).click();
  await expect(admin.getByRole("heading", { name: /^Bakom siffran/ })).toBeVisible();
  await expect(admin.getByRole("columnheader", { name: "Räknas i täljaren" })).toBeVisible();

  await admin.goto("/admin/goals/report");
  await expect(admin.getByRole("heading", { name: /^Uppföljning av handlingsplanen/ })).toBeVisible();
  const pdf = await admin.request.get("/admin/goals/report.pdf");
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
});

test("the höstmöte report, its PDF and the CSV print the thresholds the dashboard shows, never the letters N and X", async ({ browser }) => {
  const admin = await as(browser, DEMO.admin);
  await admin.goto("/admin/goals");
  // The thresholds as the dashboard states them: whatever the board has set, the documents must say the same.
  const handledning = await admin
    .locator("article#ledare-handledning")
    .getByText(/handledningstillfällen/)
    .innerText();
  const sessions = /minst (\d+) handledningstillfällen/.exec(handledning)?.[1];
  const crisis = await admin.locator("article#krisplaner-klara").getByText(/klar/).first().innerText();
  const done = /minst (\d+) % klar/.exec(crisis)?.[1];
  expect(sessions, handledning).toBeTruthy();
  expect(done, crisis).toBeTruthy();
  const thresholds = [`minst ${sessions} handledningstillfällen`, `minst ${done} % klar`];
  const placeholders = /minst [NX]\b/;

  const csvDownload = admin.waitForEvent("download");
  await admin.getByRole("link", { name: "Exportera CSV" }).click();
  const csv = fs.readFileSync((await (await csvDownload).path())!, "utf8");
  for (const threshold of thresholds) expect(csv).toContain(threshold);
  expect(csv).not.toMatch(placeholders);

  await admin.getByRole("link", { name: "Uppföljningsrapport för höstmötet" }).click();
  await expect(admin.getByRole("heading", { level: 1, name: /^Uppföljning av handlingsplanen/ })).toBeVisible();
  const report = await admin.locator("main").innerText();
  for (const threshold of thresholds) expect(report).toContain(threshold);
  expect(report).not.toMatch(placeholders);

  // The PDF is saved as a file for the meeting, under a Swedish name, and says the same.
  const pdfDownload = admin.waitForEvent("download");
  await admin.getByRole("link", { name: "Ladda ner som PDF" }).click();
  const pdf = await pdfDownload;
  expect(pdf.suggestedFilename()).toMatch(/^uppföljning-höstmötet-\d{4}\.pdf$/);
  const pdfLines = await pdfTextLines(fs.readFileSync((await pdf.path())!));
  expect(pdfLines[0]).toMatch(/^Uppföljning av handlingsplanen \d{4}$/);
  // Read as a reader does, across the lines a definition is wrapped on.
  const pdfText = pdfLines.join(" ");
  for (const threshold of thresholds) expect(pdfText).toContain(threshold);
  expect(pdfText).not.toMatch(placeholders);
});

test("a Deltagare gets 403 on the dashboard and the export; a facilitator sees who is falling behind", async ({ browser }) => {
  const participant = await as(browser, DEMO.participant);
  expect((await participant.goto("/admin/goals"))?.status()).toBe(403);
  expect((await participant.request.get("/admin/goals/export.csv")).status()).toBe(403);

  const sara = await as(browser, "utvecklingsledare2@demo.ledarlyftet.se");
  await expect(sara.getByRole("link", { name: "Kommunikatörsutbildningen Malmfälten" })).toBeVisible();
  await expect(sara.getByRole("progressbar", { name: /Genomsnittligt framsteg/ })).toBeVisible();
});
