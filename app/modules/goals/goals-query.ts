import { z } from "zod";
import { POSITION_KEYS } from "~/modules/people/positions";

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
