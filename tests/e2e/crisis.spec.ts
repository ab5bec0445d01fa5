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
  await per.getByRole("button", { name: "Lägg till i vår plan" }).click();
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
