/**
 * Numbers as Swedes write them (1 234,5), for pages, charts, reports and
 * messages alike. One formatter for every number: toLocaleString("sv-SE")
 * built a new one per call, hundreds per dashboard.
 */
const swedishNumber = new Intl.NumberFormat("sv-SE");

export function formatNumber(value: number): string {
  return swedishNumber.format(value);
}

/** A percentage already in 0–100: "33,3 %" (a space before the sign, as Swedish writes it). */
export function formatPercent(value: number): string {
  return `${swedishNumber.format(value)} %`;
}

/** An indicator's value, target or baseline in its unit; a missing value is a dash. */
export function formatIndicatorValue(value: number | null, unit: string): string {
  if (value === null) return "–";
  return unit === "percent" ? formatPercent(value) : formatNumber(value);
}

/** The noun for a count in the right number: "arbetarekommun" for 1, "arbetarekommuner" for 0 or 2 and more. */
export function plural(count: number, one: string, many: string): string {
  return count === 1 ? one : many;
}

/** A count with its noun in the right number: "1 arbetarekommun", "14 arbetarekommuner" (the number as Swedes write it). */
export function formatCount(count: number, one: string, many: string): string {
  return `${swedishNumber.format(count)} ${plural(count, one, many)}`;
}
