import { createEvents, type Attendee, type EventAttributes, type ParticipationStatus } from "ics";

const PRODUCT_ID = "-//Ledarlyftet//Handledning//SV";

export interface CalendarSession {
  uid: string;
  title: string;
  agenda: string;
  location: string;
  videoUrl: string | null;
  startsAt: Date;
  endsAt: Date;
  sequence: number;
  status: string;
  updatedAt: Date;
  facilitator: { name: string; email: string };
  /**
   * Who the calendar names as ORGANIZER, and so where Accept and Decline go: the reply
   * mailbox under the facilitator's name when the app reads one (decision 013); the
   * facilitator otherwise.
   */
  organizer?: { name: string; email: string };
}

export interface CalendarAttendee {
  name: string;
  email: string;
  status: string;
  /** The facilitator's own copy, when the reply mailbox is the organizer: they lead it and need not answer. */
  chair?: boolean;
}

const PARTSTAT: Record<string, ParticipationStatus> = {
  invited: "NEEDS-ACTION",
  accepted: "ACCEPTED",
  tentative: "TENTATIVE",
  declined: "DECLINED",
  attended: "ACCEPTED",
  absent: "ACCEPTED",
};

export type ItipMethod = "REQUEST" | "CANCEL" | "PUBLISH";

/**
 * A name as a CN parameter value. RFC 5545 allows no DQUOTE inside one and the ics
 * package writes \" (python-icalendar refuses the line), so a quote in a name
 * becomes an apostrophe: Anna "Nisse" Lind is shown as Anna 'Nisse' Lind.
 */
function parameterName(name: string): string {
  return name.replaceAll('"', "'");
}

/** What a calendar shows as the event's text: the agenda, and the video link on a line of its own. */
function organizerOf(session: CalendarSession): { name: string; email: string } {
  const organizer = session.organizer ?? session.facilitator;
  return { name: parameterName(organizer.name), email: organizer.email };
}

function sessionDescription(session: CalendarSession): string {
  return [session.agenda, session.videoUrl ? `Videolänk: ${session.videoUrl}` : ""].filter(Boolean).join("\n\n");
}

function event(session: CalendarSession, method: ItipMethod, attendees: CalendarAttendee[]): EventAttributes {
  const description = sessionDescription(session);
  const cancelled = method === "CANCEL" || session.status === "cancelled";
  const attributes: EventAttributes = {
    uid: session.uid,
    // Instants, written as UTC: every calendar shows them in its own zone, so
    // 18:00 Swedish time is 18:00 in Sweden on both sides of a summer-time change.
    start: session.startsAt.getTime(),
    startInputType: "utc",
    startOutputType: "utc",
    end: session.endsAt.getTime(),
    endInputType: "utc",
    endOutputType: "utc",
    title: session.title,
    description: description || undefined,
    location: session.location || undefined,
    url: session.videoUrl ?? undefined,
    status: cancelled ? "CANCELLED" : "CONFIRMED",
    sequence: session.sequence,
    lastModified: session.updatedAt.getTime(),
    organizer: organizerOf(session),
  };
  // An invitation sets an alarm an hour before (the e-mail reminder comes a day before);
  // the calendar owner can change or drop it, and a feed leaves alarms to the subscriber.
  if (method === "REQUEST" && !cancelled) {
    attributes.alarms = [{ action: "display", description: `Handledning: ${session.title}`, trigger: { hours: 1, minutes: 0, before: true } }];
  }
  // RFC 5546: PUBLISH carries no ATTENDEE; REQUEST and CANCEL name them.
  if (method !== "PUBLISH") {
    attributes.attendees = attendees.map((a): Attendee => ({
      name: parameterName(a.name),
      email: a.email,
      rsvp: method === "REQUEST" && !a.chair,
      partstat: a.chair ? "ACCEPTED" : (PARTSTAT[a.status] ?? "NEEDS-ACTION"),
      role: a.chair ? "CHAIR" : "REQ-PARTICIPANT",
    }));
  }
  return attributes;
}

export interface AllDayEvent {
  uid: string;
  title: string;
  /** Swedish calendar dates, ÅÅÅÅ-MM-DD; end is exclusive as RFC 5545 wants. */
  startDate: string;
  endDateExclusive: string;
  updatedAt: Date;
}

