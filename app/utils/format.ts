/**
 * Numbers as Swedes write them (1 234,5), for pages, charts, reports and
 * messages alike. One formatter for every number: toLocaleString("sv-SE")
 * built a new one per call, hundreds per dashboard.
 */
const swedishNumber = new Intl.NumberFormat("sv-SE");

export function formatNumber(value: number): string {
  return swedishNumber.format(value);
}

const swedishList = new Intl.ListFormat("sv-SE", { type: "conjunction" });

/** Names or other items as a Swedish sentence writes them: "Anna, Per och Sara". */
export function formatList(items: string[]): string {
  return swedishList.format(items);
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

/**
 * The form of a noun (with its adjective) that a count takes: Swedish uses the
 * singular for exactly one and the plural for everything else (0 rader, 1,5
 * timmar). Words that are the same in both ("deltagare", "tecken") need none.
 */
export function plural(count: number, one: string, many: string): string {
  return count === 1 ? one : many;
}

/** A count and its noun: formatCount(1, "rad", "rader") is "1 rad", formatCount(1234, …) "1 234 rader". */
export function formatCount(count: number, one: string, many: string): string {
  return `${formatNumber(count)} ${plural(count, one, many)}`;
}
