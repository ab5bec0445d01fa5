import { describe, expect, it } from "vitest";
import { branchesForDashboard, branchTarget } from "./branch-ranking";

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

describe("the mark a branch's bar is drawn against", () => {
  it("is the district's target for a share, and the district's count split over its branches", () => {
    expect(branchTarget({ unit: "percent", target: 80 }, 14)).toBe(80);
    expect(branchTarget({ unit: "count", target: 140 }, 14)).toBe(10);
    expect(branchTarget({ unit: "count", target: 140 }, 0)).toBe(140);
  });
});
