import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { actorOf } from "~/modules/auth/session.server";
import { issueFeedToken } from "~/modules/calendar/feed.server";
import { scheduleSessions } from "~/modules/sessions/sessions.server";
import { loader as feedLoader } from "~/routes/kalender.$file";
import { loader as sessionLoader, action as sessionAction } from "~/routes/sessions.$sessionId._index";
import { loader as sessionsLoader, action as sessionsAction } from "~/routes/sessions._index";
import { loader as icsLoader } from "~/routes/sessions.$sessionId.calendar[.ics]";
import { action as newSessionAction } from "~/routes/sessions.new";
import { parseWithIcalJs } from "../calendar/parsers";
import { formRequest, getRequest, settle, signedIn } from "./helpers";
import { scheduleInput } from "../support/schedule-input";

const context = { clientAddress: "203.0.113.21" };
const soon = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);

const groupSession = scheduleInput({ date: soon, location: "Luleå" });

async function scheduled() {
  const f = await signedIn({ roles: ["facilitator"] });
  const a = await signedIn();
  const r = await scheduleSessions(actorOf(f), { ...groupSession, participantIds: [a.id] });
  if (!r.ok) throw new Error(r.message);
  return { f, a, id: r.value.ids[0]! };
}

const feedRequest = (token: string, headers: Record<string, string> = {}) =>
  settle(() => feedLoader({ request: new Request(`http://localhost:3000/kalender/${token}.ics`, { headers }), context, params: { file: `${token}.ics` } }));

describe("calendar feed route", () => {
  it("serves text/calendar with ETag and Last-Modified, answers 304 when unchanged, and 404 for a wrong or revoked token", async () => {
    const { a } = await scheduled();
    const token = await issueFeedToken(a.id);
    const res = await feedRequest(token);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    const etag = res.headers.get("ETag")!;
    const lastModified = res.headers.get("Last-Modified")!;
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(parseWithIcalJs(await res.text()).events).toHaveLength(1);
    expect((await feedRequest(token, { "If-None-Match": etag })).status).toBe(304);
    expect((await feedRequest(token, { "If-Modified-Since": lastModified })).status).toBe(304);
    expect((await feedRequest("x".repeat(32))).status).toBe(404);
    expect((await feedRequest("../../etc/passwd")).status).toBe(404);
    await issueFeedToken(a.id);
    expect((await feedRequest(token)).status).toBe(404);
  });
});

