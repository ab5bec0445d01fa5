import { expect, test } from "@playwright/test";
import { DEMO, logIn, logInAs, ownAddress } from "./fixtures";

test.describe("logging in", () => {
  test("each role lands on its own home page", async ({ page }) => {
    await logInAs(page, DEMO.admin);
    await expect(page.getByRole("heading", { name: "Distriktsadmin: översikt" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Personer" })).toBeVisible();
    await page.getByRole("button", { name: "Logga ut" }).click();
    await expect(page).toHaveURL(/\/login$/);

    await logInAs(page, DEMO.facilitator);
    await expect(page.getByRole("heading", { name: /^Utvecklingsledare/ })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Distriktsadmin: översikt" })).toHaveCount(0);
    await page.getByRole("button", { name: "Logga ut" }).click();
    // Wait for the logout to land: going to /login while still signed in redirects home.
    await expect(page).toHaveURL(/\/login$/);

    await logInAs(page, DEMO.participant);
    await expect(page.getByRole("heading", { name: /^Deltagare/ })).toBeVisible();
    await expect(page.getByRole("link", { name: "Personer" })).toHaveCount(0);
  });

  test("the login page says what the site is to search engines and link previews", async ({ page }) => {
    await ownAddress(page);
    const response = await page.goto("/login");
    expect(response!.status()).toBe(200);
    await expect(page).toHaveTitle(/Ledarlyftet/);
    await expect(page.locator("html")).toHaveAttribute("lang", "sv");
    await expect(page.locator('meta[name="description"]')).toHaveAttribute("content", /ledarprogrammet/);
    await expect(page.locator('meta[name="description"]')).toHaveCount(1);
  });

  test("a wrong password is refused with one message and the e-mail stays typed", async ({ page }) => {
    await ownAddress(page);
    await logIn(page, DEMO.participant, "helt-fel");
    await expect(page.getByRole("alert")).toHaveText("Fel e-postadress eller lösenord.");
    await expect(page.getByLabel("E-postadress")).toHaveValue(DEMO.participant);

    await logIn(page, "finns.inte@demo.ledarlyftet.se", "helt-fel");
    await expect(page.getByRole("alert")).toHaveText("Fel e-postadress eller lösenord.");
  });

  test("after five failures even the right password is refused, with a time to try again", async ({ page }) => {
    await ownAddress(page);
    const email = "anna.andersson@demo.ledarlyftet.se";
    for (let i = 0; i < 5; i++) await logIn(page, email, `fel-${i}`);
    await expect(page.getByRole("alert")).toContainText("För många misslyckade inloggningsförsök");
    await logIn(page, email);
    await expect(page.getByRole("alert")).toHaveText(/Försök igen kl\. \d\d:\d\d \(om 1[45] min\)\./);
    await expect(page).toHaveURL(/\/login/);
  });

  test("an anonymous visitor is sent to login and back to the page they asked for", async ({ page }) => {
    await ownAddress(page);
    await page.goto("/admin/branches");
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Fadmin%2Fbranches/);
    await logIn(page, DEMO.admin);
    await expect(page).toHaveURL(/\/admin\/branches$/);
    await expect(page.getByRole("heading", { name: "Arbetarekommuner" })).toBeVisible();
    await expect(page.getByRole("row")).toHaveCount(15);
  });

  test("a Deltagare asking for an admin page gets a 403 page in the app's layout", async ({ page }) => {
    await logInAs(page, DEMO.participant);
    const response = await page.goto("/admin/people");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "Åtkomst nekad" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Till startsidan" })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "sv");
  });

  test("an unknown page is a 404 in the layout", async ({ page }) => {
    const response = await page.goto("/finns-inte");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Sidan finns inte" })).toBeVisible();
  });

  test("log out everywhere ends the other browser's session too", async ({ browser }) => {
    const first = await browser.newPage();
    const second = await browser.newPage();
    await logInAs(first, DEMO.facilitator);
    await logInAs(second, DEMO.facilitator);
    await first.goto("/account");
    await first.getByRole("button", { name: "Logga ut överallt" }).click();
    await expect(first).toHaveURL(/\/login$/);
    await second.goto("/account");
    await expect(second).toHaveURL(/\/login\?redirectTo=%2Faccount/);
  });
});
