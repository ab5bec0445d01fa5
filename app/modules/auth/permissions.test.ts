import { describe, expect, it } from "vitest";
import { may, type Actor } from "./permissions";

const base: Actor = { id: "p1", branchId: "b1", isParticipant: false, isFacilitator: false, isAdmin: false };
const participant = { ...base, isParticipant: true };
const facilitator = { ...base, isFacilitator: true };
const admin = { ...base, isAdmin: true };

describe("may", () => {
  it("keeps the admin area to Distriktsadmin", () => {
    expect(may(admin, "admin:access")).toBe(true);
    expect(may(participant, "admin:access")).toBe(false);
    expect(may(facilitator, "people:manage")).toBe(false);
    expect(may(null, "admin:access")).toBe(false);
  });

  it("lets a person read their own profile but not someone else's", () => {
    expect(may(participant, "profile:read", { personId: "p1" })).toBe(true);
    expect(may(participant, "profile:read", { personId: "p2" })).toBe(false);
    expect(may(participant, "profile:read")).toBe(false);
    expect(may(admin, "profile:read", { personId: "p2" })).toBe(true);
  });
});
