import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { attemptLogin } from "~/modules/auth/login.server";
import { isLeadingPosition } from "~/modules/people/positions";
import { DEMO_LOGINS, DEMO_PASSWORD, seedDistrict } from "./demo-district.server";

describe("demo district", () => {
  it("loads 14 branches and the demo people once, with working logins", async () => {
    expect(await seedDistrict({ demo: true })).toBe("seeded");
    expect(await seedDistrict({ demo: true })).toBe("skipped-not-empty");
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
    for (const login of DEMO_LOGINS) {
      expect((await attemptLogin({ email: login.email, password: DEMO_PASSWORD, address: "127.0.0.9" })).ok).toBe(true);
    }
  });
});
