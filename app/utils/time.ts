const TIME_ZONE = "Europe/Stockholm";

/** "14:05" in Swedish time, whatever zone the server runs in. */
export function swedishClock(date: Date): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: TIME_ZONE, hour: "2-digit", minute: "2-digit" }).format(date);
}

export function swedishDateTime(date: Date | string): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: TIME_ZONE, dateStyle: "medium", timeStyle: "short" }).format(
    new Date(date),
  );
}

export function minutesUntil(date: Date, now = new Date()): number {
  return Math.max(1, Math.ceil((date.getTime() - now.getTime()) / 60_000));
}

export function swedishDate(date: Date | string): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: TIME_ZONE, dateStyle: "long" }).format(new Date(date));
}
