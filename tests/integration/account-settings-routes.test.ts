import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { unsubscribeToken } from "~/modules/sessions/reminders.server";
import { action as stopAction, loader as stopLoader } from "~/routes/paminnelser.$token";
import { action as accountAction, loader as accountLoader } from "~/routes/account";
import { createPerson, formRequest, getRequest, settle, signedIn } from "./helpers";

const wants = async (id: string) => (await db.person.findUniqueOrThrow({ where: { id } })).sessionReminders;

describe("turning reminders off and on", () => {
  it("a mail client's one-click POST (RFC 8058) to the reminder's link turns them off, without a login", async () => {
    const person = await createPerson();
    const token = unsubscribeToken(person.id);
    expect((await settle(() => stopLoader({ request: getRequest(`/paminnelser/${token}`), params: { token }, context: {} }))).status).toBe(200);
    // Opening the link only asks.
    expect(await wants(person.id)).toBe(true);
    const res = await settle(() =>
      stopAction({ request: formRequest(`/paminnelser/${token}`, { "List-Unsubscribe": "One-Click" }), params: { token }, context: {} }),
    );
    expect(res.status).toBe(200);
    expect(await wants(person.id)).toBe(false);
  });

  it("a link that is not ours is a 404 and changes nobody's reminders", async () => {
    const [anna, bertil] = await Promise.all([createPerson(), createPerson()]);
    const borrowed = `${bertil.id}.${unsubscribeToken(anna.id).split(".")[1]}`;
    for (const token of [borrowed, bertil.id, "x".repeat(40)]) {
      const res = await settle(() => stopAction({ request: formRequest(`/paminnelser/${token}`, {}), params: { token }, context: {} }));
      expect(res.status).toBe(404);
    }
    expect(await wants(bertil.id)).toBe(true);
    expect(await wants(anna.id)).toBe(true);
  });

  it("Mitt konto says whether reminders are on and switches them", async () => {
    const me = await signedIn();
    const page = async () =>
      (await (await settle(() => accountLoader({ request: getRequest("/account", me.cookie), params: {}, context: {} }))).json()) as { reminders: boolean };
    expect((await page()).reminders).toBe(true);
    const off = await settle(() =>
      accountAction({ request: formRequest("/account", { intent: "reminders-off" }, { cookie: me.cookie }), params: {}, context: {} }),
    );
    expect(off).toRedirectTo("/account#paminnelser");
    expect((await page()).reminders).toBe(false);
    await settle(() => accountAction({ request: formRequest("/account", { intent: "reminders-on" }, { cookie: me.cookie }), params: {}, context: {} }));
    expect((await page()).reminders).toBe(true);
  });
});

describe("how handledning reaches the calendar", () => {
  it("e-mail until one subscribes; then the feed alone, or both when chosen; anything else is refused", async () => {
    const me = await signedIn();
    const channel = async () =>
      ((await (await settle(() => accountLoader({ request: getRequest("/account", me.cookie), params: {}, context: {} }))).json()) as { channel: string })
        .channel;
    const post = (fields: Record<string, string>) =>
      settle(() => accountAction({ request: formRequest("/account", fields, { cookie: me.cookie }), params: {}, context: {} }));
    expect(await channel()).toBe("email");
    expect(await post({ intent: "feed-new" })).toRedirectTo("/account#kalender");
    expect(await channel()).toBe("feed");
    expect(await post({ intent: "channel", channel: "both" })).toRedirectTo("/account#kalender");
    expect(await channel()).toBe("both");
    expect((await post({ intent: "channel", channel: "email-and-sms" })).status).toBe(400);
    expect(await channel()).toBe("both");
    expect(await post({ intent: "channel", channel: "feed" })).toRedirectTo("/account#kalender");
    expect(await channel()).toBe("feed");
    await post({ intent: "channel", channel: "both" });
    await post({ intent: "feed-revoke" });
    expect(await channel()).toBe("email");
    // Subscribing again starts as the feed alone: nobody gets duplicates they did not just ask for.
    await post({ intent: "feed-new" });
    expect(await channel()).toBe("feed");
  });
});
