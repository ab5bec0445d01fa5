import fs from "node:fs";
import { expect, test, type Browser } from "@playwright/test";
import { parseCsv } from "../../app/utils/csv";
import { DEMO, logInAs } from "./fixtures";

async function as(browser: Browser, email: string) {
  const page = await (await browser.newContext()).newPage();
  await logInAs(page, email);
  return page;
}

test("a facilitator downloads their cohort page's participants and progress as CSV for Excel; a participant cannot", async ({ browser }) => {
  const johan = await as(browser, DEMO.facilitator);
  await johan.goto("/cohorts");
  await johan.getByRole("link", { name: "Ledarskapsprogrammet 2027" }).first().click();
  await expect(johan.getByRole("heading", { level: 1 })).toHaveText("Ledarskapsprogrammet 2027");
  const cohortUrl = new URL(johan.url()).pathname;
  const admitted = johan.getByRole("table").filter({ has: johan.getByRole("columnheader", { name: "Framsteg i programmet" }) });
  const shown = (await admitted.locator("tbody tr td:first-child").allInnerTexts()).map((name) => name.trim());
  expect(shown.length).toBeGreaterThan(0);

  const downloading = johan.waitForEvent("download");
  await johan.getByRole("link", { name: "Ladda ner deltagarnas framsteg (CSV)" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^ledarlyftet-framsteg-Ledarskapsprogrammet 2027-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = fs.readFileSync((await download.path())!, "utf8");
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const [header, ...rows] = parseCsv(csv);
  expect(header!.slice(0, 6)).toEqual(["Namn", "E-post", "Arbetarekommun", "Anmälan", "Nivå", "Program"]);
  expect(header).toContain("Framsteg (%)");
  // Everyone admitted on the page has their row for the program, and nobody else is in the file.
  const programRows = rows.filter((row) => row[4] === "Program");
  expect(programRows.map((row) => row[0]).sort()).toEqual([...shown].sort());
  expect(new Set(rows.map((row) => row[0]))).toEqual(new Set(shown));

  // A participant opening the cohort sees no download, and the address itself refuses them.
  const erik = await as(browser, DEMO.participant);
  await erik.goto(cohortUrl);
  await expect(erik.getByRole("heading", { level: 1 })).toHaveText("Ledarskapsprogrammet 2027");
  await expect(erik.getByRole("link", { name: /framsteg/i })).toHaveCount(0);
  const refused = await erik.request.get(`${cohortUrl}/export.csv`);
  expect(refused.status()).toBe(403);
  expect(await refused.text()).not.toContain(programRows[0]![1]!);
});
