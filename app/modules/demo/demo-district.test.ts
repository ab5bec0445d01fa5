import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { attemptLogin } from "~/modules/auth/login.server";
import { feedFor } from "~/modules/calendar/feed.server";
import { parseWithIcalJs } from "../../../tests/calendar/parsers";
import { DEMO_FEED_TOKEN } from "./demo-sessions.server";
import { isLeadingPosition } from "~/modules/people/positions";
import { DEMO_LOGINS, DEMO_PASSWORD, seedDistrict, type SeedOutcome } from "./demo-district.server";

describe("demo district", () => {
  // Seeded once for the file, in a hook with its own limit: 3 s on SQLite and 5 s on
  // PostgreSQL on an idle machine. Seeding inside the one test ran past its 20 s on a
  // busy machine (PostgreSQL); the checks themselves take milliseconds.
  let first: SeedOutcome;
  beforeAll(async () => {
    first = await seedDistrict({ demo: true });
  }, 30_000);

  it("loads 14 branches and the demo people into an empty database", async () => {
    expect(first).toBe("seeded");
    expect(await db.branch.count()).toBe(14);
    const people = await db.person.findMany();
    expect(people.filter((p) => p.isAdmin)).toHaveLength(1);
    expect(people.filter((p) => p.isFacilitator)).toHaveLength(2);
    const participants = people.filter((p) => p.isParticipant);
    expect(participants.length).toBeGreaterThanOrEqual(25);
    expect(participants.length).toBeLessThanOrEqual(35);
    expect(new Set(participants.map((p) => p.branchId)).size).toBeGreaterThan(3);
    const leading = participants.filter((p) => isLeadingPosition(p.position)).length;
    expect(leading).toBeGreaterThan(0);
    expect(leading).toBeLessThan(participants.length);
  });

  it("loads them once: a second run leaves a database with people alone", async () => {
    const before = await db.person.count();
    expect(await seedDistrict({ demo: true })).toBe("skipped-not-empty");
    expect(await db.person.count()).toBe(before);
  });

  it("the demo Deltagare's calendar feed has sessions in several states: attended, moved and accepted, cancelled", async () => {
    const feed = await feedFor(DEMO_FEED_TOKEN);
    const events = parseWithIcalJs(feed!.body).events;
    const now = Date.now();
    const byTitle = (title: string) => events.find((e) => e.summary === title);
    expect(Date.parse(byTitle("Uppstartssamtal")!.start)).toBeLessThan(now);
    expect(byTitle("Enskild handledning")).toMatchObject({ status: "CONFIRMED", sequence: 1 });
    expect(byTitle("Medieträning i grupp")).toMatchObject({ status: "CANCELLED" });
    const erik = await db.person.findUniqueOrThrow({ where: { email: DEMO_LOGINS[3]!.email } });
    const answers = await db.attendance.findMany({ where: { personId: erik.id }, include: { session: { select: { title: true } } } });
    expect(Object.fromEntries(answers.map((a) => [a.session.title, a.status]))).toMatchObject({
      Uppstartssamtal: "attended",
      "Enskild handledning": "accepted",
    });
  });

  it("every demo login works", async () => {
    for (const login of DEMO_LOGINS) {
      expect((await attemptLogin({ email: login.email, password: DEMO_PASSWORD, address: "127.0.0.9" })).ok).toBe(true);
    }
  });
});
