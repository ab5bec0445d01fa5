import { describe, expect, it } from "vitest";
import { branchesForDashboard, branchTarget, shareOfDistrictTarget } from "./branch-ranking";

const branch = (name: string, value: number | null) => ({ name, value });

describe("branches on the dashboard", () => {
  it("shows every branch of a district-sized organisation, in the order given", () => {
    const rows = [branch("Arjeplog", 80), branch("Boden", null), branch("Kiruna", 10)];
    expect(branchesForDashboard(rows, 3)).toEqual({ rows, lowestOnly: false });
  });

  it("with more, shows the lowest outcomes first and leaves out branches with nothing to count", () => {
    const rows = [branch("Älvsbyn", 40), branch("Boden", null), branch("Kiruna", 10), branch("Arjeplog", 40), branch("Luleå", 90)];
    const shown = branchesForDashboard(rows, 3);
    expect(shown.lowestOnly).toBe(true);
    expect(shown.rows.map((r) => r.name)).toEqual(["Kiruna", "Arjeplog", "Älvsbyn"]);
  });
});

describe("a branch against its indicator's target (decision 011)", () => {
  it("holds a share target against every branch as it stands", () => {
    expect(branchTarget({ unit: "percent", target: 80 })).toBe(80);
    expect(shareOfDistrictTarget({ unit: "percent", target: 80 }, 40)).toBeNull();
  });

  it("gives no branch a made-up part of a count target, and shows its count as a share of the district's target", () => {
    const communicators = { unit: "count", target: 40 };
    // Not 40 repeated on every branch, nor 40 / 14 = 2,857 people.
    expect(branchTarget(communicators)).toBeNull();
    expect(shareOfDistrictTarget(communicators, 5)).toBe(12.5);
    expect(shareOfDistrictTarget(communicators, 0)).toBe(0);
    expect(shareOfDistrictTarget(communicators, 1)).toBe(2.5);
    // Past the target, a branch can carry more than the whole district was asked for.
    expect(shareOfDistrictTarget(communicators, 50)).toBe(125);
  });

  it("has no share where there is nothing to divide by or nothing counted", () => {
    expect(shareOfDistrictTarget({ unit: "count", target: 0 }, 3)).toBeNull();
    expect(shareOfDistrictTarget({ unit: "count", target: 40 }, null)).toBeNull();
  });
});
