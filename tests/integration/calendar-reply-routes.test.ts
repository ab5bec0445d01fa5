import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { actorOf } from "~/modules/auth/session.server";
import { handleReplyMessage } from "~/modules/calendar/calendar-replies.server";
import { scheduleSessions } from "~/modules/sessions/sessions.server";
import { action as repliesAction, loader as repliesLoader } from "~/routes/admin.calendar-replies";
import { action as sessionAction, loader as sessionLoader } from "~/routes/sessions.$sessionId._index";
import { calendarReply } from "../support/calendar-replies";
import { scheduleInput } from "../support/schedule-input";
import { formRequest, getRequest, settle, signedIn } from "./helpers";

// The pages where calendar answers show: the facilitator's session page and the admin's list of what was set aside.
const context = { clientAddress: "203.0.113.31" };
const soon = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
const MAILBOX = "handledning@norrbotten.example";

async function answered() {
  const f = await signedIn({ roles: ["facilitator"] });
  const [a, b] = await Promise.all([signedIn(), signedIn()]);
  const r = await scheduleSessions(actorOf(f), scheduleInput({ date: soon, participantIds: [a.id, b.id] }));
  if (!r.ok) throw new Error(r.message);
  const s = await db.handledningSession.findUniqueOrThrow({ where: { id: r.value.ids[0]! } });
  const values = { uid: s.uid, sequence: s.sequence, startsAt: s.startsAt, endsAt: s.endsAt, organizer: MAILBOX };
  expect(await handleReplyMessage(calendarReply("thunderbird-declined", { ...values, attendee: a.email }))).toBe("applied");
  const proposedStartsAt = new Date(s.startsAt.getTime() + 86_400_000);
  expect(
    await handleReplyMessage(
      calendarReply("outlook-counter", { ...values, attendee: b.email, proposedStartsAt, proposedEndsAt: new Date(proposedStartsAt.getTime() + 3_600_000) }),
    ),
  ).toBe("counter");
  const counter = await db.calendarReply.findFirstOrThrow({ where: { sessionId: s.id, outcome: "counter" } });
  return { f, a, b, id: s.id, counterId: counter.id, proposedStartsAt };
}

const page = (id: string, cookie: string) =>
  settle(() => sessionLoader({ request: getRequest(`/sessions/${id}`, cookie), context, params: { sessionId: id } }));
const post = (id: string, cookie: string, form: Record<string, string>) =>
  settle(() => sessionAction({ request: formRequest(`/sessions/${id}`, form, { cookie }), context, params: { sessionId: id } }));

describe("calendar answers on the session page", () => {
  it("shows the facilitator who answered from their calendar and who proposed a new time; invitees see neither", async () => {
    const { f, a, b, id } = await answered();
    const mine = (await (await page(id, f.cookie)).json()) as {
      attendees: { personId: string; status: string; byCalendar: boolean }[];
      counters: { name: string; comment: string }[];
    };
    expect(mine.attendees.find((x) => x.personId === a.id)).toMatchObject({ status: "declined", byCalendar: true });
    expect(mine.attendees.find((x) => x.personId === b.id)).toMatchObject({ status: "invited", byCalendar: false });
    expect(mine.counters).toEqual([expect.objectContaining({ name: b.name, comment: "Could we move this session?" })]);
    for (const invitee of [a, b]) {
      const theirs = (await (await page(id, invitee.cookie)).json()) as { attendees: unknown[]; counters: unknown[] };
      expect(theirs.attendees).toEqual([]);
      expect(theirs.counters).toEqual([]);
    }
  });

  it("only the facilitator may take or turn down a proposed time", async () => {
    const { f, b, id, counterId, proposedStartsAt } = await answered();
    const otherFacilitator = await signedIn({ roles: ["facilitator"] });
    for (const cookie of [b.cookie, otherFacilitator.cookie]) {
      for (const intent of ["accept-counter", "keep-time"]) expect((await post(id, cookie, { intent, counterId })).status).toBe(403);
    }
    expect((await db.calendarReply.findUniqueOrThrow({ where: { id: counterId } })).handledAt).toBeNull();
    const taken = await post(id, f.cookie, { intent: "accept-counter", counterId });
    expect(taken.status).toBe(302);
    expect((await db.handledningSession.findUniqueOrThrow({ where: { id } })).startsAt).toEqual(proposedStartsAt);
    // A second click finds it answered and says so, next to the form.
    const again = await post(id, f.cookie, { intent: "accept-counter", counterId });
    expect(again.status).toBe(409);
    expect(JSON.stringify(await again.json())).toContain("Förslaget är redan besvarat.");
  });

  it("a participant can answer Kanske in the app too", async () => {
    const { b, id } = await answered();
    expect((await post(id, b.cookie, { intent: "rsvp", answer: "tentative" })).status).toBe(302);
    expect(await db.attendance.findFirstOrThrow({ where: { sessionId: id, personId: b.id } })).toMatchObject({ status: "tentative", respondedVia: "app" });
  });
});

describe("the admin's list of calendar answers set aside", () => {
  it("is for admins only; shows each with its reason; marking one handled takes it off the list", async () => {
    const { id } = await answered();
    const s = await db.handledningSession.findUniqueOrThrow({ where: { id } });
    await handleReplyMessage(
      calendarReply("google-accepted", { uid: s.uid, startsAt: s.startsAt, endsAt: s.endsAt, organizer: MAILBOX, attendee: "okand@example.se" }),
    );
    const aside = await db.calendarReply.findFirstOrThrow({ where: { sessionId: id, outcome: "set-aside" } });

    const participant = await signedIn();
    const facilitator = await signedIn({ roles: ["facilitator"] });
    for (const person of [participant, facilitator]) {
      expect((await settle(() => repliesLoader({ request: getRequest("/admin/calendar-replies", person.cookie), context, params: {} }))).status).toBe(403);
      const refused = await settle(() =>
        repliesAction({
          request: formRequest("/admin/calendar-replies", { intent: "handled", replyId: aside.id }, { cookie: person.cookie }),
          context,
          params: {},
        }),
      );
      expect(refused.status).toBe(403);
    }
    expect((await db.calendarReply.findUniqueOrThrow({ where: { id: aside.id } })).handledAt).toBeNull();

    const admin = await signedIn({ roles: ["admin"] });
    const list = (await (await settle(() => repliesLoader({ request: getRequest("/admin/calendar-replies", admin.cookie), context, params: {} }))).json()) as {
      replies: { id: string; from: string; reason: string }[];
    };
    expect(list.replies.find((r) => r.id === aside.id)).toMatchObject({
      from: "okand@example.se",
      reason: "okand@example.se är inte inbjuden till tillfället.",
    });
    const done = await settle(() =>
      repliesAction({
        request: formRequest("/admin/calendar-replies", { intent: "handled", replyId: aside.id }, { cookie: admin.cookie }),
        context,
        params: {},
      }),
    );
    expect(done.status).toBe(302);
    expect((await db.calendarReply.findUniqueOrThrow({ where: { id: aside.id } })).handledAt).not.toBeNull();
  });
});
