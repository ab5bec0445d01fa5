import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { actorOf } from "~/modules/auth/session.server";
import { syncContent } from "~/modules/catalog/sync.server";
import { createCohort } from "~/modules/enrolment/cohorts.server";
import { enrolSelf } from "~/modules/enrolment/enrolment.server";
import { setEmailChoice, unsubscribeToken } from "~/modules/mail/preferences.server";
import { recordLessonCompletion } from "~/modules/progress/course-progress.server";
import { respond, scheduleSessions } from "~/modules/sessions/sessions.server";
import { stockholmDate } from "~/utils/time";
import { basicContent, writeContent } from "../../../tests/integration/content-fixture";
import { branchId, createPerson } from "../../../tests/integration/helpers";
import { isoDay } from "../../../tests/support/dates";
import { scheduleInput } from "../../../tests/support/schedule-input";
import { digestMoment, isoWeekOf, sendDueDigests } from "./weekly-digest.server";

const DAY = 86_400_000;
let programId = "";
const lessonId = async (slug: string) => (await db.lesson.findUniqueOrThrow({ where: { slug } })).id;

async function cohortLedBy(facilitatorId: string, name: string) {
  const created = await createCohort("admin", {
    name,
    programId,
    startsOn: isoDay(-60),
    endsOn: isoDay(40),
    enrolmentOpensOn: isoDay(-90),
    enrolmentClosesOn: isoDay(30),
    capacity: 20,
    mode: "open",
    facilitatorIds: [facilitatorId],
    branchIds: [],
    positions: [],
  });
  if (!created.ok) throw new Error(created.message);
  return created.value.id;
}

async function participantIn(cohortId: string, branch = "Kiruna") {
  const person = await createPerson({ branch });
  const result = await enrolSelf(actorOf(person), cohortId);
  if (!result.ok) throw new Error(result.message);
  return person;
}

async function finishAll(personId: string) {
  for (const slug of ["t-las", "t-quiz", "t-reflektion", "t-uppgift"]) await recordLessonCompletion(db, personId, await lessonId(slug), new Date());
}

const digestsTo = (personId: string) => db.outboxMessage.findMany({ where: { personId, kind: "weekly-digest" } });

beforeAll(async () => {
  await syncContent(writeContent(basicContent()));
  programId = (await db.program.findUniqueOrThrow({ where: { slug: "testprogram" } })).id;
});

describe("ISO weeks and the digest's moment", () => {
  it("numbers weeks as ISO 8601 does, across a new year", () => {
    expect(isoWeekOf("2026-12-02")).toMatchObject({ week: "2026-W49", monday: "2026-11-30" });
    expect(isoWeekOf("2027-01-01")).toMatchObject({ week: "2026-W53", monday: "2026-12-28" });
    expect(isoWeekOf("2027-01-04")).toMatchObject({ week: "2027-W01", monday: "2027-01-04" });
    expect(isoWeekOf("2025-12-29")).toMatchObject({ week: "2026-W01" });
  });

  it("is the configured weekday and hour in Swedish time, summer or winter", () => {
    expect(digestMoment(new Date("2026-12-02T12:00:00Z"), 1, 7).at.toISOString()).toBe("2026-11-30T06:00:00.000Z");
    expect(digestMoment(new Date("2026-06-10T12:00:00Z"), 3, 7).at.toISOString()).toBe("2026-06-10T05:00:00.000Z");
  });
});

