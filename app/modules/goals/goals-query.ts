import { z } from "zod";
import { POSITION_KEYS, positionLabel } from "~/modules/people/positions";

/** ?period=2026&group=leading: the dashboard's, export's and report's shared query. */
export const goalsQuery = z.object({
  period: z
    .string()
    .regex(/^20\d\d$/)
    .catch(String(new Date().getUTCFullYear())),
  group: z.union([z.enum(POSITION_KEYS), z.literal("leading"), z.literal("other"), z.literal("")]).catch(""),
});

export function parseGoalsQuery(url: string) {
  const params = new URL(url).searchParams;
  return goalsQuery.parse({ period: params.get("period") ?? undefined, group: params.get("group") ?? "" });
}

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
