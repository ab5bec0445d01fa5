import { expect, test, type APIRequestContext, type Browser } from "@playwright/test";
import { parseWithIcalJs } from "../calendar/parsers";
import { calendarReply } from "../support/calendar-replies";
import { isoDay } from "../support/dates";
import { deliverTo } from "../support/imap-server";
import { DEMO, logInAs, REPLY_IMAP_URL, REPLY_MAILBOX, SMTP_SINK_MESSAGES } from "./fixtures";

const KARIN = "karin.hedlund@demo.ledarlyftet.se";
const SOFIA = "sofia.lindberg@demo.ledarlyftet.se";

async function as(browser: Browser, email: string) {
  const page = await (await browser.newContext()).newPage();
  await logInAs(page, email);
  return page;
}

interface SinkMessage {
  to: string;
  subject: string;
  text: string;
  calendar: string[];
}

/** The newest message with this subject that carries a calendar part, to whoever it went (of those `also` allows). */
async function calendarMail(request: APIRequestContext, subject: RegExp, also: (m: SinkMessage) => boolean = () => true): Promise<SinkMessage> {
  let found: SinkMessage | undefined;
  await expect
    .poll(
      async () => {
        const messages = (await (await request.get(SMTP_SINK_MESSAGES)).json()) as SinkMessage[];
        found = messages.filter((m) => subject.test(m.subject) && m.calendar.length > 0 && also(m)).at(-1);
        return Boolean(found);
      },
      { timeout: 15_000 },
    )
    .toBe(true);
  return found!;
}

async function mailTo(request: APIRequestContext, email: string, subject: RegExp): Promise<SinkMessage> {
  let found: SinkMessage | undefined;
  await expect
    .poll(
      async () => {
        const messages = (await (await request.get(SMTP_SINK_MESSAGES)).json()) as SinkMessage[];
        found = messages.filter((m) => m.to === email && subject.test(m.subject)).at(-1);
        return Boolean(found);
      },
      { timeout: 15_000 },
    )
    .toBe(true);
  return found!;
}

