// kill -9 in the middle of a burst of writes: every write the server
// acknowledged is still there after a restart, the database is sound, and the
// outbox picks up where the dead server stopped, including the message it was
// in the middle of sending (once that claim has run out).
import Database from "better-sqlite3";
import { afterAll, expect, it } from "vitest";
import { startSmtpSink } from "../integration/smtp-sink";
import { allMatches, copyTemplate, freePort, killAllServers, removeDatabase, startServer, TEMPLATE_DB, Visitor } from "./harness";

const PARTICIPANTS = ["deltagare", "anna.andersson", "lars.oberg", "karin.hedlund", "mikael.granberg", "patrik.strand"].map((n) => `${n}@demo.ledarlyftet.se`);
const FACILITATORS = ["utvecklingsledare", "utvecklingsledare2"].map((n) => `${n}@demo.ledarlyftet.se`);
const COURSES = ["kommunikationsmodellen", "kommunikatorens-verktyg"];
// Long enough to outlast the restart (under 1 s idle, a few seconds busy), so the restarted
// worker is seen waiting for it; every second of it is a second of the test (about 20 s idle).
// A worker gives up on a silent SMTP server after a quarter of it: at 4 s that was 1 s, and on
// a busy machine the held send timed out (and gave its claim back) before the kill landed.
const CLAIM_MS = 10_000;
const INVITEES = 1;

interface Attempt {
  kind: "read" | "reflection" | "rsvp" | "session";
  who: string;
  /** What was written to: lesson slug or session id ("" for a new session until the server names it). */
  key: string;
  /** What was written: reflection text, RSVP answer, session title. */
  value: string;
  acked: boolean;
}

let database = "";
afterAll(async () => {
  await killAllServers();
  if (database) removeDatabase(database);
});

function demoFacts() {
  const sqlite = new Database(TEMPLATE_DB, { readonly: true });
  try {
    const lessons = sqlite
      .prepare(
        `SELECT c.slug AS course, l.slug AS lesson, l.type FROM Lesson l JOIN Module m ON m.id = l.moduleId JOIN Course c ON c.id = m.courseId WHERE c.slug IN (${COURSES.map(() => "?").join(",")}) ORDER BY c.slug, m."order", l."order"`,
      )
      .all(...COURSES) as { course: string; lesson: string; type: string }[];
    // Sessions ahead that each participant is invited to: they can answer the invite.
    const invites = sqlite
      .prepare(
        `SELECT p.email, a.sessionId FROM Attendance a JOIN Person p ON p.id = a.personId JOIN HandledningSession s ON s.id = a.sessionId
         WHERE s.status = 'scheduled' AND s.startsAt > ? AND a.status IN ('invited', 'accepted', 'declined')`,
      )
      .all(new Date().toISOString()) as { email: string; sessionId: string }[];
    return {
      textLessons: lessons.filter((l) => l.type === "text"),
      reflectionLessons: lessons.filter((l) => l.type === "reflection"),
      inviteOf: (email: string) => invites.find((i) => i.email === email)?.sessionId,
    };
  } finally {
    sqlite.close();
  }
}

