const DAY_MS = 86_400_000;

/**
 * The date `offsetDays` from now as YYYY-MM-DD (UTC), as a date field takes it:
 * `isoDay(5)` is five days ahead, `isoDay(-1)` yesterday. Plain TypeScript
 * with no imports, so Vitest files and Playwright journeys share it.
 */
export function isoDay(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * DAY_MS).toISOString().slice(0, 10);
}
