const TIME_ZONE = "Europe/Stockholm";

// Building an Intl.DateTimeFormat costs far more than formatting with one; pages format dozens of dates.
const clockFormat = new Intl.DateTimeFormat("sv-SE", { timeZone: TIME_ZONE, hour: "2-digit", minute: "2-digit" });
const dateTimeFormat = new Intl.DateTimeFormat("sv-SE", { timeZone: TIME_ZONE, dateStyle: "medium", timeStyle: "short" });
const longDateFormat = new Intl.DateTimeFormat("sv-SE", { timeZone: TIME_ZONE, dateStyle: "long" });
const isoDateFormat = new Intl.DateTimeFormat("sv-SE", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });
const partsFormat = new Intl.DateTimeFormat("en-US", {
  timeZone: TIME_ZONE,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

/** "14:05" in Swedish time, whatever zone the server runs in. */
export function swedishClock(date: Date): string {
  return clockFormat.format(date);
}

export function swedishDateTime(date: Date | string): string {
  return dateTimeFormat.format(new Date(date));
}

export function minutesUntil(date: Date, now = new Date()): number {
  return Math.max(1, Math.ceil((date.getTime() - now.getTime()) / 60_000));
}

export function swedishDate(date: Date | string): string {
  return longDateFormat.format(new Date(date));
}

const MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"];

/** A month key "2026-05" as people say it: "maj 2026", or "maj" on a chart's axis (`short`). */
export function swedishMonth(month: string, short = false): string {
  const [year, number] = month.split("-");
  const name = MONTHS[Number(number) - 1] ?? month;
  return short ? name.slice(0, 3) : `${name} ${year}`;
}

/** Minutes Stockholm is ahead of UTC at this instant (60 in winter, 120 in summer). */
export function stockholmOffsetMinutes(instant: Date): number {
  const parts = partsFormat.formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** Swedish wall-clock time ("2026-03-29", "18:00:00") as the instant it denotes. */
export function stockholmToUtc(isoDate: string, time = "00:00:00"): Date {
  const naive = new Date(`${isoDate}T${time}Z`);
  const first = new Date(naive.getTime() - stockholmOffsetMinutes(naive) * 60_000);
  // Near a summer-time change the offset at the guess can differ from the offset at the answer.
  return new Date(naive.getTime() - stockholmOffsetMinutes(first) * 60_000);
}

/** The Swedish calendar date of an instant, as ÅÅÅÅ-MM-DD. */
export function stockholmDate(instant: Date | string): string {
  return isoDateFormat.format(new Date(instant));
}
