import { stockholmToUtc } from "~/utils/time";

/** A calendar-year period, "2026", as Swedish instants; `asOf` is never later than now. */
export function periodBounds(period: string, now = new Date()) {
  const year = Number(period);
  const start = stockholmToUtc(`${year}-01-01`);
  const end = stockholmToUtc(`${year + 1}-01-01`);
  return { start, end, asOf: now < end ? now : end };
}

export function currentPeriod(now = new Date()) {
  return String(now.getUTCFullYear());
}

export function share(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : Math.round((numerator / denominator) * 1000) / 10;
}

export type GoalStatus = "i-fas" | "risk" | "efter" | "saknas";

export const STATUS_LABELS: Record<GoalStatus, string> = { "i-fas": "I fas", risk: "Risk", efter: "Efter", saknas: "Inget utfall" };

/**
 * Against the target: a share is "i fas" at or above target, "risk" when at
 * least halfway from baseline (or 75 % of target without one). A yearly count
 * is judged against the part of the year that has passed.
 */
export function goalStatus(input: { unit: string; value: number | null; target: number; baseline: number | null; yearElapsed: number }): GoalStatus {
  if (input.value === null) return "saknas";
  if (input.unit === "count") {
    const expected = input.target * Math.min(1, Math.max(0, input.yearElapsed));
    if (input.value >= expected) return "i-fas";
    return input.value >= expected * 0.75 ? "risk" : "efter";
  }
  if (input.value >= input.target) return "i-fas";
  const halfway = input.baseline !== null ? input.baseline + (input.target - input.baseline) / 2 : input.target * 0.75;
  return input.value >= halfway ? "risk" : "efter";
}
