import net from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { actorOf } from "~/modules/auth/session.server";
import { unsubscribeToken } from "./preferences.server";
import { scheduleSessions } from "~/modules/sessions/sessions.server";
import { checkWithPython } from "../../../tests/calendar/parsers";
import { createPerson } from "../../../tests/integration/helpers";
import { startSmtpSink } from "../../../tests/integration/smtp-sink";
import { scheduleInput } from "../../../tests/support/schedule-input";
import { backoffMs, deliverDue, smtpTransport, startDeliveryWorker } from "./delivery.server";
import { queueEmail } from "./outbox.server";

const FROM = "Ledarlyftet <noreply@ledarlyftet.se>";
const sinks: Awaited<ReturnType<typeof startSmtpSink>>[] = [];
afterAll(async () => {
  for (const s of sinks) await s.close();
});

async function freePort() {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

async function clearOutbox() {
  await db.outboxMessage.updateMany({ where: { status: "pending" }, data: { status: "sent" } });
}

describe("e-mail over SMTP", () => {
  it("delivers an invite as one multipart/alternative (text, HTML, text/calendar; method=REQUEST), one .ics attachment, a Reply-To to the organizer and Auto-Submitted", async () => {
    await clearOutbox();
    const sink = await startSmtpSink();
    sinks.push(sink);
    const facilitator = await createPerson({ roles: ["facilitator"] });
    const learner = await createPerson();
    const other = await createPerson();
    await scheduleSessions(
      actorOf(facilitator),
      scheduleInput({ title: "Handledning i Kiruna", date: "2026-03-29", participantIds: [learner.id, other.id] }),
      new Date("2026-03-01T00:00:00Z"),
    );

    expect(await deliverDue(smtpTransport(sink.url), { from: FROM })).toEqual({ sent: 2, retrying: 0, failed: 0 });
    expect(sink.received).toHaveLength(2);
    const { mail, raw } = sink.received.find((received) => received.raw.includes(`To: ${learner.email}`))!;
    expect(mail.to && "text" in mail.to ? mail.to.text : "").toBe(learner.email);
    expect(mail.subject).toMatch(/^Inbjudan: Handledning i Kiruna/);
    expect(mail.text).toContain("Du är inbjuden till handledningen");
    expect(raw).toMatch(/Content-Type: multipart\/alternative/i);
    expect(raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/i);
    expect(mail.html).toContain("Du är inbjuden till handledningen");
    expect(mail.headers.get("auto-submitted")).toBe("auto-generated");
    expect(mail.replyTo?.value).toEqual([{ name: facilitator.name, address: facilitator.email }]);
    // The calendar once as a part to act on and once as a file, never more.
    const calendars = mail.attachments.filter((a) => a.filename?.endsWith(".ics"));
    expect(calendars.map((a) => a.filename)).toEqual(["inbjudan.ics"]);
    const ics = calendars[0]!.content.toString("utf8");
    // Nobody learns from their invite who else is invited.
    expect(raw).not.toContain(other.email);
    const report = checkWithPython(ics);
    expect(report.libical.restrictionsOk).toBe(true);
    expect(report.icalendar.events[0]!.start).toBe("2026-03-29T16:00:00+00:00");
    expect((await db.outboxMessage.findFirstOrThrow({ where: { personId: learner.id } })).status).toBe("sent");

    // Nothing is sent twice: a second run finds nothing due.
    expect(await deliverDue(smtpTransport(sink.url), { from: FROM })).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(sink.received).toHaveLength(2);
  });

  it("each e-mail a person may turn off carries its own one-click unsubscribe (RFC 8058); mail they must get carries none", async () => {
    await clearOutbox();
    const sink = await startSmtpSink();
    sinks.push(sink);
    const person = await createPerson();
    await queueEmail({ to: person.email, personId: person.id, kind: "session-reminder", subject: "Påminnelse", text: "Hej!" });
    await queueEmail({ to: person.email, personId: person.id, kind: "invite", subject: "Välkommen", text: "Hej!" });
    await queueEmail({ to: person.email, personId: person.id, kind: "learner-nudge", subject: "Fortsätt", text: "Hej!" });
    await queueEmail({ to: person.email, personId: person.id, kind: "weekly-digest", subject: "Veckobrev", text: "Hej!" });
    await queueEmail({ to: person.email, personId: person.id, kind: "program-completed", subject: "Grattis", text: "Hej!" });
    expect(await deliverDue(smtpTransport(sink.url), { from: FROM })).toEqual({ sent: 5, retrying: 0, failed: 0 });
    // Unfolded: a long header line is continued on the next.
    const headersOf = (subject: string) =>
      sink.received
        .find((received) => received.mail.subject === subject)!
        .raw.split("\r\n\r\n")[0]!
        .replace(/\r\n(?=[ \t])/g, "");
    const reminder = headersOf("Påminnelse");
    expect(reminder).toContain(`List-Unsubscribe: <http://localhost:3000/e-post/${unsubscribeToken(person.id, "session-reminders")}>`);
    expect(reminder).toContain("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    expect(reminder).toContain("Auto-Submitted: auto-generated");
    expect(headersOf("Välkommen")).not.toContain("List-Unsubscribe");
    expect(headersOf("Grattis")).not.toContain("List-Unsubscribe");
    expect(headersOf("Fortsätt")).toContain(`List-Unsubscribe: <http://localhost:3000/e-post/${unsubscribeToken(person.id, "learner-nudges")}>`);
    expect(headersOf("Veckobrev")).toContain(`List-Unsubscribe: <http://localhost:3000/e-post/${unsubscribeToken(person.id, "weekly-digests")}>`);
    expect(headersOf("Veckobrev")).toContain("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
  });

  it("keeps a message while the SMTP server is down and delivers it, once, after it comes back", async () => {
    await clearOutbox();
    const port = await freePort();
    const person = await createPerson();
    await queueEmail({ to: person.email, personId: person.id, kind: "invite", subject: "Välkommen", text: "Hej!" });
    const now = new Date();
    const transport = smtpTransport(`smtp://127.0.0.1:${port}`);

    expect(await deliverDue(transport, { from: FROM, now })).toEqual({ sent: 0, retrying: 1, failed: 0 });
    const waiting = await db.outboxMessage.findFirstOrThrow({ where: { personId: person.id } });
    expect(waiting).toMatchObject({ status: "pending", attempts: 1 });
    expect(waiting.lastError).toMatch(/ECONNREFUSED/);
    expect(waiting.nextAttemptAt.getTime()).toBe(now.getTime() + backoffMs(1));

    const sink = await startSmtpSink(port);
    sinks.push(sink);
    // Not yet due: the back-off is respected.
    expect(await deliverDue(transport, { from: FROM, now })).toEqual({ sent: 0, retrying: 0, failed: 0 });
    const later = new Date(now.getTime() + backoffMs(1) + 1000);
    const results = await Promise.all([deliverDue(transport, { from: FROM, now: later }), deliverDue(transport, { from: FROM, now: later })]);
    expect(results.reduce((n, r) => n + r.sent, 0)).toBe(1);
    expect(sink.received.map((r) => r.mail.subject)).toEqual(["Välkommen"]);
    expect(await db.outboxMessage.findFirstOrThrow({ where: { personId: person.id } })).toMatchObject({ status: "sent", attempts: 2 });
  });

  it("sends a message a crashed worker had claimed once the claim runs out, not before", async () => {
    await clearOutbox();
    const sink = await startSmtpSink();
    sinks.push(sink);
    const person = await createPerson();
    await queueEmail({ to: person.email, personId: person.id, kind: "invite", subject: "Efter kraschen", text: "Hej!" });
    const now = new Date();
    // What a worker leaves behind when its process dies mid-send: a claim and one attempt.
    await db.outboxMessage.updateMany({ where: { personId: person.id }, data: { lockedUntil: new Date(now.getTime() + 10_000), attempts: 1 } });
    const transport = smtpTransport(sink.url, { claimMs: 10_000 });

    expect(await deliverDue(transport, { from: FROM, now: new Date(now.getTime() + 9_000), claimMs: 10_000 })).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(await deliverDue(transport, { from: FROM, now: new Date(now.getTime() + 10_001), claimMs: 10_000 })).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(sink.received.map((r) => r.mail.subject)).toEqual(["Efter kraschen"]);
    expect(await db.outboxMessage.findFirstOrThrow({ where: { personId: person.id } })).toMatchObject({ status: "sent", attempts: 2, lockedUntil: null });
  });

  it("on stop, the worker finishes the message it is sending and claims no more", async () => {
    await clearOutbox();
    const sink = await startSmtpSink();
    sinks.push(sink);
    const person = await createPerson();
    for (const subject of ["Första", "Andra", "Tredje"]) await queueEmail({ to: person.email, personId: person.id, kind: "invite", subject, text: "Hej!" });
    sink.hold();
    const stop = startDeliveryWorker(smtpTransport(sink.url), { from: FROM, everyMs: 100 });
    await sink.whenHeld();

    const stopped = stop();
    await sink.release();
    await stopped;

    expect(sink.received.map((r) => r.mail.subject)).toEqual(["Första"]);
    const messages = await db.outboxMessage.findMany({ where: { personId: person.id }, orderBy: { createdAt: "asc" } });
    expect(messages.map((m) => [m.subject, m.status, m.attempts, m.lockedUntil])).toEqual([
      ["Första", "sent", 1, null],
      ["Andra", "pending", 0, null],
      ["Tredje", "pending", 0, null],
    ]);
  });
});
