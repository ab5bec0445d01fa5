import { expect, test, type Browser } from "@playwright/test";
import { DEMO, logInAs } from "./fixtures";

const KRISANSVARIG = "per.sandberg@demo.ledarlyftet.se"; // Kalix
const MEMBER = "frida.sundqvist@demo.ledarlyftet.se"; // Kalix, no crisis role

async function as(browser: Browser, email: string) {
  const page = await (await browser.newContext()).newPage();
  await logInAs(page, email);
  return page;
}

test("a Krisansvarig edits items, marks the plan reviewed and prints it; an admin's new template item is accepted", async ({ browser }) => {
  const per = await as(browser, KRISANSVARIG);
  await per.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Krisplan" }).click();
  await per.getByRole("link", { name: "Kalix", exact: true }).click();
  await expect(per.getByRole("heading", { name: "Krishanteringsplan för Kalix" })).toBeVisible();

  const item = per.locator("form.item-form", { hasText: "Två administratörer per konto" });
  await item.getByLabel("Status").selectOption({ label: "Ej aktuell" });
  await item.getByRole("button", { name: /^Spara / }).click();
  await expect(per.getByText("Skriv varför punkten inte är aktuell.")).toBeVisible();
  const again = per.locator("form.item-form", { hasText: "Två administratörer per konto" });
  await again.getByLabel("Varför ej aktuell (om ej aktuell)").fill("Kalix har inga egna konton; distriktet sköter dem.");
  await again.getByRole("button", { name: /^Spara / }).click();
  await expect(per.getByRole("status").first()).toContainText("Punkten är sparad.");
  await expect(per.locator("form.item-form", { hasText: "Två administratörer per konto" })).toContainText("Ej aktuell");

  await per.getByRole("button", { name: "Markera som granskad i dag" }).click();
  await expect(per.getByText(/Senast granskad .* av Per Sandberg\./)).toBeVisible();
  await expect(per.getByRole("heading", { name: "Historik" })).toBeVisible();
  await expect(per.getByText(/Per Sandberg, Markerade planen som granskad/)).toBeVisible();

  await per.getByRole("link", { name: "Utskrift" }).click();
  await per.emulateMedia({ media: "print" });
  await expect(per.getByRole("heading", { name: "Telefonkedja: ring i den här ordningen" })).toBeVisible();
  await expect(per.getByRole("heading", { name: "Rapportera hot" })).toBeVisible();
  await expect(per.locator(".site-header")).toBeHidden();
  const breaks = await per.locator(".plan-section").evaluateAll((els) => els.map((el) => getComputedStyle(el).breakBefore));
  expect(breaks[0]).not.toBe("page");
  expect(breaks.slice(1).every((b) => b === "page")).toBe(true);
  await per.emulateMedia({ media: "screen" });

  const admin = await as(browser, DEMO.admin);
  await admin.goto("/admin/crisis-template");
  await admin.getByLabel("Sektion").selectOption({ label: "Rapportera hot" });
  await admin.getByLabel("Rubrik för ny punkt").fill("Rutin för säkra hemadresser");
  await admin.getByLabel("Vägledning för ny punkt").fill("Förtroendevaldas hemadresser lämnas aldrig ut.");
  await admin.getByRole("button", { name: "Publicera ny version" }).click();
  await expect(admin.getByRole("status").first()).toContainText("Den nya punkten erbjuds alla arbetarekommuner.");

  await per.goto("/crisis/kalix");
  await expect(per.getByRole("heading", { name: "Nytt i distriktets mall" })).toBeVisible();
  // Each offer's buttons are in a group named by the item they decide.
  await per.getByRole("group", { name: "Rutin för säkra hemadresser" }).getByRole("button", { name: "Lägg till i vår plan" }).click();
  await expect(per.getByRole("status").first()).toContainText("Den nya punkten är tillagd i planen.");
  await expect(per.locator("form.item-form", { hasText: "Rutin för säkra hemadresser" })).toBeVisible();
});

test("a member reads the crisis-now view with tel: links but not the plan; another branch sees neither", async ({ browser }) => {
  const frida = await as(browser, MEMBER);
  expect((await frida.goto("/crisis/kalix"))?.status()).toBe(403);
  await frida.goto("/crisis/kalix/now");
  await expect(frida.getByRole("heading", { name: "I en kris nu: Kalix" })).toBeVisible();
  await expect(frida.getByRole("link", { name: "112" })).toHaveAttribute("href", "tel:112");
  await expect(frida.locator(".call-list a").first()).toHaveAttribute("href", /^tel:\+?\d+$/);

  const outsider = await as(browser, "anders.hagglund@demo.ledarlyftet.se");
  expect((await outsider.goto("/crisis/kalix/now"))?.status()).toBe(403);
});