test("a facilitator schedules, moves and cancels a cohort session; participants see it in the app, the feed and their e-mail", async ({ browser, request }) => {
  // 5 s on an idle machine, three of them waiting for mail.
  test.setTimeout(45_000);
  const sara = await as(browser, "utvecklingsledare2@demo.ledarlyftet.se");
  await sara.goto("/sessions/new");
  await sara.getByLabel("Rubrik").fill("Extra grupphandledning");
  await sara.getByLabel("Datum").fill(isoDay(12));
  await sara.getByLabel("Starttid").fill("18:00");
  await sara.getByLabel("Sluttid").fill("17:00");
  await sara.getByLabel("Plats", { exact: true }).fill("Folkets hus, Kiruna");
  await sara.getByLabel("Omgång").selectOption({ label: "Kommunikatörsutbildningen Malmfälten" });
  await sara.getByRole("button", { name: "Boka och skicka inbjudningar" }).click();
  await expect(sara.getByText("Sluttiden måste vara efter starttiden.")).toBeVisible();
  await expect(sara.getByLabel("Rubrik")).toHaveValue("Extra grupphandledning");
  await sara.getByLabel("Sluttid").fill("19:30");
  await sara.getByRole("button", { name: "Boka och skicka inbjudningar" }).click();
  await expect(sara.getByRole("status").first()).toContainText("Tillfället är bokat");
  const sessionUrl = new URL(sara.url()).pathname;

  // The demo Deltagare (in the cohort) sees it in the app and in the feed.
  const erik = await as(browser, DEMO.participant);
  await erik.goto("/sessions");
  await expect(erik.getByRole("link", { name: "Extra grupphandledning" })).toBeVisible();
  const feedUrl = "/kalender/demo-erik-johansson-kalender.ics";
  const first = await request.get(feedUrl);
  expect(first.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
  const event = parseWithIcalJs(await first.text()).events.find((e) => e.uid && e.start.startsWith(isoDay(12)) && e.sequence === 0);
  expect(event).toBeDefined();
  // Erik subscribes to the feed, so his e-mail tells him without a second copy for his calendar;
  // a cohort member without a feed gets the invitation itself, naming only them.
  const invite = await mailTo(request, "deltagare@demo.ledarlyftet.se", /^Inbjudan: Extra grupphandledning/);
  expect(invite.calendar).toEqual([]);
  expect(invite.text).toContain("genom prenumerationen");
  const withCalendar = await calendarMail(request, /^Inbjudan: Extra grupphandledning/);
  const invitation = parseWithIcalJs(withCalendar.calendar[0]!);
  expect(invitation.method).toBe("REQUEST");
  expect(invitation.events[0]!.attendees).toEqual([`mailto:${withCalendar.to}`]);

  // Moving it: same UID, higher SEQUENCE, new time in the feed.
  await sara.goto(sessionUrl);
  await sara.getByLabel("Nytt datum").fill(isoDay(13));
  await sara.getByRole("button", { name: "Flytta tillfället" }).click();
  await expect(sara.getByRole("status").first()).toContainText("Tiden är ändrad");
  const moved = parseWithIcalJs(await (await request.get(feedUrl)).text()).events.find((e) => e.uid === event!.uid)!;
  expect(moved.sequence).toBe(1);
  expect(moved.start.slice(0, 10)).toBe(isoDay(13));
  await mailTo(request, "deltagare@demo.ledarlyftet.se", /^Ändrad tid: Extra grupphandledning/);

  // Cancelling it: the feed keeps it as CANCELLED, the e-mail is a CANCEL.
  await sara.getByRole("button", { name: "Ställ in tillfället" }).click();
  await expect(sara.getByRole("status").first()).toContainText("Tillfället är inställt");
  const cancelled = parseWithIcalJs(await (await request.get(feedUrl)).text()).events.find((e) => e.uid === event!.uid)!;
  expect(cancelled).toMatchObject({ status: "CANCELLED", sequence: 2 });
  await mailTo(request, "deltagare@demo.ledarlyftet.se", /^Inställt: Extra grupphandledning/);
  const cancelMail = await calendarMail(request, /^Inställt: Extra grupphandledning/);
  expect(parseWithIcalJs(cancelMail.calendar[0]!).method).toBe("CANCEL");
  await erik.goto(sessionUrl);
  await expect(erik.getByText("Inställt", { exact: true })).toBeVisible();

  // Someone not invited gets 403.
  const outsider = await as(browser, "anders.hagglund@demo.ledarlyftet.se");
  expect((await outsider.goto(sessionUrl))?.status()).toBe(403);
});

test("a participant accepts in their calendar: the reply arrives in the district's mailbox and the facilitator's session page shows it", async ({
  browser,
  request,
}) => {
  // The app reads the mailbox every 5 s here; the rest takes a few seconds.
  test.setTimeout(50_000);
  const sara = await as(browser, "utvecklingsledare2@demo.ledarlyftet.se");
  await sara.goto("/sessions/new");
  await sara.getByLabel("Rubrik").fill("Handledning med svar från kalendern");
  await sara.getByLabel("Datum").fill(isoDay(16));
  await sara.getByLabel("Plats", { exact: true }).fill("Folkets hus, Gällivare");
  await sara.getByLabel("Omgång").selectOption({ label: "Kommunikatörsutbildningen Malmfälten" });
  await sara.getByRole("button", { name: "Boka och skicka inbjudningar" }).click();
  await expect(sara.getByRole("status").first()).toContainText("Tillfället är bokat");
  const sessionUrl = new URL(sara.url()).pathname;

  // A participant's invitation: the district's mailbox is the ORGANIZER, under Sara's name.
  const invite = await calendarMail(request, /^Inbjudan: Handledning med svar från kalendern/, (m) => !m.to.includes("utvecklingsledare2"));
  const event = parseWithIcalJs(invite.calendar[0]!).events[0]!;
  expect(event.organizer.toLowerCase()).toBe(`mailto:${REPLY_MAILBOX}`);
  const attendee = event.attendees[0]!.replace(/^mailto:/i, "");

  // Their calendar (Gmail here) sends Accept to the ORGANIZER; the mail server puts it in the mailbox.
  await deliverTo(
    REPLY_IMAP_URL,
    calendarReply("google-accepted", {
      uid: event.uid,
      sequence: event.sequence,
      startsAt: new Date(event.start),
      endsAt: new Date(event.end),
      attendee,
      organizer: REPLY_MAILBOX,
    }),
  );

  // Within a look or two, Sara's page shows the answer and where it came from.
  await expect
    .poll(
      async () => {
        await sara.goto(sessionUrl);
        return (await sara.getByRole("row").filter({ hasText: "svar från kalendern" }).allTextContents()).join(" ");
      },
      { timeout: 30_000, intervals: [1000] },
    )
    .toContain("Kommer");
  // And the participant's own page shows the answer their calendar gave.
  const participant = await as(browser, attendee);
  await participant.goto(sessionUrl);
  await expect(participant.getByRole("region", { name: "Ditt svar" })).toContainText("Kommer");
});

test("a Deltagare books a free slot, and attendance completes the leadership program", async ({ browser, request }) => {
  const karin = await as(browser, KARIN);
  await karin.goto("/sessions");
  await karin
    .getByRole("button", { name: /^Boka / })
    .first()
    .click();
  await expect(karin.getByRole("status").first()).toContainText("Tiden är bokad.");
  await expect(karin.getByRole("link", { name: "Lägg till i kalender" })).toBeVisible();
  await mailTo(request, KARIN, /^Inbjudan: Ledig tid för enskild handledning/);

  const sofia = await as(browser, SOFIA);
  await sofia.goto("/courses");
  await expect(sofia.getByRole("heading", { name: /^Ledarskapsprogrammet/ })).not.toContainText("Genomfört");

  const sara = await as(browser, "utvecklingsledare2@demo.ledarlyftet.se");
  await sara.goto("/sessions");
  await sara.getByRole("link", { name: "Uppföljning för ordförande" }).click();
  await sara.getByRole("radio", { name: "Närvarade" }).check();
  await sara.getByRole("button", { name: "Spara närvaro" }).click();
  await expect(sara.getByRole("status").first()).toContainText("Närvaron är sparad.");

  await sofia.reload();
  await expect(sofia.getByRole("heading", { name: /^Ledarskapsprogrammet/ })).toContainText("Genomfört");
});

test("two Deltagare race for the same free time: the one who comes second is refused and no longer offered it", async ({ browser }) => {
  // A free time of its own, so the journey does not depend on which demo times earlier journeys booked.
  const johan = await as(browser, DEMO.facilitator);
  await johan.goto("/sessions");
  await johan.getByRole("link", { name: "Publicera lediga tider" }).click();
  await expect(johan.getByRole("heading", { level: 1 })).toHaveText("Publicera lediga tider");
  await johan.getByLabel("Datum").fill(isoDay(45));
  await johan.getByLabel("Starttid").fill("10:00");
  await johan.getByLabel("Sluttid").fill("11:00");
  await johan.getByLabel("Plats", { exact: true }).fill("Sal Tornet, Luleå");
  await johan.getByRole("button", { name: "Publicera" }).click();
  await expect(johan.getByRole("status").first()).toContainText("Den lediga tiden är publicerad.");

  // Both open the list while the time is free.
  const [mikael, elin] = [await as(browser, "mikael.granberg@demo.ledarlyftet.se"), await as(browser, "elin.berg@demo.ledarlyftet.se")];
  const slot = (page: typeof mikael) => page.getByRole("listitem").filter({ hasText: "Sal Tornet, Luleå" });
  for (const page of [mikael, elin]) {
    await page.goto("/sessions");
    await expect(slot(page).getByRole("button", { name: /^Boka / })).toBeVisible();
  }
  await slot(mikael)
    .getByRole("button", { name: /^Boka / })
    .click();
  await expect(mikael.getByRole("status").first()).toContainText("Tiden är bokad.");

  // Elin's page still shows the time as free until she clicks; then she is told, and it is gone from the list at once, without a reload.
  await slot(elin)
    .getByRole("button", { name: /^Boka / })
    .click();
  await expect(elin.getByRole("alert")).toHaveText("Tiden är inte längre ledig.");
  await expect(slot(elin)).toHaveCount(0);
});
