import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { utcStamp } from "../../app/modules/calendar/ics.server";

/**
 * Calendar answers shaped as each of the big four clients sends them
 * (tests/fixtures/calendar-replies, sources in its SOURCES.md), filled in for
 * one session and one attendee. Values go into quoted-printable parts as they
 * are, so they must be plain ASCII without "=".
 */
export type ReplyClient = "outlook-accepted" | "google-accepted" | "apple-tentative" | "thunderbird-declined" | "outlook-counter";

export interface ReplyValues {
  uid: string;
  attendee: string;
  attendeeName?: string;
  organizer: string;
  sequence?: number;
  startsAt: Date;
  endsAt: Date;
  proposedStartsAt?: Date;
  proposedEndsAt?: Date;
  summary?: string;
  messageId?: string;
}

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/calendar-replies");

export function calendarReply(client: ReplyClient, values: ReplyValues): Buffer {
  const fields: Record<string, string> = {
    UID: values.uid,
    ORGANIZER: values.organizer,
    ATTENDEE: values.attendee,
    ATTENDEE_NAME: values.attendeeName ?? "Deltagare",
    SEQUENCE: String(values.sequence ?? 0),
    DTSTART: utcStamp(values.startsAt),
    DTEND: utcStamp(values.endsAt),
    PROPOSED_DTSTART: utcStamp(values.proposedStartsAt ?? values.startsAt),
    PROPOSED_DTEND: utcStamp(values.proposedEndsAt ?? values.endsAt),
    DTSTAMP: utcStamp(new Date()),
    MESSAGE_ID: values.messageId ?? `${randomUUID()}@client.example`,
    SUMMARY: values.summary ?? "Handledning",
  };
  for (const [name, value] of Object.entries(fields)) {
    if (/[^\x20-\x7e]|=/.test(value)) throw new Error(`${name} must be plain ASCII without "=" to go into a quoted-printable part: ${value}`);
  }
  const template = fs.readFileSync(path.join(FIXTURES, `${client}.eml`), "utf8");
  return Buffer.from(
    template.replace(/\{\{([A-Z_]+)\}\}/g, (whole, name: string) => fields[name] ?? whole),
    "utf8",
  );
}

/** A message that is no calendar answer at all: a person writing back, as people do. */
export function plainMessage({ from, to, subject = "Sv: Inbjudan" }: { from: string; to: string; subject?: string }): Buffer {
  return Buffer.from(
    [
      `From: ${from}`,
      `To: ${to}`,
      `Subject: ${subject}`,
      `Message-ID: <${randomUUID()}@client.example>`,
      "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=utf-8",
      "",
      "Hej! Jag kommer gärna.",
      "",
    ].join("\r\n"),
    "utf8",
  );
}
