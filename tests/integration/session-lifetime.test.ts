import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { getCurrentPerson, requirePerson } from "~/modules/auth/session.server";
import { parseSessionToken } from "~/modules/auth/lucia-adapter.server";
import { pruneExpiredRecords } from "~/modules/housekeeping/retention.server";
import { loader as rootLoader } from "~/root";
import { loader as accountLoader } from "~/routes/account";
import { getRequest, settle, signedIn } from "./helpers";

// Defaults from app/config.server.ts: SESSION_IDLE_MINUTES=480, SESSION_MAX_DAYS=30.
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const ago = (ms: number) => new Date(Date.now() - ms);

/** The row behind a session cookie: the token's public half. */
function sessionIdOf(cookie: string) {
  return parseSessionToken(decodeURIComponent(cookie.split(";")[0]!.split("=")[1]!))!.id;
}

async function row(cookie: string) {
  return db.authSession.findUnique({ where: { id: sessionIdOf(cookie) } });
}

const whoIs = async (cookie: string) => (await getCurrentPerson(getRequest("/", cookie)))?.person.id ?? null;

describe("session lifetime", () => {
  it("stores no token that works as a cookie: a copy of the database or a backup hands out no session", async () => {
    const me = await signedIn();
    const other = await signedIn();
    expect(await whoIs(me.cookie)).toBe(me.id);
    const token = decodeURIComponent(me.cookie.split(";")[0]!.split("=")[1]!);
    const rows = await db.authSession.findMany();
    expect(rows.length).toBeGreaterThanOrEqual(2);
    const asCookie = (value: string) => `ledarlyftet_session=${encodeURIComponent(value)}`;
    for (const row of rows) {
      // Whatever the database holds, alone or combined, is not a session.
      expect(JSON.stringify(row)).not.toContain(token.split(".")[1]);
      for (const guess of [row.id, row.secretHash, `${row.id}.${row.secretHash}`, `${row.id}.${row.secretHash.slice(0, 39)}`]) {
        expect(await whoIs(asCookie(guess))).toBeNull();
      }
    }
    // The right id with someone else's secret is refused too, and the real cookie still works.
    const otherSecret = decodeURIComponent(other.cookie.split(";")[0]!.split("=")[1]!).split(".")[1]!;
    expect(await whoIs(asCookie(`${token.split(".")[0]}.${otherSecret}`))).toBeNull();
    expect(await whoIs(me.cookie)).toBe(me.id);
    expect(await whoIs(other.cookie)).toBe(other.id);
  });

  it("a session unused for longer than the idle time is over: the next request is anonymous and the row is gone", async () => {
    const me = await signedIn();
    expect(await whoIs(me.cookie)).toBe(me.id);
    await db.authSession.update({ where: { id: sessionIdOf(me.cookie) }, data: { lastSeenAt: ago(481 * MINUTE) } });
    expect(await whoIs(me.cookie)).toBeNull();
    expect(await row(me.cookie)).toBeNull();
    const res = await settle(() => requirePerson(getRequest("/my-courses", me.cookie)));
    expect(res).toRedirectTo("/login?redirectTo=%2Fmy-courses");
  });

  it("use keeps a session alive: a request just inside the idle time counts as activity", async () => {
    const me = await signedIn();
    await db.authSession.update({ where: { id: sessionIdOf(me.cookie) }, data: { lastSeenAt: ago(479 * MINUTE) } });
    expect(await whoIs(me.cookie)).toBe(me.id);
    const seen = (await row(me.cookie))!.lastSeenAt;
    expect(Date.now() - seen.getTime()).toBeLessThan(MINUTE);
  });

  it("activity is written at most once a minute, so most requests cost no write", async () => {
    const me = await signedIn();
    const recent = ago(30_000);
    await db.authSession.update({ where: { id: sessionIdOf(me.cookie) }, data: { lastSeenAt: recent } });
    expect(await whoIs(me.cookie)).toBe(me.id);
    expect((await row(me.cookie))!.lastSeenAt).toEqual(recent);
    const stale = ago(2 * MINUTE);
    await db.authSession.update({ where: { id: sessionIdOf(me.cookie) }, data: { lastSeenAt: stale } });
    expect(await whoIs(me.cookie)).toBe(me.id);
    expect((await row(me.cookie))!.lastSeenAt.getTime()).toBeGreaterThan(stale.getTime());
  });

  it("no session outlives the absolute lifetime, even when it was used a moment ago", async () => {
    const me = await signedIn();
    // Logged in 30 days and a minute ago, used just now, and an end date someone pushed forward.
    await db.authSession.update({
      where: { id: sessionIdOf(me.cookie) },
      data: { createdAt: ago(30 * DAY + MINUTE), lastSeenAt: ago(1000), expiresAt: new Date(Date.now() + 10 * DAY) },
    });
    expect(await whoIs(me.cookie)).toBeNull();
    expect(await row(me.cookie)).toBeNull();

    const other = await signedIn();
    await db.authSession.update({ where: { id: sessionIdOf(other.cookie) }, data: { expiresAt: ago(1000), lastSeenAt: ago(1000) } });
    expect(await whoIs(other.cookie)).toBeNull();
  });

  it("a busy session is never extended: its end stays where login put it, and no response renews the cookie", async () => {
    const me = await signedIn();
    const before = (await row(me.cookie))!;
    expect(before.expiresAt.getTime() - before.createdAt.getTime()).toBeGreaterThan(30 * DAY - MINUTE);
    expect(before.expiresAt.getTime() - before.createdAt.getTime()).toBeLessThanOrEqual(30 * DAY + MINUTE);
    // Twenty days in and still active: past lucia's half-life, where it would normally slide the session.
    await db.authSession.update({
      where: { id: before.id },
      data: { createdAt: ago(20 * DAY), lastSeenAt: ago(5 * MINUTE), expiresAt: new Date(Date.now() + 10 * DAY) },
    });
    const res = await settle(() => rootLoader({ request: getRequest("/", me.cookie), context: {}, params: {} }));
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie().filter((c) => c.startsWith("ledarlyftet_session="))).toEqual([]);
    const after = (await row(me.cookie))!;
    expect(after.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 10 * DAY);
  });

  it("the login cookie lasts as long as the absolute lifetime and no longer", async () => {
    const me = await signedIn();
    expect(me.cookie).toMatch(/^ledarlyftet_session=/);
    const { action } = await import("~/routes/login");
    const res = await settle(() =>
      action({
        request: new Request("http://localhost:3000/login", { method: "POST", body: new URLSearchParams({ email: me.email, password: me.password }) }),
        context: { clientAddress: "203.0.113.201" },
        params: {},
      }),
    );
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("ledarlyftet_session="))!;
    expect(cookie).toMatch(/Max-Age=2592000/);
  });

  it("housekeeping clears out dead sessions, and Mitt konto lists only sessions that still work", async () => {
    const me = await signedIn();
    const idle = await signedIn();
    await db.authSession.update({ where: { id: sessionIdOf(idle.cookie) }, data: { lastSeenAt: ago(9 * 60 * MINUTE) } });
    // A second, idle session of my own.
    const second = await db.authSession.create({
      data: { id: `idle-${Date.now()}`, secretHash: "0".repeat(64), personId: me.id, expiresAt: new Date(Date.now() + DAY), lastSeenAt: ago(9 * 60 * MINUTE) },
    });
    const page = await (await settle(() => accountLoader({ request: getRequest("/account", me.cookie), context: {}, params: {} }))).json();
    expect(page.sessions).toHaveLength(1);
    await pruneExpiredRecords();
    expect(await row(me.cookie)).not.toBeNull();
    expect(await row(idle.cookie)).toBeNull();
    expect(await db.authSession.findUnique({ where: { id: second.id } })).toBeNull();
  });
});
