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
 * The mark each branch's bar is drawn against: a share is the district's own
 * target; a count target is the district's total, split evenly over its branches.
 */
export function branchTarget(indicator: { unit: string; target: number }, branchCount: number): number {
  return indicator.unit === "count" ? indicator.target / Math.max(1, branchCount) : indicator.target;
}
