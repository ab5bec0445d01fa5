import { describe, expect, it } from "vitest";
import { checkWithPython, parseWithIcalJs } from "../../../tests/calendar/parsers";
import { publishIcs, publishedSessionEvent, publishedSessionEventByIcs, type CalendarSession } from "./ics.server";

const base: CalendarSession = {
  uid: "3f2c9a1e-0d4b-4c61-9a55-1f0e7c2b8d10@ledarlyftet.se",
  title: "Grupphandledning Malmfälten",
  agenda: "",
  location: "Folkets hus, Kiruna",
  videoUrl: null,
  startsAt: new Date("2026-12-10T17:00:00Z"),
  endsAt: new Date("2026-12-10T18:30:00Z"),
  sequence: 0,
  status: "scheduled",
  updatedAt: new Date("2026-12-01T08:09:10.123Z"),
  facilitator: { name: "Sara Forsberg", email: "sara.forsberg@norrbotten.example" },
};

// Sessions as people write them: Swedish letters, the characters TEXT escapes, line breaks, quotes in a name, long lines.
const awkward: [string, Partial<CalendarSession>][] = [
  ["a plain session", {}],
  ["no place, a video link", { location: "", videoUrl: "https://meet.example.se/rum?a=1&b=2" }],
  ["an agenda with every escaped character", { agenda: "1. Nuläge; vad har hänt, sedan sist?\n2. Fördjupning \\ eget utspel\r\n3. Avslut" }],
  ["a title with ; , \\ and quotes", { title: 'Träff; "Agenda", Närhet \\ Kompetens' }],
  ["a long line of å", { agenda: "å".repeat(200), title: "Ö".repeat(80) }],
  ["a cancelled, moved session", { status: "cancelled", sequence: 3 }],
  ["a facilitator with a quote and no name", { facilitator: { name: 'Anna "Nisse" Lind', email: "anna@x.se" } }],
  ["the reply mailbox as organizer", { organizer: { name: "Sara Forsberg", email: "handledning@norrbotten.example" } }],
  ["an organizer without a name", { facilitator: { name: "", email: "x@x.se" } }],
  ["Sami and Meänkieli letters", { title: "Čohkkiras Šaddu Ŋ đ ŧ ž", location: "Jokkmokk, Váhtjer" }],
];

describe("a session's published event", () => {
  for (const [name, over] of awkward) {
    it(`is what the ics package writes, byte for byte: ${name}`, () => {
      const session = { ...base, ...over };
      expect(publishedSessionEvent(session)).toBe(publishedSessionEventByIcs(session));
    });
  }

  it("makes a feed that the independent parsers read as written", () => {
    const sessions = awkward.map(([, over], i) => ({ ...base, ...over, uid: `${i}-${base.uid}` }));
    const feed = publishIcs(sessions, [], "Ledarlyftet");
    for (const line of feed.split("\r\n")) expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
    const report = checkWithPython(feed);
    expect(report.libical.errors).toEqual([]);
    expect(report.icalendar.errors).toEqual([]);
    const events = parseWithIcalJs(feed).events;
    expect(events.map((e) => e.summary)).toEqual(sessions.map((s) => s.title));
    expect(events[5]).toMatchObject({ status: "CANCELLED", sequence: 3 });
  });
});