it("after kill -9 mid-burst and a restart, every acknowledged write is there and the outbox resumes", async () => {
  const facts = demoFacts();
  expect(facts.textLessons.length).toBeGreaterThan(5);
  expect(facts.reflectionLessons.length).toBeGreaterThan(2);

  database = await copyTemplate("crash");
  const sink = await startSmtpSink(await freePort());
  const port = await freePort();
  const env = { SMTP_URL: sink.url, MAIL_POLL_MS: "200", MAIL_CLAIM_MS: String(CLAIM_MS) };
  const first = await startServer({ database, port, env });

  const attempts: Attempt[] = [];
  const refusals: string[] = [];
  /** Sends one write and records it; false once the server is gone. */
  async function write(visitor: Visitor, attempt: Omit<Attempt, "acked">, path: string, form: Record<string, string | string[]>) {
    const entry: Attempt = { ...attempt, acked: false };
    attempts.push(entry);
    try {
      const answer = await visitor.post(path, form);
      if (answer.status >= 200 && answer.status < 400) {
        entry.acked = true;
        if (entry.kind === "session") entry.key = /^\/sessions\/([^/?#]+)$/.exec(answer.location ?? "")?.[1] ?? "";
      } else refusals.push(`${attempt.who} ${attempt.kind} ${path}: ${answer.status}`);
      return true;
    } catch {
      return false; // connection refused or reset: the server died with this write in flight
    }
  }

  const participants = await Promise.all(PARTICIPANTS.map(async (email) => ({ email, visitor: await signedIn(first.base, email) })));
  const facilitators = await Promise.all(FACILITATORS.map(async (email) => ({ email, visitor: await signedIn(first.base, email) })));

  const participantWork = participants.map(async ({ email, visitor }) => {
    const sessionId = facts.inviteOf(email);
    for (let i = 0; ; i++) {
      const lesson = facts.textLessons[i % facts.textLessons.length]!;
      if (
        !(await write(visitor, { kind: "read", who: email, key: lesson.lesson, value: "" }, `/courses/${lesson.course}/${lesson.lesson}`, { intent: "read" }))
      )
        return;
      if (i % 3 === 2) {
        const r = facts.reflectionLessons[Math.floor(i / 3) % facts.reflectionLessons.length]!;
        const text = `Reflektion ${i} av ${email}: det här tar jag med mig.`;
        if (
          !(await write(visitor, { kind: "reflection", who: email, key: r.lesson, value: text }, `/courses/${r.course}/${r.lesson}`, {
            intent: "reflection",
            text,
          }))
        )
          return;
      }
      if (sessionId && i % 4 === 3) {
        const answer = i % 8 === 3 ? "accepted" : "declined";
        if (!(await write(visitor, { kind: "rsvp", who: email, key: sessionId, value: answer }, `/sessions/${sessionId}`, { intent: "rsvp", answer }))) return;
      }
    }
  });
  const facilitatorWork = facilitators.map(async ({ email, visitor }, f) => {
    const page = await visitor.get("/sessions/new");
    // One invitee a session: each invite is a message the restarted worker must send before
    // the test can end, and three made a hundred of them (20 s idle).
    const invitees = allMatches(page.body, /name="participantIds" value="([^"]+)"/g).slice(0, INVITEES);
    expect(invitees).toHaveLength(INVITEES);
    for (let n = 1; ; n++) {
      const title = `Krocktest ${f + 1}-${n}`;
      // A day of its own for each: a facilitator cannot be booked twice at once (a fast server gets past a month of them).
      const date = new Date(Date.UTC(2027, 2, n)).toISOString().slice(0, 10);
      const form = {
        kind: "group",
        title,
        agenda: "",
        date,
        startTime: "18:00",
        endTime: "19:30",
        location: "Folkets hus",
        videoUrl: "",
        cohortId: "",
        participantIds: invitees,
        capacity: "",
        repeatWeeks: "0",
        occurrences: "1",
      };
      if (!(await write(visitor, { kind: "session", who: email, key: "", value: title }, "/sessions/new", form))) return;
    }
  });

  // Let the burst run, then catch the mail worker in the middle of a send and kill the server there.
  const acked = (kind?: Attempt["kind"]) => attempts.filter((a) => a.acked && (!kind || a.kind === kind)).length;
  await until(() => acked() >= 60 && acked("session") >= 4 && acked("reflection") >= 4 && sink.received.length >= 3);
  sink.hold();
  await sink.whenHeld();
  const killedAt = new Date();
  first.child.kill("SIGKILL");
  expect(await first.exited).toEqual({ code: null, signal: "SIGKILL" });
  await Promise.all([...participantWork, ...facilitatorWork]);
  expect(refusals).toEqual([]);
  // The premise: writes were in flight when the server died.
  expect(attempts.filter((a) => !a.acked).length).toBeGreaterThan(0);

  // What the dead server left behind, read without changing the files (no recovery, no checkpoint).
  const left = new Database(database, { readonly: true });
  const outboxAtCrash = left.prepare("SELECT id, status, lockedUntil FROM OutboxMessage").all() as { id: string; status: string; lockedUntil: string | null }[];
  left.close();
  const claimed = outboxAtCrash.filter((m) => m.lockedUntil !== null && new Date(m.lockedUntil) > killedAt);
  expect(claimed).toHaveLength(1);
  expect(claimed[0]!.status).toBe("pending");
  const deadClaim = { id: claimed[0]!.id, until: new Date(claimed[0]!.lockedUntil!) };
  const sentBeforeCrash = outboxAtCrash.filter((m) => m.status === "sent").map((m) => m.id);
  expect(outboxAtCrash.some((m) => m.status === "pending" && m.id !== deadClaim.id)).toBe(true);

  // The held message was never accepted: its sender is gone.
  await sink.whenNoConnections();
  await sink.release();

  const second = await startServer({ database, port, env });
  const sqlite = new Database(database, { readonly: true, timeout: 5000 });
  try {
    expect(sqlite.pragma("integrity_check", { simple: true })).toBe("ok");

    const personId = (email: string) => (sqlite.prepare("SELECT id FROM Person WHERE email = ?").get(email) as { id: string }).id;
    const lessonId = (slug: string) => (sqlite.prepare("SELECT id FROM Lesson WHERE slug = ?").get(slug) as { id: string }).id;
    const ackedOf = (kind: Attempt["kind"]) => attempts.filter((a) => a.kind === kind && a.acked);

    for (const a of ackedOf("read")) {
      const progress = sqlite.prepare("SELECT completedAt FROM LessonProgress WHERE personId = ? AND lessonId = ?").get(personId(a.who), lessonId(a.key)) as
        { completedAt: string | null } | undefined;
      expect(progress?.completedAt, `${a.who} read ${a.key}`).toBeTruthy();
    }
    // For a value that is overwritten: the last acknowledged one, or one sent after it that was in flight at the kill.
    const allowedFinal = (kind: Attempt["kind"], who: string, key: string) => {
      const mine = attempts.filter((a) => a.kind === kind && a.who === who && a.key === key);
      const lastAck = mine.map((a) => a.acked).lastIndexOf(true);
      return mine.slice(lastAck).map((a) => a.value);
    };
    const reflections = new Set(ackedOf("reflection").map((a) => `${a.who}|${a.key}`));
    for (const pair of reflections) {
      const [who, key] = pair.split("|") as [string, string];
      const row = sqlite.prepare("SELECT text FROM Reflection WHERE personId = ? AND lessonId = ?").get(personId(who), lessonId(key)) as
        { text: string } | undefined;
      expect(allowedFinal("reflection", who, key), `${who} reflection on ${key}`).toContain(row?.text);
    }
    const rsvps = new Set(ackedOf("rsvp").map((a) => `${a.who}|${a.key}`));
    for (const pair of rsvps) {
      const [who, key] = pair.split("|") as [string, string];
      const row = sqlite.prepare("SELECT status FROM Attendance WHERE personId = ? AND sessionId = ?").get(personId(who), key) as
        { status: string } | undefined;
      expect(allowedFinal("rsvp", who, key), `${who} answer to ${key}`).toContain(row?.status);
    }
    for (const a of ackedOf("session")) {
      const session = sqlite.prepare("SELECT title, status FROM HandledningSession WHERE id = ?").get(a.key) as { title: string; status: string } | undefined;
      expect(session, `session ${a.value}`).toEqual({ title: a.value, status: "scheduled" });
      expect((sqlite.prepare("SELECT count(*) AS n FROM Attendance WHERE sessionId = ?").get(a.key) as { n: number }).n).toBe(INVITEES);
      // The invites were queued in the same transaction as the session.
      const invites = sqlite
        .prepare("SELECT count(*) AS n FROM OutboxMessage WHERE kind = 'session-invite' AND subject LIKE ?")
        .get(`Inbjudan: ${a.value},%`) as { n: number };
      expect(invites.n, `invites for ${a.value}`).toBe(INVITEES);
    }

    // The restarted worker delivers everything, the dead worker's message only after its claim ran out.
    await until(() => (sqlite.prepare("SELECT count(*) AS n FROM OutboxMessage WHERE status <> 'sent'").get() as { n: number }).n === 0, 120_000);
    const outbox = sqlite.prepare("SELECT id, sentAt, attempts FROM OutboxMessage").all() as { id: string; sentAt: string; attempts: number }[];
    const deliveries = new Map<string, number>();
    for (const { mail } of sink.received) deliveries.set(mail.messageId ?? "", (deliveries.get(mail.messageId ?? "") ?? 0) + 1);
    for (const m of outbox) expect(deliveries.get(`<${m.id}@ledarlyftet.se>`), `delivery of ${m.id}`).toBeGreaterThanOrEqual(1);
    for (const id of sentBeforeCrash) expect(deliveries.get(`<${id}@ledarlyftet.se>`), `${id} sent once before the crash`).toBe(1);
    const resent = outbox.find((m) => m.id === deadClaim.id)!;
    expect(new Date(resent.sentAt).getTime()).toBeGreaterThanOrEqual(deadClaim.until.getTime());
    expect(resent.attempts).toBe(2);

    const count = (kind: Attempt["kind"]) => ackedOf(kind).length;
    console.log(
      [
        `crash test: acknowledged before kill -9: ${count("read")} lessons read, ${count("reflection")} reflections, ${count("rsvp")} RSVPs, ${count("session")} sessions created;`,
        `${attempts.filter((a) => !a.acked).length} writes in flight at the kill.`,
        `Outbox: ${outbox.length} messages, ${sentBeforeCrash.length} sent before the crash, all sent after the restart;`,
        `the message the dead worker held (claim until ${deadClaim.until.toISOString()}) was sent at ${resent.sentAt}.`,
      ].join(" "),
    );
  } finally {
    sqlite.close();
  }

  // People stay signed in across the crash: their sessions are rows in the database.
  expect((await participants[0]!.visitor.get("/my-courses")).status).toBe(200);

  second.child.kill("SIGTERM");
  expect(await second.exited).toEqual({ code: 0, signal: null });
  await sink.close();
});

async function signedIn(base: string, email: string) {
  const visitor = new Visitor(base);
  await visitor.login(email);
  return visitor;
}

async function until(condition: () => boolean, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