describe("the weekly digest to each utvecklingsledare", () => {
  it("tells each facilitator their week once, even with two servers at once, and says nothing when there is nothing to say", async () => {
    // Next week's moment, an hour on: the sessions scheduled below are then in "the coming week".
    const moment = digestMoment(new Date(Date.now() + 7 * DAY));
    const now = new Date(moment.at.getTime() + 3_600_000);

    const busy = await createPerson({ roles: ["facilitator"] });
    await db.branchSupport.create({ data: { facilitatorId: busy.id, branchId: await branchId("Gällivare") } });
    const cohortId = await cohortLedBy(busy.id, "Ledare i Gällivare");
    const behind = await participantIn(cohortId, "Gällivare");
    const ahead = await participantIn(cohortId, "Gällivare");
    await finishAll(ahead.id);
    await db.assignmentSubmission.create({
      data: { personId: behind.id, lessonId: await lessonId("t-uppgift"), text: "Min plan för utspelet i fullmäktige." },
    });
    await db.reflection.create({ data: { personId: behind.id, lessonId: await lessonId("t-reflektion"), text: "Jag tänker på närhet.", shared: true } });
    const sessionDay = stockholmDate(new Date(now.getTime() + 2 * DAY));
    const scheduled = await scheduleSessions(
      actorOf(busy),
      scheduleInput({ title: "Gruppträff i Gällivare", date: sessionDay, participantIds: [behind.id, ahead.id] }),
      new Date(),
    );
    if (!scheduled.ok) throw new Error(scheduled.message);
    expect((await respond(actorOf(ahead), scheduled.value.ids[0]!, "accepted", new Date())).ok).toBe(true);

    // Everyone on track, nothing to review, no handledning: nothing to say.
    const quiet = await createPerson({ roles: ["facilitator"] });
    const quietCohort = await cohortLedBy(quiet.id, "Ledare i Jokkmokk");
    await finishAll((await participantIn(quietCohort)).id);
    const optedOut = await createPerson({ roles: ["facilitator"] });
    await cohortLedBy(optedOut.id, "Ledare i Arjeplog").then(async (id) => participantIn(id));
    await setEmailChoice(optedOut.id, "weekly-digests", false);

    // Before the moment, nothing is decided.
    expect(await sendDueDigests(new Date(moment.at.getTime() - 60_000))).toBe(0);
    expect(await db.weeklyDigest.count({ where: { facilitatorId: { in: [busy.id, quiet.id] } } })).toBe(0);

    const [a, b] = await Promise.all([sendDueDigests(now), sendDueDigests(now)]);
    expect(await digestsTo(busy.id)).toHaveLength(1);
    expect(a + b).toBeGreaterThanOrEqual(1);
    expect(await sendDueDigests(new Date(now.getTime() + 600_000))).toBe(0);
    expect(await digestsTo(busy.id)).toHaveLength(1);
    expect(await digestsTo(quiet.id)).toHaveLength(0);
    expect(await db.weeklyDigest.findMany({ where: { facilitatorId: quiet.id } })).toEqual([
      expect.objectContaining({ week: moment.week, outboxMessageId: null }),
    ]);
    expect(await digestsTo(optedOut.id)).toHaveLength(0);
    expect(await db.weeklyDigest.count({ where: { facilitatorId: optedOut.id } })).toBe(0);

    const [digest] = await digestsTo(busy.id);
    expect(digest!.subject).toBe(`Veckobrev vecka ${moment.number}: dina omgångar i Ledarlyftet`);
    expect(digest!.text).toContain("Ledare i Gällivare: 2 deltagare");
    expect(digest!.text).toMatch(new RegExp(`Ligger efter: ${behind.name} \\(0 %\\)\\.`));
    expect(digest!.text).not.toContain(`${ahead.name} (`);
    expect(digest!.text).toContain(`1 inlämnad uppgift väntar på dig:\n  ${behind.name}: Lektion t-uppgift`);
    expect(digest!.text).toContain("1 reflektion har delats med dig den senaste veckan.");
    expect(digest!.text).toContain(`Gruppträff i Gällivare. 1 av 2 har inte svarat: ${behind.name}.`);
    expect(digest!.text).toContain(`http://localhost:3000/sessions/${scheduled.value.ids[0]}`);
    expect(digest!.text).toContain(`http://localhost:3000/e-post/${unsubscribeToken(busy.id, "weekly-digests")}`);
    expect(await db.weeklyDigest.findMany({ where: { facilitatorId: busy.id } })).toEqual([
      expect.objectContaining({ week: moment.week, outboxMessageId: digest!.id }),
    ]);

    // The next week is a week of its own.
    await sendDueDigests(new Date(now.getTime() + 7 * DAY));
    expect(await digestsTo(busy.id)).toHaveLength(2);
  });
});
