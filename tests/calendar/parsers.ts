import { execFileSync } from "node:child_process";
import path from "node:path";
import ICAL from "ical.js";

export interface PythonReport {
  libical: { parsed: boolean; restrictionsOk: boolean; errors: string[]; events: { uid: string; start: string; sequence: number; summary: string }[] };
  icalendar: {
    method: string;
    errors: string[];
    events: { uid: string; summary: string; start: string; end: string; status: string; sequence: number; attendees: string[] }[];
  };
}

/** libical (Evolution's library, with its RFC 5546 checks) and python-icalendar, through Debian's python3. */
export function checkWithPython(ics: string): PythonReport {
  const python = process.env.SYSTEM_PYTHON ?? "/usr/bin/python3";
  const out = execFileSync(python, [path.resolve("tests/calendar/check_ics.py")], { input: ics, encoding: "utf8" });
  return JSON.parse(out) as PythonReport;
}

/** ical.js, Thunderbird's parser. */
export function parseWithIcalJs(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return {
    method: calendar.getFirstPropertyValue("method"),
    events: calendar.getAllSubcomponents("vevent").map((v) => {
      const e = new ICAL.Event(v);
      return {
        uid: e.uid,
        summary: e.summary,
        start: e.startDate.toJSDate().toISOString(),
        end: e.endDate.toJSDate().toISOString(),
        sequence: e.sequence,
        status: v.getFirstPropertyValue("status"),
        organizer: String(v.getFirstPropertyValue("organizer") ?? ""),
        attendees: e.attendees.map((a) => String(a.getFirstValue())),
      };
    }),
  };
}
