import { expect, test } from "@playwright/test";
import { DEMO, E2E_ORIGIN, logInAs, ownAddress } from "./fixtures";

test.describe("people administration", () => {
  test("an invited person follows the e-mailed link, chooses a password and is logged in", async ({ page, browser }) => {
    await logInAs(page, DEMO.admin);
    await page.goto("/admin/people/new");

    // A mistake first: the message sits by the field and what was typed stays.
    await page.getByLabel("Namn").fill("Greta Nyberg");
    await page.getByLabel("E-postadress").fill("greta.nyberg@");
    await page.getByLabel("Arbetarekommun").selectOption({ label: "Arjeplog" });
    await page.getByLabel("Befattning").selectOption({ label: "Gruppledare (ledande)" });
    await page.getByRole("button", { name: "Lägg till och skicka inbjudan" }).click();
    await expect(page.getByLabel("E-postadress")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("Ange en giltig e-postadress")).toBeVisible();
    await expect(page.getByLabel("Namn")).toHaveValue("Greta Nyberg");
    await expect(page.getByLabel("Arbetarekommun")).toHaveValue(/.+/);

    await page.getByLabel("E-postadress").fill("greta.nyberg@example.se");
    await page.getByRole("button", { name: "Lägg till och skicka inbjudan" }).click();
    await expect(page.getByRole("status").first()).toContainText("Greta Nyberg är tillagd");
    await expect(page.getByText("Har inte valt lösenord ännu")).toBeVisible();

    await page.goto("/admin/outbox");
    const mail = page.locator("li", { hasText: "till greta.nyberg@example.se" }).first();
    await mail.locator("summary").click();
    const text = await mail.locator("pre").innerText();
    const link = text.match(new RegExp(`${E2E_ORIGIN}/password/\\S+`))?.[0];
    expect(link).toBeTruthy();

    const greta = await browser.newPage();
    await ownAddress(greta);
    await greta.goto(link!);
    await expect(greta.getByRole("heading", { name: "Välkommen till Ledarlyftet" })).toBeVisible();
    await greta.getByLabel("Nytt lösenord").fill("kort");
    await greta.getByLabel("Upprepa lösenordet").fill("kort");
    await greta.getByRole("button", { name: "Spara lösenord och logga in" }).click();
    await expect(greta.getByText("Lösenordet måste vara minst 10 tecken.")).toBeVisible();
    await greta.getByLabel("Nytt lösenord").fill("gretas hemliga fras");
    await greta.getByLabel("Upprepa lösenordet").fill("gretas hemliga fras");
    await greta.getByRole("button", { name: "Spara lösenord och logga in" }).click();
    await expect(greta.getByRole("heading", { name: "Hej Greta!" })).toBeVisible();
    await expect(greta.getByRole("heading", { name: /^Deltagare/ })).toBeVisible();

    // The link works once.
    await greta.goto(link!);
    await expect(greta.getByRole("heading", { name: "Länken fungerar inte" })).toBeVisible();
    await expect(greta.getByText("Länken har redan använts.")).toBeVisible();
  });

  test("a CSV with a bad row previews every row's outcome and imports nothing", async ({ page }) => {
    await logInAs(page, DEMO.admin);
    await page.goto("/admin/people/import");
    const csv = [
      "namn;e-post;arbetarekommun;befattning;roller",
      "Hugo Palo;hugo.palo@example.se;Pajala;Kommunalråd;Deltagare",
      "Irma Kero;irma.kero@example.se;Narnia;Ledamot;Deltagare",
    ].join("\n");
    await page.getByLabel("CSV-fil").setInputFiles({ name: "personer.csv", mimeType: "text/csv", buffer: Buffer.from("\uFEFF" + csv) });
    await page.getByRole("button", { name: "Förhandsgranska" }).click();
    await expect(page.getByRole("table")).toContainText("1 rad kan importeras, 1 har fel");
    await expect(page.getByRole("row", { name: /Irma Kero/ })).toContainText('okänd arbetarekommun "Narnia"');
    await expect(page.getByRole("row", { name: /Hugo Palo/ })).toContainText("Läggs till och bjuds in");
    await expect(page.getByRole("button", { name: /^Importera/ })).toHaveCount(0);

    await page.goto("/admin/people?q=hugo.palo&status=all");
    await expect(page.getByText("Ingen person matchar filtret")).toBeVisible();
  });

  test("Excel's Unicode-text (UTF-16, tab-separated) uploads and previews its rows; a file it cannot split says what it reads", async ({ page }) => {
    await logInAs(page, DEMO.admin);
    await page.goto("/admin/people/import");
    const file = page.getByLabel("CSV-fil");

    await file.setInputFiles({
      name: "personer.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("namn|e-post|arbetarekommun|befattning|roller\r\nA|a@b.se|Kalix|ledamot|\r\n"),
    });
    await page.getByRole("button", { name: "Förhandsgranska" }).click();
    await expect(page.getByRole("alert")).toContainText("Kolumnerna i filen gick inte att skilja åt");
    await expect(page.getByRole("alert")).toContainText("UTF-16 (Excels Unicode-text)");
    await expect(page.getByRole("alert")).toContainText("semikolon, komma eller tabb");

    // What Excel writes for "Spara som → Unicode-text": a UTF-16LE BOM, tabs, CRLF, in a .txt file.
    const sheet = [
      "Namn\tE-post\tArbetarekommun\tBefattning\tRoller",
      "Lova Åhman\tlova.ahman@example.se\tÖverkalix\tKommunalråd\tDeltagare",
      "Måns Öhrn\tmans.ohrn@example.se\tPajala\tLedamot\t",
    ].join("\r\n");
    await file.setInputFiles({
      name: "personer.txt",
      mimeType: "text/plain",
      buffer: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${sheet}\r\n`, "utf16le")]),
    });
    await page.getByRole("button", { name: "Förhandsgranska" }).click();
    await expect(page.getByRole("table")).toContainText("2 rader kan importeras");
    await expect(page.getByRole("row", { name: /Lova Åhman/ })).toContainText("Överkalix");
    await expect(page.getByRole("row", { name: /Lova Åhman/ })).toContainText("Läggs till och bjuds in");
    await expect(page.getByRole("row", { name: /Måns Öhrn/ })).toContainText("Läggs till och bjuds in");
    await page.getByRole("button", { name: "Importera 2 personer" }).click();
    await expect(page.getByRole("status").first()).toContainText("2 personer importerades");
    await page.getByLabel("Sök namn eller e-post").fill("lova.ahman");
    await page.getByRole("button", { name: "Filtrera" }).click();
    await expect(page.getByRole("row", { name: /Lova Åhman/ })).toContainText("Överkalix");
  });

  test("a good CSV previews and then imports, and the people appear in the list", async ({ page }) => {
    await logInAs(page, DEMO.admin);
    await page.goto("/admin/people/import");
    await page
      .getByLabel("…eller klistra in innehållet")
      .fill(
        "namn,e-post,arbetarekommun,befattning,roller\nJan Vesa,jan.vesa@example.se,Övertorneå,ledamot,Deltagare\nKaja Niemi,kaja.niemi@example.se,Haparanda,gruppledare,Deltagare|Utvecklingsledare\n",
      );
    await page.getByRole("button", { name: "Förhandsgranska" }).click();
    await page.getByRole("button", { name: "Importera 2 personer" }).click();
    await expect(page.getByRole("status").first()).toContainText("2 personer importerades");
    await page.getByLabel("Sök namn eller e-post").fill("kaja");
    await page.getByRole("button", { name: "Filtrera" }).click();
    await expect(page.getByRole("row", { name: /Kaja Niemi/ })).toContainText("Deltagare, Utvecklingsledare");
  });

  test("filters narrow the list, e.g. leading representatives' position in Kiruna", async ({ page }) => {
    await logInAs(page, DEMO.admin);
    await page.goto("/admin/people");
    await page.getByLabel("Arbetarekommun").selectOption({ label: "Kiruna" });
    await page.getByLabel("Befattning").selectOption({ label: "Kommunalråd" });
    await page.getByRole("button", { name: "Filtrera" }).click();
    await expect(page).toHaveURL(/branchId=.+&.*position=kommunalrad/);
    const rows = page.locator("tbody tr");
    await expect(rows.first()).toBeVisible();
    for (const row of await rows.all()) {
      await expect(row).toContainText("Kiruna");
      await expect(row).toContainText("Kommunalråd");
    }
  });
});

test.describe("forgotten password", () => {
  test("the same answer for any address, and the link in the outbox sets a new password", async ({ page, browser }) => {
    await ownAddress(page);
    await page.goto("/login");
    await page.getByRole("link", { name: "Glömt lösenord?" }).click();
    // The login page has an E-postadress field too: wait for the new page first.
    await expect(page.getByRole("heading", { name: "Glömt lösenord" })).toBeVisible();
    await page.getByLabel("E-postadress").fill("ingen.alls@example.se");
    await page.getByRole("button", { name: "Skicka länk" }).click();
    const answer = await page.getByRole("status").innerText();
    await page.goto("/forgot-password");
    await page.getByLabel("E-postadress").fill("ida.engstrom@demo.ledarlyftet.se");
    await page.getByRole("button", { name: "Skicka länk" }).click();
    await expect(page.getByRole("status")).toHaveText(answer);

    const admin = await browser.newPage();
    await logInAs(admin, DEMO.admin);
    await admin.goto("/admin/outbox");
    const mail = admin.locator("li", { hasText: "till ida.engstrom@demo.ledarlyftet.se" }).first();
    await expect(mail).toContainText("Nytt lösenord");
    await mail.locator("summary").click();
    const link = (await mail.locator("pre").innerText()).match(new RegExp(`${E2E_ORIGIN}/password/\\S+`))![0];

    await page.goto(link);
    await page.getByLabel("Nytt lösenord").fill("idas nya losenord");
    await page.getByLabel("Upprepa lösenordet").fill("idas nya losenord");
    await page.getByRole("button", { name: "Spara lösenord och logga in" }).click();
    await expect(page.getByRole("heading", { name: "Hej Ida!" })).toBeVisible();
  });
});

test.describe("the admin's first page", () => {
  test("'har inte valt lösenord ännu' opens exactly those people, and the overview leads into the goals and the Utkorg", async ({ page }) => {
    await logInAs(page, DEMO.admin);
    const card = page.getByRole("link", { name: /har inte valt lösenord ännu/ });
    const count = Number((await card.locator(".stat").innerText()).trim());
    await card.click();
    await expect(page).toHaveURL(/\/admin\/people\?status=invited$/);
    await expect(page.getByLabel("Status")).toHaveValue("invited");
    await expect(page.getByRole("status")).toHaveText(count === 1 ? "1 person" : `${count} personer`);
    // Each of them is waiting for the invitation, by their own page.
    const first = page.getByRole("table").getByRole("link").first();
    if (count > 0) {
      await first.click();
      await expect(page.getByText("Har inte valt lösenord ännu (inbjudan väntar).")).toBeVisible();
    }

    await page.goto("/");
    await page.getByRole("link", { name: "Översikt över mål och krisplaner" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Administration" })).toBeVisible();
    const goals = page.getByRole("table", { name: /^Indikatorernas utfall mot målet/ });
    await expect(goals.getByRole("row")).toHaveCount(14);
    await goals.getByRole("link", { name: "Ledande företrädare i kontinuerlig handledning" }).click();
    await expect(page.getByRole("heading", { name: "Mål och indikatorer" })).toBeVisible();
    await expect(page.locator("article#ledare-handledning")).toBeInViewport();
    await page.goBack();
    await page.getByRole("link", { name: "Öppna utkorgen" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Utkorg" })).toBeVisible();
  });
});
