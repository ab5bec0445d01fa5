import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { attemptLogin } from "~/modules/auth/login.server";
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

  it("every demo login works", async () => {
    for (const login of DEMO_LOGINS) {
      expect((await attemptLogin({ email: login.email, password: DEMO_PASSWORD, address: "127.0.0.9" })).ok).toBe(true);
    }
  });
});
