import { describe, expect, it } from "vitest";
import { inviteIcs } from "~/modules/calendar/ics.server";
import { meetingUrl, scheduleFields } from "./session-schema";

/** Builds a real invitation carrying the link: throws if the calendar library refuses it. */
function invitationWith(videoUrl: string) {
  const at = new Date("2030-01-10T17:00:00Z");
  return inviteIcs(
    {
      uid: "test@ledarlyftet.se",
      title: "Handledning",
      agenda: "",
      location: "",
      videoUrl,
      startsAt: at,
      endsAt: new Date(at.getTime() + 3_600_000),
      sequence: 0,
      status: "scheduled",
      updatedAt: at,
      facilitator: { name: "Anna", email: "anna@example.se" },
    },
    [{ name: "Eva", email: "eva@example.se", status: "invited" }],
  );
}

const base = { kind: "group", title: "Handledning", date: "2030-01-10", startTime: "18:00", endTime: "19:00", location: "" };

describe("a session's video link", () => {
  it("is accepted only in a form every calendar takes, so an invitation can always be built", () => {
    const tries = [
      "https://meet.example.se/rum",
      "https://meet.example.se:8443/rum?x=1#a",
      "https://MEET.Example.se/Rum",
      "https://möte.example.se/rum",
      'https://meet.example.se/a"b<c>',
      "https://ex_ample.se/rum",
      "https://meet.example.se:8/rum",
      "https://user:pass@meet.example.se/",
      "https://localhost/rum",
      "https://-bad.example.se/",
      "https://meet.example.se/\u2028",
      "https://[::1]/rum",
      "https://10.0.0.1/rum",
    ];
    for (const value of tries) {
      const normalised = meetingUrl(value);
      if (normalised !== null) expect(invitationWith(normalised), `${value} -> ${normalised}`).toContain("URL:");
    }
    expect(meetingUrl("https://ex_ample.se/rum")).toBeNull();
    expect(meetingUrl("https://user:pass@meet.example.se/")).toBeNull();
    expect(meetingUrl('https://meet.example.se/a"b<c>')).toBe("https://meet.example.se/a%22b%3Cc%3E");
  });

  it("gets one clear message in Swedish when it is not https or not an address", () => {
    const issues = (videoUrl: string) => {
      const r = scheduleFields.safeParse({ ...base, videoUrl });
      return r.success ? [] : r.error.issues.filter((i) => i.path[0] === "videoUrl").map((i) => i.message);
    };
    expect(issues("javascript:alert(1)")).toEqual(["Videolänken ska börja med https://"]);
    expect(issues("https://ex_ample.se/rum")).toEqual(["Videolänken ser inte ut som en webbadress, t.ex. https://meet.example.se/rum."]);
    expect(issues(`https://meet.example.se/${"a".repeat(600)}`)).toContain("Högst 500 tecken.");
    expect(issues("https://meet.example.se/rum")).toEqual([]);
  });
});
