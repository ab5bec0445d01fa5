/**
 * Two app servers, one PostgreSQL database: the built app started twice, as
 * `npm start` runs it (migrate deploy, content sync, demo seed, node
 * server.js), on two ports. Nothing a user depends on lives in one server's
 * memory, so a user can move between them: sessions, login throttling and the
 * outbox (with its worker's claim) are all in the database.
 *
 * Runs in `npm run test:postgres` (TEST_DATABASE_URL names the server).
 */
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSmtpSink } from "../integration/smtp-sink";
import { calendarReply } from "../support/calendar-replies";
import { startImapServer, type ImapServer } from "../support/imap-server";
import { databaseUrl, dropDatabase, PG_PREFIX, TEST_DATABASE_URL, withAdmin } from "../setup/migrated-base";

const PORT_A = Number(process.env.MULTI_SERVER_PORT_A ?? 3410);
const PORT_B = Number(process.env.MULTI_SERVER_PORT_B ?? 3411);
const SMTP_PORT = Number(process.env.MULTI_SERVER_SMTP_PORT ?? 3412);
const PASSWORD = "Ledarlyftet-demo-2026";
const LEARNER = "patrik.strand@demo.ledarlyftet.se";
const THROTTLED = "anna.andersson@demo.ledarlyftet.se";

const database = `${PG_PREFIX}${process.pid}_two_servers`;
const REPLY_MAILBOX = "handledning@demo.ledarlyftet.se";
let url = "";
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let imap: ImapServer;
/** A handledning session two hours away, put in before the servers start: both look for due reminders as they start. */
const soon = { id: `two-servers-${randomUUID()}`, uid: `${randomUUID()}@ledarlyftet.se`, startsAt: new Date(Date.now() + 2 * 3_600_000) };
let invitees: { id: string; email: string }[] = [];
/** Participants of a running cohort who have done nothing for three weeks, and its facilitator: a nudge and a digest are due as the servers start. */
const stalled = Array.from({ length: 10 }, (_, i) => ({ id: `stalled-${i}-${randomUUID()}`, email: `stalled-${i}-${randomUUID().slice(0, 8)}@example.se` }));
const digestFacilitator = { id: `digest-${randomUUID()}`, email: `digest-${randomUUID().slice(0, 8)}@example.se` };
const servers: ChildProcess[] = [];
const output: string[] = [];

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  // Not Vitest's own variables: with VITEST set, vite.config.ts leaves out the Remix plugin.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("VITEST")));
  return {
    ...inherited,
    DATABASE_URL: url,
    NODE_ENV: "production",
    SESSION_SECRET: "two-servers-test-secret-0123456789abcdef",
    SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
    MAIL_POLL_MS: "200",
    ...(imap ? { REPLY_MAILBOX, IMAP_URL: imap.url, IMAP_POLL_SECONDS: "5" } : {}),
    // Nudges at any hour, and this week's digest due since Monday 00:00: both are due as the servers start.
    NUDGE_HOURS: "0-24",
    DIGEST_WEEKDAY: "1",
    DIGEST_HOUR: "0",
    ...extra,
  };
}

