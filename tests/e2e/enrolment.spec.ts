import { expect, test, type Browser } from "@playwright/test";
import { isoDay } from "../support/dates";
import { DEMO, logInAs } from "./fixtures";

const A = "lars.oberg@demo.ledarlyftet.se";
const B = "per.sandberg@demo.ledarlyftet.se";

async function as(browser: Browser, email: string) {
  const page = await (await browser.newContext()).newPage();
  await logInAs(page, email);
  return page;
}

test("enrol, waitlist, withdraw and promotion; bulk CSV with good and bad rows", async ({ browser }) => {
  // 8 s on an idle machine.
  test.setTimeout(45_000);
  const admin = await as(browser, DEMO.admin);
  await admin.goto("/admin/cohorts/new");
  await admin.getByLabel("Namn").fill("Kvällsomgång i Piteå");
  await admin.getByLabel("Program").selectOption({ label: "Kommunikatörsutbildningen" });
  await admin.getByLabel("Startdatum").fill(isoDay(20));
  await admin.getByLabel("Slutdatum").fill(isoDay(10));
  await admin.getByLabel("Anmälan stänger (sista dag)").fill(isoDay(7));
  await admin.getByLabel("Antal platser").fill("1");
  await admin.getByLabel("Johan Lindqvist").check();
  await admin.getByRole("button", { name: "Skapa omgång" }).click();
  await expect(admin.getByText("Slutdatum kan inte vara före startdatum.")).toBeVisible();
  await expect(admin.getByLabel("Namn")).toHaveValue("Kvällsomgång i Piteå");
  await expect(admin.getByLabel("Johan Lindqvist")).toBeChecked();
  await admin.getByLabel("Slutdatum").fill(isoDay(80));
  await admin.getByRole("button", { name: "Skapa omgång" }).click();
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText("Kvällsomgång i Piteå");
  const cohortUrl = new URL(admin.url()).pathname;

  const a = await as(browser, A);
  await a.goto("/cohorts");
  await a.getByRole("link", { name: "Kvällsomgång i Piteå" }).click();
  await a.getByRole("button", { name: "Anmäl mig" }).click();
  await expect(a.getByRole("status").first()).toContainText("Du är antagen till Kvällsomgång i Piteå");
  // A leaves by mistake while nobody waits: the seat stays free, and "Ångra avanmälan" takes it back.
  await a.getByRole("link", { name: "Avanmäl mig…" }).click();
  await expect(a.getByText("Din plats blir ledig för någon annan. Ångrar du dig kan du ta tillbaka avanmälan inom 10 minuter")).toBeVisible();
  await a.getByRole("button", { name: "Ja, avanmäl mig" }).click();
  await expect(a.getByRole("status").first()).toContainText("Du är avanmäld från Kvällsomgång i Piteå.");
  await a.getByRole("button", { name: "Ångra avanmälan" }).click();
  await expect(a.getByRole("status").first()).toContainText("Avanmälan är ångrad: du har kvar din plats i Kvällsomgång i Piteå.");

  const b = await as(browser, B);
  // The full cohort says before the click that it puts B on the waitlist, and where.
  await b.goto(cohortUrl);
  await expect(b.getByText("Omgången är full. Anmäler du dig hamnar du som nummer 1 på väntelistan")).toBeVisible();
  await expect(b.getByRole("button", { name: "Anmäl mig" })).toHaveCount(0);
  await b.getByRole("button", { name: "Ställ mig på väntelistan" }).click();
  await expect(b.getByRole("status").first()).toContainText("Du står på väntelistan som nummer 1");
  await b.goto("/cohorts");
  await expect(b.getByText("plats 1 på väntelistan")).toBeVisible();

  // Leaving asks first, and says the seat goes to the waitlist at once; "Nej, jag är kvar" keeps it.
  await a.goto(cohortUrl);
  await a.getByRole("link", { name: "Avanmäl mig…" }).click();
  await expect(a.getByRole("heading", { name: "Vill du avanmäla dig från Kvällsomgång i Piteå?" })).toBeFocused();
  await expect(a.getByText("Din plats går direkt till den som står först på väntelistan")).toBeVisible();
  await a.getByRole("link", { name: "Nej, jag är kvar" }).click();
  await expect(a.getByText("Antagen", { exact: true })).toBeVisible();
  await a.getByRole("link", { name: "Avanmäl mig…" }).click();
  await a.getByLabel("Anledning (frivilligt)").fill("Krockar med fullmäktige");
  await a.getByRole("button", { name: "Ja, avanmäl mig" }).click();
  await expect(a.getByRole("status").first()).toContainText("Du är avanmäld från Kvällsomgång i Piteå.");
  // The seat went to B, so there is nothing to take back: A is offered the waitlist instead.
  await expect(a.getByRole("button", { name: "Ångra avanmälan" })).toHaveCount(0);
  await expect(a.getByRole("button", { name: "Ställ mig på väntelistan" })).toBeVisible();

  await b.goto(cohortUrl);
  await expect(b.getByText("Antagen", { exact: true })).toBeVisible();
  await admin.goto("/admin/outbox");
  await expect(admin.locator("li", { hasText: `till ${B}` }).filter({ hasText: "Du har fått en plats: Kvällsomgång i Piteå" })).toHaveCount(1);

  // The facilitator enrols several at once from a list with a bad row.
  const johan = await as(browser, DEMO.facilitator);
  await johan.goto(cohortUrl);
  await expect(johan.getByRole("heading", { name: "Deltagare" })).toBeVisible();
  await johan.getByRole("link", { name: "Anmäl flera" }).click();
  await johan.getByLabel("…eller en e-postadress per rad").fill(`e-post\n${A}\nfinns.inte@example.se\nkarin.hedlund@demo.ledarlyftet.se\n${B}`);
  await johan.getByRole("button", { name: "Förhandsgranska listan" }).click();
  await expect(johan.getByRole("alert")).toContainText("Rad 3: finns.inte@example.se: ingen person med den e-postadressen");
  await expect(johan.getByRole("row", { name: /Per Sandberg/ })).toContainText("Redan anmäld");
  await expect(johan.getByRole("row", { name: /Lars Öberg/ })).toContainText("Hamnar på väntelistan");
  await expect(johan.getByRole("row", { name: /Karin Hedlund/ })).toContainText("Hamnar på väntelistan");
  await johan.getByRole("button", { name: "Anmäl 2 personer" }).click();
  await expect(johan.getByRole("status").first()).toContainText("0 antogs, 2 på väntelistan, 0 hoppades över.");
  await expect(johan.getByRole("heading", { name: "Väntelista (2)" })).toBeVisible();

  // A Deltagare sees no participant list.
  await a.goto(cohortUrl);
  await expect(a.getByRole("heading", { name: "Deltagare" })).toHaveCount(0);
});

test("a facilitator approves a pending application to the leadership program", async ({ browser }) => {
  const johan = await as(browser, DEMO.facilitator);
  await johan.goto("/cohorts");
  await johan.getByRole("link", { name: "Ledarskapsprogrammet 2027" }).click();
  await expect(johan.getByRole("heading", { name: "Väntar på godkännande" })).toBeVisible();
  const approve = johan.getByRole("button", { name: /^Godkänn / }).first();
  const who = ((await approve.getAttribute("aria-label")) ?? "").replace("Godkänn ", "");
  await approve.click();
  await expect(johan.getByRole("status").first()).toContainText("Ansökan är godkänd.");
  await expect(johan.getByRole("row", { name: new RegExp(who) })).toBeVisible();
  const decline = johan.getByRole("button", { name: /^Avslå / }).first();
  await decline.click();
  await expect(johan.getByText("Skriv en anledning till beslutet.")).toBeVisible();
});
