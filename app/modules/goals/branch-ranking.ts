import { share } from "./period";

/** Up to this many branches get a bar each on the dashboard; more are summarised by the lowest. */
export const BRANCHES_ON_DASHBOARD = 20;

/**
 * The branches to show on the dashboard: all of them in a district-sized
 * organisation; with more, the ones with the lowest outcome (where help is
 * needed), lowest first. Branches with nobody to count have no outcome and
 * are left out of that list; the indicator's own page shows every branch.
 */
export function branchesForDashboard<T extends { name: string; value: number | null }>(
  rows: T[],
  limit = BRANCHES_ON_DASHBOARD,
): { rows: T[]; lowestOnly: boolean } {
  if (rows.length <= limit) return { rows, lowestOnly: false };
  const lowest = rows
    .filter((r) => r.value !== null)
    .sort((a, b) => a.value! - b.value! || a.name.localeCompare(b.name, "sv"))
    .slice(0, limit);
  return { rows: lowest, lowestOnly: true };
}

/**
 * What a branch is measured against (docs/decisions/011). A share target
 * ("75 % of the leaders") holds for every branch as it stands. A count target
 * ("40 new communicators") is the district's total: no branch has a part of it
 * unless the board sets one, so a branch gets no mark of its own (null), and
 * its count is shown as its contribution to the district's target instead.
 */
export function branchTarget(indicator: { unit: string; target: number }): number | null {
  return indicator.unit === "count" ? null : indicator.target;
}

/**
 * A branch's count as a share of the district's count target, in per cent to
 * a tenth (5 of 40 is 12,5); null for a share indicator, or a target of 0.
 */
export function shareOfDistrictTarget(indicator: { unit: string; target: number }, count: number | null): number | null {
  if (indicator.unit !== "count" || count === null) return null;
  return share(count, indicator.target);
}
