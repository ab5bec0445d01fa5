/**
 * Positions a person can hold. Those marked `leading` are the district's
 * ledande företrädare: the denominator of the leadership goals.
 */
export const POSITIONS = [
  { key: "kommunalrad", label: "Kommunalråd", leading: true },
  { key: "regionrad", label: "Regionråd", leading: true },
  { key: "riksdagsledamot", label: "Riksdagsledamot", leading: true },
  { key: "gruppledare", label: "Gruppledare", leading: true },
  { key: "ordforande", label: "Ordförande", leading: true },
  { key: "ledamot", label: "Ledamot", leading: false },
  { key: "ersattare", label: "Ersättare", leading: false },
  { key: "medlem", label: "Medlem", leading: false },
] as const;

export type PositionKey = (typeof POSITIONS)[number]["key"];

export const POSITION_KEYS = POSITIONS.map((p) => p.key) as [PositionKey, ...PositionKey[]];

export function positionLabel(key: string): string {
  return POSITIONS.find((p) => p.key === key)?.label ?? key;
}

export function isLeadingPosition(key: string): boolean {
  return POSITIONS.some((p) => p.key === key && p.leading);
}

/** Accepts a key or a label in any case ("Kommunalråd", "kommunalrad"). */
export function findPosition(input: string): PositionKey | null {
  const needle = input.trim().toLowerCase();
  const hit = POSITIONS.find((p) => p.key === needle || p.label.toLowerCase() === needle);
  return hit?.key ?? null;
}