test("on a phone (375 px) the crisis view keeps every number whole, makes each one a 44 px tap target, and lists what to do first", async ({ browser }) => {
  const page = await (await browser.newContext({ viewport: { width: 375, height: 812 } })).newPage();
  await logInAs(page, MEMBER);
  await page.goto("/crisis/kalix/now");
  await expect(page.getByRole("link", { name: "Vid fara för liv: ring 112" })).toHaveAttribute("href", "tel:112");
  await expect(page.getByRole("link", { name: "Hot som inte är akut: polisen 114 14" })).toHaveAttribute("href", "tel:11414");

  const calls = page.locator(".crisis-now a[href^='tel:']");
  expect(await calls.count()).toBeGreaterThanOrEqual(5); // 112, 114 14 and Kalix's three contacts
  for (const call of await calls.all()) expect((await call.boundingBox())!.height, await call.innerText()).toBeGreaterThanOrEqual(44);
  // A number on one line has one box; one that wraps at a space or dash has two.
  const lines = await page.locator(".crisis-now .phone").evaluateAll((els) => els.map((el) => [el.textContent, el.getClientRects().length]));
  expect(lines.filter(([, boxes]) => boxes !== 1)).toEqual([]);

  const steps = page.getByRole("heading", { name: "Första stegen" }).locator("xpath=following-sibling::ol[1]").getByRole("listitem");
  await expect(steps.first()).toContainText("Ring personerna i listan ovan");
  await expect(steps.filter({ hasText: "ring 112" })).toHaveCount(1);
  await expect(steps.filter({ hasText: "Kontaktlistan är uppdaterad" })).toHaveCount(0);
  await expect(steps.filter({ hasText: "Krisledare och ersättare är utsedda" })).toHaveCount(0);
});

test("on a phone the plan has one contacts heading, contact fields of one width, and every item's fields named by the item", async ({ browser }) => {
  const page = await (await browser.newContext({ viewport: { width: 375, height: 812 } })).newPage();
  await logInAs(page, KRISANSVARIG);
  await page.goto("/crisis/kalix");
  await expect(page.getByRole("heading", { name: "Kontaktlista och telefonkedja" })).toHaveCount(1);
  const contacts = page.locator("#kontakter");
  const widths = await Promise.all(["Namn", "Roll", "Telefon"].map(async (label) => (await contacts.getByLabel(label, { exact: true }).boundingBox())!.width));
  expect(new Set(widths).size, `Namn, Roll, Telefon: ${widths.join(", ")} px`).toBe(1);
  for (const target of await contacts.locator(".contact-list a, .contact-list button").all()) {
    expect((await target.boundingBox())!.height).toBeGreaterThanOrEqual(44);
  }
  const phones = await contacts.locator(".phone").evaluateAll((els) => els.map((el) => el.getClientRects().length));
  expect(phones.every((boxes) => boxes === 1)).toBe(true);

  const item = page.getByRole("group", { name: "Krisledare och ersättare är utsedda" });
  await expect(item.getByLabel("Status")).toBeVisible();
  await expect(item.getByLabel("Ansvarig")).toBeVisible();
  await expect(item).toContainText("I en kris nu, första steget: Se till att krisledaren");
});

test("the template's repeated fields are grouped under each item's name, and a refused edit keeps what was typed", async ({ page }) => {
  await logInAs(page, DEMO.admin);
  await page.goto("/admin/crisis-template");
  const leader = page.getByRole("group", { name: "Krisledare och ersättare är utsedda" });
  await expect(leader.getByLabel("Rubrik")).toHaveValue("Krisledare och ersättare är utsedda");
  await expect(leader.getByLabel("Vägledning")).toHaveValue(/En person leder arbetet/);
  await expect(leader.getByLabel("Första steget i en kris")).toHaveValue(/Se till att krisledaren/);
  await expect(page.getByRole("group", { name: "Telefonkedjan är bestämd" }).getByLabel("Första steget i en kris")).toHaveCount(0);

  await page.getByRole("group", { name: "Krisgruppen vet sin uppgift" }).getByLabel("Vägledning").fill("Krisgruppen har tre till fem personer.");
  await leader.getByLabel("Första steget i en kris").fill("");
  await page.getByRole("button", { name: "Publicera ny version" }).click();
  await expect(page.getByRole("alert")).toContainText('Rätta de markerade fälten: "Krisledare och ersättare är utsedda".');
  await expect(leader.getByLabel("Första steget i en kris")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("group", { name: "Krisgruppen vet sin uppgift" }).getByLabel("Vägledning")).toHaveValue("Krisgruppen har tre till fem personer.");
});
