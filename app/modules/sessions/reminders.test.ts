import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { actorOf } from "~/modules/auth/session.server";
import { createPerson } from "../../../tests/integration/helpers";
import { setEmailChoice, unsubscribeToken } from "~/modules/mail/preferences.server";
import { sendDueReminders } from "./reminders.server";
import { respond, scheduleSessions } from "./sessions.server";
import type { ScheduleInput } from "./session-schema";
import { scheduleInput } from "../../../tests/support/schedule-input";

const NOW = new Date("2026-03-01T09:00:00Z");
const input = (over: Partial<ScheduleInput>): ScheduleInput =>
  scheduleInput({ title: "Gruppträff om utspel", date: "2026-03-10", location: "Folkets hus, Kiruna", videoUrl: "https://meet.example.se/utspel", ...over });

const reminders = (personId: string) => db.outboxMessage.findMany({ where: { personId, kind: "session-reminder" } });

describe("reminders before handledning", () => {
  it("go out once, within the window, to those who have not said no and want them, even when two servers look at once", async () => {
    const facilitator = await createPerson({ roles: ["facilitator"] });
    const [coming, declined, optedOut, later] = await Promise.all([createPerson(), createPerson(), createPerson(), createPerson()]);
    const soon = await scheduleSessions(actorOf(facilitator), input({ participantIds: [coming.id, declined.id, optedOut.id] }), NOW);
    const next = await scheduleSessions(actorOf(facilitator), input({ date: "2026-03-12", participantIds: [later.id] }), NOW);
    if (!soon.ok || !next.ok) throw new Error("could not schedule");
    expect((await respond(actorOf(declined), soon.value.ids[0]!, "declined", NOW)).ok).toBe(true);
    await setEmailChoice(optedOut.id, "session-reminders", false);

    // 21 hours before 18:00 Swedish time on 10 March (17:00 UTC).
    const at = new Date("2026-03-09T20:00:00Z");
    const [first, second] = await Promise.all([sendDueReminders(at, 24), sendDueReminders(at, 24)]);
    expect(first + second).toBe(1);
    expect(await sendDueReminders(new Date(at.getTime() + 60_000), 24)).toBe(0);
    expect(await reminders(coming.id)).toHaveLength(1);
    expect(await reminders(declined.id)).toHaveLength(0);
    expect(await reminders(optedOut.id)).toHaveLength(0);
    // The session two days later is outside the 24 hours, until it is not.
    expect(await reminders(later.id)).toHaveLength(0);
    expect(await sendDueReminders(new Date("2026-03-11T18:00:00Z"), 24)).toBe(1);
    expect(await reminders(later.id)).toHaveLength(1);

    const [mail] = await reminders(coming.id);
    expect(mail!.subject).toBe("Påminnelse: Gruppträff om utspel, 10 mars 2026 18:00");
    expect(mail!.text).toContain("18:00 (svensk tid)");
    expect(mail!.text).toContain("Plats: Folkets hus, Kiruna");
    expect(mail!.text).toContain("Videolänk: https://meet.example.se/utspel");
    expect(mail!.text).toContain(`/sessions/${soon.value.ids[0]}`);
    expect(mail!.text).toContain(`/e-post/${unsubscribeToken(coming.id, "session-reminders")}`);
  });
});
