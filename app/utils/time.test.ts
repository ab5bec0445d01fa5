import { describe, expect, it } from "vitest";
import { stockholmDate, stockholmToUtc, swedishMonth } from "./time";

describe("Swedish time", () => {
  it("turns Swedish wall-clock time into the right instant on both sides of summer time", () => {
    expect(stockholmToUtc("2026-01-15", "18:00:00").toISOString()).toBe("2026-01-15T17:00:00.000Z");
    expect(stockholmToUtc("2026-07-01", "18:00:00").toISOString()).toBe("2026-07-01T16:00:00.000Z");
    // The last Sundays of March and October 2026.
    expect(stockholmToUtc("2026-03-29", "00:00:00").toISOString()).toBe("2026-03-28T23:00:00.000Z");
    expect(stockholmToUtc("2026-03-29", "18:00:00").toISOString()).toBe("2026-03-29T16:00:00.000Z");
    expect(stockholmToUtc("2026-10-25", "18:00:00").toISOString()).toBe("2026-10-25T17:00:00.000Z");
    expect(stockholmToUtc("2026-10-25", "23:59:59").toISOString()).toBe("2026-10-25T22:59:59.000Z");
  });

  it("gives the Swedish date of an instant", () => {
    expect(stockholmDate(new Date("2026-06-30T22:30:00Z"))).toBe("2026-07-01");
    expect(stockholmDate(new Date("2026-12-31T22:30:00Z"))).toBe("2026-12-31");
  });

  it("names a month as people say it, and short on a chart's axis", () => {
    expect(swedishMonth("2026-05")).toBe("maj 2026");
    expect(swedishMonth("2027-01")).toBe("januari 2027");
    expect(swedishMonth("2026-12", true)).toBe("dec");
  });
});