function dateArray(iso: string): [number, number, number] {
  const [y, m, d] = iso.split("-").map(Number);
  return [y!, m!, d!];
}

function build(events: EventAttributes[], method: ItipMethod, calName?: string): string {
  const { error, value } = createEvents(events, { productId: PRODUCT_ID, method, calName });
  if (error || !value) throw error ?? new Error("could not build calendar");
  return foldContentLines(value);
}

/** A calendar's content lines as a reader sees them: each folded line joined back to the one it continues. */
function contentLines(calendar: string): string[] {
  return calendar.replace(/\r\n[ \t]/g, "").split("\r\n");
}

const FOLD_AT_OCTETS = 75;

/**
 * RFC 5545 §3.1: a content line is at most 75 octets, continued on lines that
 * begin with one space. The ics library folds at 75 characters, so a line
 * with å, ä and ö (two octets each in UTF-8) ran past the limit. Unfolds what
 * it folded and folds again by octets, never inside a character.
 */
export function foldContentLines(calendar: string): string {
  return contentLines(calendar).map(foldLine).join("\r\n");
}

function foldLine(line: string): string {
  if (Buffer.byteLength(line, "utf8") <= FOLD_AT_OCTETS) return line;
  const parts: string[] = [];
  let part = "";
  let octets = 0;
  // The continuation's leading space counts toward its 75.
  let room = FOLD_AT_OCTETS;
  for (const character of line) {
    const size = Buffer.byteLength(character, "utf8");
    if (octets + size > room) {
      parts.push(part);
      part = "";
      octets = 0;
      room = FOLD_AT_OCTETS - 1;
    }
    part += character;
    octets += size;
  }
  parts.push(part);
  return parts.join("\r\n ");
}

/** An invitation or an update: METHOD:REQUEST with ORGANIZER, ATTENDEEs and SEQUENCE. */
export function inviteIcs(session: CalendarSession, attendees: CalendarAttendee[]): string {
  return build([event(session, "REQUEST", attendees)], "REQUEST");
}

/** A cancellation, for the whole session or for the attendees named. */
export function cancelIcs(session: CalendarSession, attendees: CalendarAttendee[]): string {
  return build([event(session, "CANCEL", attendees)], "CANCEL");
}

/**
 * VEVENT texts of published events, by what they are made from. A session
 * shows up in the feed of its facilitator and of everyone invited, and feeds
 * are polled. Bounded: the oldest entry goes first.
 */
const publishedEvents = new Map<string, string>();
/** Room for every session of a national organisation (20,000 at size M): about 15 MB. */
const PUBLISHED_EVENTS_KEPT = 25_000;

function publishedEvent(key: string, write: () => string): string {
  let text = publishedEvents.get(key);
  if (text === undefined) {
    text = write();
    if (publishedEvents.size >= PUBLISHED_EVENTS_KEPT) publishedEvents.delete(publishedEvents.keys().next().value!);
    publishedEvents.set(key, text);
  }
  return text;
}

/** One event's VEVENT text as the ics package writes it (it validates every property with yup first). */
function eventTextByIcs(attributes: EventAttributes): string {
  const calendar = build([attributes], "PUBLISH");
  return calendar.slice(calendar.indexOf("BEGIN:VEVENT\r\n"), calendar.lastIndexOf("END:VCALENDAR"));
}

/**
 * A session's published VEVENT, as the ics package would write it, byte for byte
 * (ics.test.ts holds the two side by side over awkward titles, agendas and names).
 * Written here because a feed's sessions are built on its first poll after a start:
 * through ics each took about 100 µs, most of a cold feed's time; this takes a few
 * (docs/decisions/008-hot-paths-under-load.md has the figures). Invitations and
 * cancellations, written once per e-mail, stay with ics.
 */
