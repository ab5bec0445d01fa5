#!/usr/bin/python3
"""Reads an iCalendar object on stdin and reports what two independent
libraries make of it: libical (Evolution's, with its RFC 5546 restriction
check for the METHOD) and python-icalendar. Prints JSON."""
import json
import sys

import gi

gi.require_version("ICalGLib", "3.0")
from gi.repository import ICalGLib  # noqa: E402
import icalendar  # noqa: E402

text = sys.stdin.read()
out = {"libical": {}, "icalendar": {}}

comp = ICalGLib.Component.new_from_string(text)
if comp is None:
    out["libical"] = {"parsed": False}
else:
    restrictions_ok = bool(ICalGLib.restriction_check(comp))
    errors = []
    # restriction_check adds X-LIC-ERROR properties where a rule is broken.
    for kind in (ICalGLib.ComponentKind.VCALENDAR_COMPONENT, ICalGLib.ComponentKind.VEVENT_COMPONENT):
        components = [comp] if kind == ICalGLib.ComponentKind.VCALENDAR_COMPONENT else []
        if kind == ICalGLib.ComponentKind.VEVENT_COMPONENT:
            sub = comp.get_first_component(kind)
            while sub is not None:
                components.append(sub)
                sub = comp.get_next_component(kind)
        for c in components:
            prop = c.get_first_property(ICalGLib.PropertyKind.XLICERROR_PROPERTY)
            while prop is not None:
                errors.append(prop.get_xlicerror())
                prop = c.get_next_property(ICalGLib.PropertyKind.XLICERROR_PROPERTY)
    events = []
    sub = comp.get_first_component(ICalGLib.ComponentKind.VEVENT_COMPONENT)
    while sub is not None:
        start = sub.get_dtstart()
        events.append({"uid": sub.get_uid(), "start": start.as_ical_string(), "sequence": sub.get_sequence(), "summary": sub.get_summary()})
        sub = comp.get_next_component(ICalGLib.ComponentKind.VEVENT_COMPONENT)
    out["libical"] = {"parsed": True, "restrictionsOk": restrictions_ok, "errors": errors, "events": events}

cal = icalendar.Calendar.from_ical(text)
events = []
for ev in cal.walk("VEVENT"):
    start = ev.decoded("DTSTART")
    events.append({
        "uid": str(ev.get("UID")),
        "summary": str(ev.get("SUMMARY", "")),
        "start": start.isoformat(),
        "end": ev.decoded("DTEND").isoformat() if "DTEND" in ev else None,
        "status": str(ev.get("STATUS", "")),
        "sequence": int(ev.get("SEQUENCE", 0)),
        "attendees": [str(a) for a in (ev.get("ATTENDEE") if isinstance(ev.get("ATTENDEE"), list) else ([ev.get("ATTENDEE")] if ev.get("ATTENDEE") else []))],
    })
out["icalendar"] = {"method": str(cal.get("METHOD", "")), "errors": [str(e) for c in cal.walk() for e in getattr(c, "errors", [])], "events": events}
print(json.dumps(out))