async function startServer(port: number) {
  // Each server signs its mail with its own sender, so the test can tell who delivered what.
  const child = spawn(process.execPath, ["server.js"], {
    env: env({ PORT: String(port), PUBLIC_URL: `http://localhost:${port}`, MAIL_FROM: `Server ${port} <server-${port}@ledarlyftet.se>` }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d: Buffer) => output.push(`[${port}] ${d}`));
  child.stderr!.on("data", (d: Buffer) => output.push(`[${port}] ${d}`));
  servers.push(child);
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`server on ${port} exited:\n${output.join("")}`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server on ${port} did not answer /healthz:\n${output.join("")}`);
}

/** A browser's cookie jar, reduced to what these requests need. */
class Browser {
  cookies = new Map<string, string>();
  get cookie() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  async request(port: number, path: string, form?: Record<string, string>) {
    const res = await fetch(`http://127.0.0.1:${port}${path}`, {
      method: form ? "POST" : "GET",
      redirect: "manual",
      headers: { Cookie: this.cookie, ...(form ? { "Content-Type": "application/x-www-form-urlencoded" } : {}) },
      body: form ? new URLSearchParams(form) : undefined,
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      const [name, value] = [pair!.slice(0, eq), pair!.slice(eq + 1)];
      if (value === "" || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return { status: res.status, location: res.headers.get("Location"), html: await res.text() };
  }
  login(port: number, email: string, password: string) {
    return this.request(port, "/login", { email, password, redirectTo: "/" });
  }
}

async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** The <li> of a lesson on a course page. */
function lessonItem(html: string, href: string) {
  return html.split("<li").find((item) => item.includes(`href="${href}"`)) ?? "";
}

describe.runIf(TEST_DATABASE_URL)("two app servers on one PostgreSQL database", () => {
  beforeAll(async () => {
    await withAdmin(async (admin) => {
      await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await admin.query(`CREATE DATABASE "${database}"`);
    });
    url = databaseUrl(database);
  });
  // What `npm start` does before it serves (prestart), on PostgreSQL: a hook a step, each well
  // inside the hook limit (build 6 s, migrate deploy 11 s, sync and seed 7 s on an idle machine).
  const run = (...args: string[]) => execFileSync("npm", ["run", "--silent", ...args], { env: env(), stdio: "pipe" });
  beforeAll(() => void run("build"));
  beforeAll(() => void run("db:deploy"));
  beforeAll(() => {
    run("content:sync");
    run("db:seed");
  });
  beforeAll(async () => {
    const [facilitator] = await query<{ id: string }>(`SELECT id FROM "Person" WHERE "isFacilitator" AND active ORDER BY email LIMIT 1`);
    invitees = await query<{ id: string; email: string }>(
      `SELECT id, email FROM "Person" WHERE "isParticipant" AND active AND "sessionReminders" AND "erasedAt" IS NULL AND id <> $1 ORDER BY email LIMIT 12`,
      [facilitator!.id],
    );
    await query(
      `INSERT INTO "HandledningSession" (id, uid, "facilitatorId", kind, title, location, "startsAt", "endsAt", "updatedAt")
       VALUES ($1, $2, $3, 'group', 'Handledning på två servrar', 'Folkets hus, Boden', $4, $5, now())`,
      [soon.id, soon.uid, facilitator!.id, soon.startsAt, new Date(soon.startsAt.getTime() + 3_600_000)],
    );
    await query(`INSERT INTO "Attendance" (id, "sessionId", "personId", "updatedAt") SELECT 'a-' || p, $1, p, now() FROM unnest($2::text[]) AS p`, [
      soon.id,
      invitees.map((i) => i.id),
    ]);
    const [program] = await query<{ id: string }>(`SELECT id FROM "Program" WHERE slug = 'ledarskapsprogrammet'`);
    const [someone] = await query<{ branchId: string; position: string }>(`SELECT "branchId", position FROM "Person" LIMIT 1`);
    const cohortId = `cohort-${randomUUID()}`;
    const day = 86_400_000;
    await query(
      `INSERT INTO "Person" (id, email, name, position, "branchId", "isParticipant", "isFacilitator", "updatedAt")
       SELECT p.id, p.email, p.name, $3, $4, NOT p.leads, p.leads, now()
       FROM unnest($1::text[], $2::text[], $5::text[], $6::boolean[]) AS p(id, email, name, leads)`,
      [
        [...stalled.map((s) => s.id), digestFacilitator.id],
        [...stalled.map((s) => s.email), digestFacilitator.email],
        someone!.position,
        someone!.branchId,
        [...stalled.map((_, i) => `Tyst Deltagare ${i}`), "Vecko Ledare"],
        [...stalled.map(() => false), true],
      ],
    );
    await query(
      `INSERT INTO "Cohort" (id, "programId", name, "startsOn", "endsOn", "enrolmentOpensAt", "enrolmentClosesAt", capacity, "seatsTaken", mode, "updatedAt")
       VALUES ($1, $2, 'Omgången på två servrar', $3, $4, $3, $4, 50, $5, 'open', now())`,
      [cohortId, program!.id, new Date(Date.now() - 40 * day), new Date(Date.now() + 60 * day), stalled.length],
    );
    await query(`INSERT INTO "CohortFacilitator" ("cohortId", "personId") VALUES ($1, $2)`, [cohortId, digestFacilitator.id]);
    await query(
      `INSERT INTO "Enrolment" (id, "cohortId", "personId", status, "enrolledAt", "updatedAt")
       SELECT 'e-' || p, $1, p, 'enrolled', $2, now() FROM unnest($3::text[]) AS p`,
      [cohortId, new Date(Date.now() - 21 * day), stalled.map((s) => s.id)],
    );
    imap = await startImapServer();
  });
  beforeAll(async () => {
    // A slow SMTP server (50 ms a message): one worker cannot empty the outbox before the other polls.
    sink = await startSmtpSink(SMTP_PORT, { delayMs: 50 });
    await Promise.all([startServer(PORT_A), startServer(PORT_B)]);
  });

  afterAll(async () => {
    await Promise.all(
      servers.map((child) =>
        child.exitCode !== null
          ? undefined
          : new Promise<void>((resolve) => {
              child.once("exit", () => resolve());
              child.kill("SIGTERM");
            }),
      ),
    );
    await sink?.close();
    await imap?.stop();
    if (url) await dropDatabase(database);
  });

  it("both report the same PostgreSQL database as healthy", async () => {
    for (const port of [PORT_A, PORT_B]) {
      const body = await (await fetch(`http://127.0.0.1:${port}/healthz`)).json();
      expect(body).toMatchObject({ status: "ok", database: { ok: true, provider: "postgresql" } });
    }
  });

  it("a user signed in on A is signed in on B, B's writes show on A, and a logout on A ends the session on B", async () => {
    const [lesson] = await query<{ course: string; lesson: string }>(
      `SELECT c.slug AS course, l.slug AS lesson
         FROM "Lesson" l JOIN "Module" m ON m.id = l."moduleId" JOIN "Course" c ON c.id = m."courseId" JOIN "Program" p ON p.id = c."programId"
        WHERE l.type = 'text' AND l."retiredAt" IS NULL AND NOT p."enrolmentOnly"
        ORDER BY p."order", c."order", m."order", l."order" LIMIT 1`,
    );
    const href = `/courses/${lesson!.course}/${lesson!.lesson}`;
    const browser = new Browser();

    // Anonymous: B sends us to log in.
    expect(await browser.request(PORT_B, "/account")).toRedirectTo(/^\/login\?redirectTo=/);

    const login = await browser.login(PORT_A, LEARNER, PASSWORD);
    expect(login).toRedirectTo("/");
    expect(browser.cookies.has("ledarlyftet_session")).toBe(true);

    // The same cookie, the other server: signed in.
    const account = await browser.request(PORT_B, "/account");
    expect(account.status).toBe(200);
    expect(account.html).toContain("Patrik Strand");

    expect(lessonItem((await browser.request(PORT_A, `/courses/${lesson!.course}`)).html, href)).not.toContain("status-done");
    const read = await browser.request(PORT_B, href, { intent: "read" });
    expect(read).toRedirectTo(/^\/courses\//);
    const onA = await browser.request(PORT_A, `/courses/${lesson!.course}`);
    expect(onA.status).toBe(200);
    expect(lessonItem(onA.html, href)).toContain("status-done");

    const session = browser.cookies.get("ledarlyftet_session")!;
    const logout = await browser.request(PORT_A, "/logout", {});
    expect(logout).toRedirectTo("/login");

    // B is handed the old cookie again (as a second tab would) and refuses it.
    browser.cookies.set("ledarlyftet_session", session);
    const after = await browser.request(PORT_B, "/account");
    expect(after).toRedirectTo(/^\/login\?redirectTo=/);
  });

  it("failed logins on A and on B count together toward the account's limit", async () => {
    const browser = new Browser();
    for (const port of [PORT_A, PORT_A, PORT_A, PORT_B]) {
      expect((await browser.login(port, THROTTLED, "fel-losenord")).status).toBe(401);
    }
    // The fifth failure (three on A, two on B) reaches the limit of five per account...
    const fifth = await browser.login(PORT_B, THROTTLED, "fel-losenord");
    expect(fifth.status).toBe(429);
    expect(fifth.html).toContain("För många misslyckade inloggningsförsök");
    // ...and from then on even the right password is refused, on either server.
    for (const port of [PORT_A, PORT_B]) {
      const refused = await browser.login(port, THROTTLED, PASSWORD);
      expect(refused.status).toBe(429);
      expect(refused.html).toContain("För många misslyckade inloggningsförsök");
    }
    expect(browser.cookies.has("ledarlyftet_session")).toBe(false);
  });

  it("both servers' mail workers deliver every outbox message, each exactly once", async () => {
    const ids = Array.from({ length: 40 }, () => randomUUID());
    await query(
      `INSERT INTO "OutboxMessage" (id, "toEmail", subject, text, kind)
       SELECT id, 'mottagare@example.se', 'Test ' || id, 'Hej!', 'test' FROM unnest($1::text[]) AS id`,
      [ids],
    );
    // Both workers poll every 200 ms; wait (up to a minute) until nothing is left to send.
    for (let i = 0; i < 300; i++) {
      const [left] = await query<{ n: string }>(`SELECT count(*) AS n FROM "OutboxMessage" WHERE status <> 'sent'`);
      if (left!.n === "0") break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const sent = await query<{ id: string }>(`SELECT id FROM "OutboxMessage" WHERE status = 'sent'`);
    const all = await query<{ n: string }>(`SELECT count(*) AS n FROM "OutboxMessage"`);
    expect(sent.length).toBe(Number(all[0]!.n));
    const received = sink.received.map((r) => r.mail.messageId);
    expect(received.length).toBe(sent.length);
    expect(new Set(received).size).toBe(received.length);
    for (const id of ids) expect(received).toContain(`<${id}@ledarlyftet.se>`);
    // Both workers were at it at the same time, and still no message went out twice.
    const senders = new Set(sink.received.map((r) => r.mail.from?.value[0]?.address));
    expect(senders).toEqual(new Set([`server-${PORT_A}@ledarlyftet.se`, `server-${PORT_B}@ledarlyftet.se`]));
  });

  it("both servers look for due reminders as they start, and each invitee gets one reminder", async () => {
    // Each server queued what it claimed at start; wait until the workers have sent them.
    for (let i = 0; i < 150; i++) {
      const [left] = await query<{ n: string }>(`SELECT count(*) AS n FROM "OutboxMessage" WHERE kind = 'session-reminder' AND status <> 'sent'`);
      const [reminded] = await query<{ n: string }>(`SELECT count(*) AS n FROM "Attendance" WHERE "sessionId" = $1 AND "remindedAt" IS NOT NULL`, [soon.id]);
      if (left!.n === "0" && Number(reminded!.n) === invitees.length) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const queued = await query<{ personId: string }>(
      `SELECT "personId" FROM "OutboxMessage" WHERE kind = 'session-reminder' AND subject LIKE 'Påminnelse: Handledning på två servrar%'`,
    );
    expect(queued.map((q) => q.personId).sort()).toEqual(invitees.map((i) => i.id).sort());
    const delivered = sink.received.filter((r) => r.mail.subject?.startsWith("Påminnelse: Handledning på två servrar"));
    expect(delivered.map((r) => (r.mail.to && "text" in r.mail.to ? r.mail.to.text : "")).sort()).toEqual(invitees.map((i) => i.email).sort());
  });

  it("both servers look for due nudges and digests as they start: each stalled participant gets one nudge, their facilitator one digest", async () => {
    const ids = stalled.map((s) => s.id);
    for (let i = 0; i < 150; i++) {
      const [nudged] = await query<{ n: string }>(
        `SELECT count(*) AS n FROM "OutboxMessage" WHERE kind = 'learner-nudge' AND status = 'sent' AND "personId" = ANY($1)`,
        [ids],
      );
      const [digest] = await query<{ n: string }>(
        `SELECT count(*) AS n FROM "OutboxMessage" WHERE kind = 'weekly-digest' AND status = 'sent' AND "personId" = $1`,
        [digestFacilitator.id],
      );
      if (Number(nudged!.n) >= stalled.length && Number(digest!.n) >= 1) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const nudges = await query<{ personId: string }>(`SELECT "personId" FROM "OutboxMessage" WHERE kind = 'learner-nudge' AND "personId" = ANY($1)`, [ids]);
    expect(nudges.map((n) => n.personId).sort()).toEqual([...ids].sort());
    const delivered = sink.received.filter((r) => r.mail.subject === "Dags att börja: Ledarskapsprogrammet");
    const to = (r: (typeof delivered)[number]) => (r.mail.to && "text" in r.mail.to ? r.mail.to.text : "");
    expect(
      delivered
        .map(to)
        .filter((address) => address.startsWith("stalled-"))
        .sort(),
    ).toEqual(stalled.map((s) => s.email).sort());
    // Nobody at all, demo people included, got two nudges or two digests from the two servers.
    const twice = await query(
      `SELECT "personId", kind FROM "OutboxMessage" WHERE kind IN ('learner-nudge', 'weekly-digest') GROUP BY "personId", kind HAVING count(*) > 1`,
    );
    expect(twice).toEqual([]);
    const digests = await query<{ text: string }>(`SELECT text FROM "OutboxMessage" WHERE kind = 'weekly-digest' AND "personId" = $1`, [digestFacilitator.id]);
    expect(digests).toHaveLength(1);
    expect(digests[0]!.text).toContain("Omgången på två servrar: 10 deltagare");
    expect(digests[0]!.text).toContain("Tyst Deltagare 0 (0 %)");
  });

  it("with both servers reading the reply mailbox, each calendar answer is applied once and filed once", async () => {
    for (const invitee of invitees) {
      await imap.deliver(
        calendarReply("google-accepted", {
          uid: soon.uid,
          startsAt: soon.startsAt,
          endsAt: new Date(soon.startsAt.getTime() + 3_600_000),
          attendee: invitee.email,
          organizer: REPLY_MAILBOX,
        }),
      );
    }
    // The servers look every 5 s; one at a time holds the mailbox.
    for (let i = 0; i < 200; i++) {
      const [applied] = await query<{ n: string }>(`SELECT count(*) AS n FROM "CalendarReply" WHERE "sessionId" = $1 AND outcome = 'applied'`, [soon.id]);
      if (Number(applied!.n) === invitees.length && (await imap.count("INBOX")) === 0) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const answers = await query<{ status: string; respondedVia: string }>(`SELECT status, "respondedVia" FROM "Attendance" WHERE "sessionId" = $1`, [soon.id]);
    expect(answers).toHaveLength(invitees.length);
    expect(answers.every((a) => a.status === "accepted" && a.respondedVia === "calendar")).toBe(true);
    expect(await imap.count("INBOX")).toBe(0);
    expect(await imap.count("Ledarlyftet")).toBe(invitees.length);
    const [rows] = await query<{ n: string }>(`SELECT count(*) AS n FROM "CalendarReply" WHERE "sessionId" = $1`, [soon.id]);
    expect(Number(rows!.n)).toBe(invitees.length);
  });
});
