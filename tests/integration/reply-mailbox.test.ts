import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { config } from "~/config.server";
import { db } from "~/db.server";
import { actorOf } from "~/modules/auth/session.server";
import { checkReplyMailbox, HANDLED_FOLDER, mailboxSettings, replyMailboxStatus } from "~/modules/calendar/reply-mailbox.server";
import { scheduleSessions } from "~/modules/sessions/sessions.server";
import { freePort } from "../../scripts/free-port.mjs";
import { calendarReply, plainMessage } from "../support/calendar-replies";
import { startImapServer, type ImapServer } from "../support/imap-server";
import { scheduleInput } from "../support/schedule-input";
import { createPerson } from "./helpers";

// The reply mailbox read over IMAP from a real dovecot: what a look reads, applies, sets aside and moves.
const MAILBOX = "handledning@norrbotten.example";
const NOW = new Date("2026-03-01T09:00:00Z");
let imap: ImapServer;
const configured = config.REPLY_MAILBOX;

beforeAll(async () => {
  config.REPLY_MAILBOX = MAILBOX;
  imap = await startImapServer();
});
afterAll(async () => {
  config.REPLY_MAILBOX = configured;
  await imap?.stop();
});

async function session(participants: number) {
  const facilitator = await createPerson({ roles: ["facilitator"] });
  const people = await Promise.all(Array.from({ length: participants }, () => createPerson()));
  const r = await scheduleSessions(actorOf(facilitator), scheduleInput({ date: "2026-03-20", participantIds: people.map((p) => p.id) }), NOW);
  if (!r.ok) throw new Error("could not schedule");
  return { people, session: await db.handledningSession.findUniqueOrThrow({ where: { id: r.value.ids[0]! } }) };
}

const status = (sessionId: string, personId: string) =>
  db.attendance.findUniqueOrThrow({ where: { sessionId_personId: { sessionId, personId } } }).then((a) => a.status);

describe("the reply mailbox over IMAP", () => {
  it("applies each answer once, sets aside what does not match, and moves every message it handled out of the inbox", async () => {
    const { people, session: s } = await session(3);
    const [anna, bo, cilla] = people;
    const reply = (client: Parameters<typeof calendarReply>[0], email: string) =>
      calendarReply(client, { uid: s.uid, sequence: s.sequence, startsAt: s.startsAt, endsAt: s.endsAt, attendee: email, organizer: MAILBOX });
    await imap.deliver(reply("google-accepted", anna!.email));
    await imap.deliver(reply("thunderbird-declined", bo!.email));
    await imap.deliver(reply("apple-tentative", cilla!.email));
    await imap.deliver(reply("outlook-accepted", "okand@example.se"));
    await imap.deliver(plainMessage({ from: anna!.email, to: MAILBOX }));

    // Two app servers look at the same moment: one reads, the other finds it busy.
    const settings = mailboxSettings(imap.url);
    const looks = await Promise.all([checkReplyMailbox(settings, NOW), checkReplyMailbox(settings, NOW)]);
    expect(looks).toContain("busy");
    expect(looks.find((look) => look !== "busy")).toEqual({ applied: 3, counter: 0, "set-aside": 2, duplicate: 0 });

    expect([await status(s.id, anna!.id), await status(s.id, bo!.id), await status(s.id, cilla!.id)]).toEqual(["accepted", "declined", "tentative"]);
    expect(await db.calendarReply.count({ where: { sessionId: s.id, outcome: "applied" } })).toBe(3);
    expect(await imap.count("INBOX")).toBe(0);
    expect(await imap.count(HANDLED_FOLDER)).toBe(5);

    // Nothing new: the next look reads nothing and changes nothing.
    expect(await checkReplyMailbox(settings, NOW)).toEqual({ applied: 0, counter: 0, "set-aside": 0, duplicate: 0 });
    expect((await replyMailboxStatus()).check).toMatchObject({ okAt: NOW, failingSince: null, error: null });
  });

  it("lets another server read once a reader that died has held the mailbox past its time", async () => {
    const settings = mailboxSettings(imap.url);
    await db.replyMailboxCheck.update({ where: { id: "replies" }, data: { readingUntil: new Date(NOW.getTime() + 60_000) } });
    expect(await checkReplyMailbox(settings, NOW)).toBe("busy");
    expect(await checkReplyMailbox(settings, new Date(NOW.getTime() + 61_000))).toEqual({ applied: 0, counter: 0, "set-aside": 0, duplicate: 0 });
  });

  it("a message handled before a crash, but not moved, is only moved the next time", async () => {
    const { people, session: s } = await session(1);
    const message = calendarReply("outlook-accepted", { uid: s.uid, startsAt: s.startsAt, endsAt: s.endsAt, attendee: people[0]!.email, organizer: MAILBOX });
    await imap.deliver(message);
    await imap.deliver(message);
    const look = await checkReplyMailbox(mailboxSettings(imap.url), NOW);
    expect(look).toMatchObject({ applied: 1, duplicate: 1 });
    expect(await db.calendarReply.count({ where: { sessionId: s.id } })).toBe(1);
    expect(await imap.count("INBOX")).toBe(0);
  });

  it("records a mailbox that cannot be reached, for the admin page, and clears it once a look works again", async () => {
    const down = { ...mailboxSettings(imap.url), port: await freePort() };
    const later = new Date(NOW.getTime() + 60_000);
    await expect(checkReplyMailbox(down, later)).rejects.toThrow();
    await expect(checkReplyMailbox(down, new Date(later.getTime() + 60_000))).rejects.toThrow();
    const failing = (await replyMailboxStatus()).check!;
    expect(failing.failingSince).toEqual(later);
    expect(failing.error).toBeTruthy();

    const wrongPassword = { ...mailboxSettings(imap.url), pass: "fel" };
    await expect(checkReplyMailbox(wrongPassword, later)).rejects.toThrow();

    const back = new Date(later.getTime() + 180_000);
    await checkReplyMailbox(mailboxSettings(imap.url), back);
    expect((await replyMailboxStatus()).check).toMatchObject({ okAt: back, failingSince: null, error: null });
  });
});