describe("session routes", () => {
  it("a participant cannot read another's session, nor download it; the invited one can", async () => {
    const { a, id } = await scheduled();
    const stranger = await signedIn();
    expect((await settle(() => sessionLoader({ request: getRequest(`/sessions/${id}`, stranger.cookie), context, params: { sessionId: id } }))).status).toBe(
      403,
    );
    expect(
      (await settle(() => icsLoader({ request: getRequest(`/sessions/${id}/calendar.ics`, stranger.cookie), context, params: { sessionId: id } }))).status,
    ).toBe(403);
    const ics = await settle(() => icsLoader({ request: getRequest(`/sessions/${id}/calendar.ics`, a.cookie), context, params: { sessionId: id } }));
    expect(ics.status).toBe(200);
    expect(ics.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    const mine = await (await settle(() => sessionLoader({ request: getRequest(`/sessions/${id}`, a.cookie), context, params: { sessionId: id } }))).json();
    expect(mine.attendees).toEqual([]);
    expect((await settle(() => sessionLoader({ request: getRequest(`/sessions/x`, a.cookie), context, params: { sessionId: "finns-inte" } }))).status).toBe(
      404,
    );
  });

  it("another facilitator cannot move or cancel the session; the form answers bad times beside the fields", async () => {
    const { f, id } = await scheduled();
    const other = await signedIn({ roles: ["facilitator"] });
    const forged = await settle(() =>
      sessionAction({ request: formRequest(`/sessions/${id}`, { intent: "cancel" }, { cookie: other.cookie }), context, params: { sessionId: id } }),
    );
    expect(forged.status).toBe(403);
    expect((await db.handledningSession.findUniqueOrThrow({ where: { id } })).status).toBe("scheduled");
    const bad = await settle(() =>
      sessionAction({
        request: formRequest(`/sessions/${id}`, { intent: "move", date: soon, startTime: "19:00", endTime: "18:00" }, { cookie: f.cookie }),
        context,
        params: { sessionId: id },
      }),
    );
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors.endTime).toEqual(["Sluttiden måste vara efter starttiden."]);
  });

  it("a session that has begun offers its organizer no move or cancel, and a forged one is refused with nothing changed", async () => {
    const f = await signedIn({ roles: ["facilitator"] });
    const a = await signedIn();
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const r = await scheduleSessions(actorOf(f), { ...groupSession, date: yesterday, participantIds: [a.id] }, new Date(Date.now() - 7 * 86_400_000));
    if (!r.ok) throw new Error(r.message);
    const id = r.value.ids[0]!;
    const page = await (await settle(() => sessionLoader({ request: getRequest(`/sessions/${id}`, f.cookie), context, params: { sessionId: id } }))).json();
    expect(page.session.started).toBe(true);
    const act = (form: Record<string, string>) =>
      settle(() => sessionAction({ request: formRequest(`/sessions/${id}`, form, { cookie: f.cookie }), context, params: { sessionId: id } }));
    const cancel = await act({ intent: "cancel" });
    expect(cancel.status).toBe(409);
    expect((await cancel.json()).errors._form).toEqual(["Tillfället har redan börjat och kan inte ställas in. Registrera närvaro eller frånvaro i stället."]);
    const move = await act({ intent: "move", date: soon, startTime: "18:00", endTime: "19:00" });
    expect(move.status).toBe(400);
    expect((await move.json()).errors._form).toEqual(["Tillfället har redan börjat och kan inte flyttas. Boka ett nytt tillfälle i stället."]);
    expect(await db.handledningSession.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "scheduled", sequence: 0 });
  });

  it("a free time is offered to Deltagare only; the one who loses the race for it is refused and no longer offered it", async () => {
    const f = await signedIn({ roles: ["facilitator"] });
    const r = await scheduleSessions(actorOf(f), { ...groupSession, kind: "one-to-one", title: "Ledig tid", openSlot: "on" });
    if (!r.ok) throw new Error(r.message);
    const slot = r.value.ids[0]!;
    const list = async (cookie: string) => (await settle(() => sessionsLoader({ request: getRequest("/sessions", cookie), context, params: {} }))).json();
    const book = (cookie: string) =>
      settle(() => sessionsAction({ request: formRequest("/sessions", { intent: "book", sessionId: slot }, { cookie }), context, params: {} }));

    // The facilitator's page speaks of what they lead, and offers nobody else's free times to book.
    const other = await signedIn({ roles: ["facilitator"] });
    expect(await list(other.cookie)).toMatchObject({ mayLead: true, mayBook: false, openSlots: [] });
    expect((await book(other.cookie)).status).toBe(403);

    const [first, second] = [await signedIn(), await signedIn()];
    expect((await list(second.cookie)).openSlots.map((s: { id: string }) => s.id)).toContain(slot);
    expect(await book(first.cookie)).toRedirectTo(`/sessions/${slot}`);
    const lost = await book(second.cookie);
    expect(lost.status).toBe(409);
    expect((await lost.json()).errors._form).toEqual(["Tiden är inte längre ledig."]);
    expect((await list(second.cookie)).openSlots.map((s: { id: string }) => s.id)).not.toContain(slot);
    expect(await db.attendance.count({ where: { sessionId: slot } })).toBe(1);
  });

  it("scheduling in the past or without a place is refused with the typed values kept", async () => {
    const f = await signedIn({ roles: ["facilitator"] });
    const res = await settle(() =>
      newSessionAction({
        request: formRequest(
          "/sessions/new",
          { kind: "group", title: "Kvällsträff", date: "2020-01-01", startTime: "18:00", endTime: "19:00", location: "" },
          { cookie: f.cookie },
        ),
        context,
        params: {},
      }),
    );
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.errors.location).toEqual(["Ange en plats eller en videolänk."]);
    expect(body.values.title).toBe("Kvällsträff");
    const past = await settle(() =>
      newSessionAction({
        request: formRequest(
          "/sessions/new",
          { kind: "group", title: "Kvällsträff", date: "2020-01-01", startTime: "18:00", endTime: "19:00", location: "Boden" },
          { cookie: f.cookie },
        ),
        context,
        params: {},
      }),
    );
    expect((await past.json()).errors.date).toEqual(["Tillfället måste ligga i framtiden."]);
    const participant = await signedIn();
    expect(
      (await settle(() => newSessionAction({ request: formRequest("/sessions/new", { kind: "group" }, { cookie: participant.cookie }), context, params: {} })))
        .status,
    ).toBe(403);
  });
});
