import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { unsubscribeToken, type EmailChoice } from "~/modules/mail/preferences.server";
import { action as stopAction, loader as stopLoader } from "~/routes/e-post.$token";
import { action as oldStopAction } from "~/routes/paminnelser.$token";
import { action as accountAction, loader as accountLoader } from "~/routes/account";
import { createPerson, formRequest, getRequest, settle, signedIn } from "./helpers";

const choices = async (id: string) =>
  db.person.findUniqueOrThrow({ where: { id }, select: { sessionReminders: true, learnerNudges: true, weeklyDigests: true } });

describe("turning optional e-mail off and on", () => {
  it("a mail client's one-click POST (RFC 8058) to an e-mail's link turns that kind off, and only that kind, without a login", async () => {
    const person = await createPerson({ roles: ["participant", "facilitator"] });
    for (const [choice, column] of [
      ["learner-nudges", "learnerNudges"],
      ["weekly-digests", "weeklyDigests"],
      ["session-reminders", "sessionReminders"],
    ] as const) {
      const token = unsubscribeToken(person.id, choice);
      expect((await settle(() => stopLoader({ request: getRequest(`/e-post/${token}`), params: { token }, context: {} }))).status).toBe(200);
      // Opening the link only asks.
      expect((await choices(person.id))[column]).toBe(true);
      const res = await settle(() =>
        stopAction({ request: formRequest(`/e-post/${token}`, { "List-Unsubscribe": "One-Click" }), params: { token }, context: {} }),
      );
      expect(res.status).toBe(200);
      expect((await choices(person.id))[column]).toBe(false);
    }
  });

  it("the stop link in reminders sent before there were several kinds still works, at its old address", async () => {
    const person = await createPerson();
    const oldToken = unsubscribeToken(person.id, "session-reminders").replace(/^session-reminders\./, "");
    const res = await settle(() => oldStopAction({ request: formRequest(`/paminnelser/${oldToken}`, {}), params: { token: oldToken }, context: {} }));
    expect(res.status).toBe(200);
    expect(await choices(person.id)).toEqual({ sessionReminders: false, learnerNudges: true, weeklyDigests: true });
  });

  it("a link that is not ours is a 404 and changes nobody's e-mail", async () => {
    const [anna, bertil] = await Promise.all([createPerson(), createPerson()]);
    const annas = unsubscribeToken(anna.id, "learner-nudges").split(".");
    const borrowed = `learner-nudges.${bertil.id}.${annas[2]}`;
    const otherKind = `weekly-digests.${anna.id}.${annas[2]}`;
    for (const token of [
      borrowed,
      otherKind,
      `${bertil.id}.${annas[2]}`,
      bertil.id,
      "x".repeat(40),
      `${annas.join(".")}.extra`,
      `nonsense.${anna.id}.${annas[2]}`,
    ]) {
      const res = await settle(() => stopAction({ request: formRequest(`/e-post/${token}`, {}), params: { token }, context: {} }));
      expect(res.status).toBe(404);
    }
    const changed = `learner-nudges.${anna.id}.${annas[2]!.slice(0, -1)}${annas[2]!.endsWith("A") ? "B" : "A"}`;
    expect((await settle(() => stopAction({ request: formRequest(`/e-post/${changed}`, {}), params: { token: changed }, context: {} }))).status).toBe(404);
    expect(await choices(bertil.id)).toEqual({ sessionReminders: true, learnerNudges: true, weeklyDigests: true });
    expect(await choices(anna.id)).toEqual({ sessionReminders: true, learnerNudges: true, weeklyDigests: true });
  });

  it("Mitt konto lists each kind with its state and switches it; the digest only for facilitators; a made-up kind is refused", async () => {
    const me = await signedIn();
    const page = async () =>
      (await (await settle(() => accountLoader({ request: getRequest("/account", me.cookie), params: {}, context: {} }))).json()) as {
        emails: { choice: EmailChoice; on: boolean }[];
      };
    expect((await page()).emails).toEqual([
      expect.objectContaining({ choice: "session-reminders", on: true }),
      expect.objectContaining({ choice: "learner-nudges", on: true }),
    ]);
    const post = (fields: Record<string, string>) =>
      settle(() => accountAction({ request: formRequest("/account", fields, { cookie: me.cookie }), params: {}, context: {} }));
    expect(await post({ intent: "email-choice", choice: "learner-nudges", on: "false" })).toRedirectTo("/account#e-post");
    expect((await page()).emails.find((e) => e.choice === "learner-nudges")?.on).toBe(false);
    expect((await page()).emails.find((e) => e.choice === "session-reminders")?.on).toBe(true);
    await post({ intent: "email-choice", choice: "learner-nudges", on: "true" });
    expect((await page()).emails.find((e) => e.choice === "learner-nudges")?.on).toBe(true);
    const attempts: Record<string, string>[] = [
      { choice: "invitations", on: "false" },
      { choice: "learner-nudges", on: "maybe" },
      { choice: "learner-nudges" },
    ];
    for (const bad of attempts) {
      expect((await post({ intent: "email-choice", ...bad })).status).toBe(400);
    }
    expect((await choices(me.id)).learnerNudges).toBe(true);

    const facilitator = await signedIn({ roles: ["facilitator"] });
    const theirs = (await (await settle(() => accountLoader({ request: getRequest("/account", facilitator.cookie), params: {}, context: {} }))).json()) as {
      emails: { choice: EmailChoice }[];
    };
    expect(theirs.emails.map((e) => e.choice)).toContain("weekly-digests");
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