export function publishedSessionEvent(session: CalendarSession): string {
  const description = sessionDescription(session);
  const organizer = organizerOf(session);
  const lines = [
    "BEGIN:VEVENT",
    `UID:${newlines(session.uid)}`,
    session.title ? `SUMMARY:${text(session.title)}` : null,
    `DTSTAMP:${utcStamp(session.updatedAt)}`,
    `DTSTART:${utcStamp(session.startsAt)}`,
    `DTEND:${utcStamp(session.endsAt)}`,
    `SEQUENCE:${session.sequence}`,
    description ? `DESCRIPTION:${text(description)}` : null,
    session.videoUrl ? `URL:${newlines(session.videoUrl)}` : null,
    session.location ? `LOCATION:${text(session.location)}` : null,
    `STATUS:${session.status === "cancelled" ? "CANCELLED" : "CONFIRMED"}`,
    `ORGANIZER;CN="${organizer.name || "Organizer"}":MAILTO:${organizer.email}`,
    `LAST-MODIFIED:${utcStamp(session.updatedAt)}`,
    "END:VEVENT",
  ];
  return `${lines
    .filter((line) => line !== null)
    .map(foldLine)
    .join("\r\n")}\r\n`;
}

/**
 * DTSTAMP (ics calls it timestamp; its types leave it out) is the event's last change, not this
 * request's time, so a published event's text is the same whenever it is built and can be kept.
 */
function stamped(attributes: EventAttributes): EventAttributes {
  return Object.assign(attributes, { timestamp: attributes.lastModified });
}

/** The reference the writer above is held to: the same event through ics. */
export function publishedSessionEventByIcs(session: CalendarSession): string {
  return eventTextByIcs(stamped(event(session, "PUBLISH", [])));
}

/** RFC 5545 §3.3.11 TEXT, as ics escapes it: backslash, newline, semicolon, comma. */
const text = (value: string) => value.replace(/\\/g, "\\\\").replace(/\r?\n/g, "\\n").replace(/;/g, "\\;").replace(/,/g, "\\,");
const newlines = (value: string) => value.replace(/\r?\n/g, "\\n");
/** 20261210T170000Z: an iCalendar UTC date-time, whole seconds. */
export const utcStamp = (instant: Date) =>
  instant
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");

/**
 * What a session's published text is made from. Every change to its title,
 * agenda, place or link moves updatedAt (Prisma's @updatedAt; no raw SQL
 * writes sessions), so these fields name the text without hashing the whole
 * event for every event of every feed poll. The feed's ETag rests on the same.
 */
function sessionKey(s: CalendarSession): string {
  return `s|${s.uid}|${s.sequence}|${s.status}|${s.startsAt.getTime()}|${s.endsAt.getTime()}|${s.updatedAt.getTime()}|${s.facilitator.name}|${s.facilitator.email}|${s.organizer?.email ?? ""}`;
}

/** The VCALENDAR lines before the events, by calendar name: the same for every feed. */
const publishedHeaders = new Map<string | undefined, string>();

function publishedHeader(calName: string | undefined): string {
  let header = publishedHeaders.get(calName);
  if (header === undefined) {
    const calendar = build([], "PUBLISH", calName);
    header = calendar.slice(0, calendar.lastIndexOf("END:VCALENDAR"));
    publishedHeaders.set(calName, header);
  }
  return header;
}

/** A subscription feed or a single download: PUBLISH, cancelled sessions kept as STATUS:CANCELLED. */
export function publishIcs(sessions: CalendarSession[], allDay: AllDayEvent[] = [], calName?: string): string {
  if (sessions.length === 0 && allDay.length === 0) {
    // An empty VCALENDAR is invalid (RFC 5545 wants a component); ics refuses it too.
    return [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      `PRODID:${PRODUCT_ID}`,
      "METHOD:PUBLISH",
      "CALSCALE:GREGORIAN",
      ...(calName ? [`X-WR-CALNAME:${calName}`] : []),
      "END:VCALENDAR",
      "",
    ].join("\r\n");
  }
  const texts = [
    ...sessions.map((s) => publishedEvent(sessionKey(s), () => publishedSessionEvent(s))),
    ...allDay.map((d) =>
      publishedEvent(`d|${d.uid}|${d.title}|${d.startDate}|${d.endDateExclusive}|${d.updatedAt.getTime()}`, () =>
        eventTextByIcs(
          stamped({
            uid: d.uid,
            start: dateArray(d.startDate),
            end: dateArray(d.endDateExclusive),
            title: d.title,
            status: "CONFIRMED",
            transp: "TRANSPARENT",
            busyStatus: "FREE",
            lastModified: d.updatedAt.getTime(),
            organizer: { name: "Ledarlyftet", email: "noreply@ledarlyftet.se" },
          }),
        ),
      ),
    ),
  ];
  return `${publishedHeader(calName)}${texts.join("")}END:VCALENDAR\r\n`;
}
