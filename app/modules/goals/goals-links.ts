import { positionLabel } from "~/modules/people/positions";

// What the goals pages show of their query and carry from page to page. Kept
// apart from goals-query.ts, whose zod schema would otherwise ride along
// into every goals page's JavaScript (13 KB gzipped).

/** The groups of positions the goals can be read for, beside each single position. */
export const POSITION_GROUPS = [
  { value: "leading", label: "Ledande företrädare" },
  { value: "other", label: "Övriga" },
];

/** The group a report is cut to, in words ("Ledande företrädare", "Kommunalråd"); null for everyone. */
export function groupLabel(group: string): string | null {
  if (!group) return null;
  return POSITION_GROUPS.find((option) => option.value === group)?.label ?? positionLabel(group);
}

/** The query string that carries a period and group from one goals page or download to the next. */
export function goalsQueryString(query: { period: string; group: string }): string {
  return `?period=${query.period}${query.group ? `&group=${query.group}` : ""}`;
}
