import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { actorOf } from "~/modules/auth/session.server";
import { syncContent } from "~/modules/catalog/sync.server";
import { createCohort } from "~/modules/enrolment/cohorts.server";
import { enrolSelf } from "~/modules/enrolment/enrolment.server";
import { setEmailChoice, unsubscribeToken } from "~/modules/mail/preferences.server";
import { recordLessonCompletion, recordLessonVisit } from "~/modules/progress/course-progress.server";
import { isoDay } from "../../../tests/support/dates";
import { basicContent, writeContent } from "../../../tests/integration/content-fixture";
import { createPerson } from "../../../tests/integration/helpers";
import { dueNudges, sendDueNudges } from "./nudges.server";

const DAY = 86_400_000;
const RULES = { afterDays: 10, intervalDays: 14 };

let programId = "";
const lessonId = async (slug: string) => (await db.lesson.findUniqueOrThrow({ where: { slug } })).id;

async function cohort(name: string, startsOn: string, endsOn: string, facilitatorIds: string[] = []) {
  const created = await createCohort("admin", {
    name,
    programId,
    startsOn,
    endsOn,
    enrolmentOpensOn: isoDay(-60),
    enrolmentClosesOn: isoDay(200),
    capacity: 50,
    mode: "open",
    facilitatorIds,
    branchIds: [],
    positions: [],
  });
  if (!created.ok) throw new Error(created.message);
  return created.value.id;
}

async function enrolled(cohortId: string, opts: Parameters<typeof createPerson>[0] = {}) {
  const person = await createPerson(opts);
  const result = await enrolSelf(actorOf(person), cohortId);
  if (!result.ok) throw new Error(result.message);
  return person;
}

const nudgesTo = (personId: string) => db.outboxMessage.findMany({ where: { personId, kind: "learner-nudge" }, orderBy: { createdAt: "asc" } });

beforeAll(async () => {
  await syncContent(writeContent(basicContent()));
  programId = (await db.program.findUniqueOrThrow({ where: { slug: "testprogram" } })).id;
});

describe("nudges to participants who have stalled", () => {
  it("go to exactly those quiet for long enough in a running cohort with work left, once per quiet stretch, even with two servers at once", async () => {
    const facilitator = await createPerson({ roles: ["facilitator"], email: `ul-${Date.now()}@example.se` });
    const running = await cohort("Ledare i Luleå", isoDay(-30), isoDay(90), [facilitator.id]);
    const ended = await cohort("Förra omgången", isoDay(-200), isoDay(5));
    const now = Date.now();
    const at = new Date(now + 12 * DAY);

    const stalled = await enrolled(running);
    await recordLessonVisit(db, stalled.id, await lessonId("t-las"), new Date(now));
    const movedOn = await enrolled(running);
    await recordLessonCompletion(db, movedOn.id, await lessonId("t-las"), new Date(now));
    const busy = await enrolled(running);
    await recordLessonVisit(db, busy.id, await lessonId("t-las"), new Date(at.getTime() - 2 * DAY));
    const neverStarted = await enrolled(running);
    const optedOut = await enrolled(running);
    await setEmailChoice(optedOut.id, "learner-nudges", false);
    const done = await enrolled(running);
    for (const slug of ["t-las", "t-quiz", "t-reflektion", "t-uppgift"]) await recordLessonCompletion(db, done.id, await lessonId(slug), new Date(now));
    const deactivated = await enrolled(running);
    await db.person.update({ where: { id: deactivated.id }, data: { active: false } });
    // Their cohort ends before the nudge would be due.
    const inEndedCohort = await enrolled(ended);

    expect((await dueNudges(new Date(now + 3 * DAY), RULES)).map((d) => d.personId)).toEqual([]);
    const due = (await dueNudges(at, RULES)).map((d) => d.personId).sort();
    expect(due).toEqual([stalled.id, movedOn.id, neverStarted.id].sort());

    const [first, second] = await Promise.all([sendDueNudges(at, RULES), sendDueNudges(at, RULES)]);
    expect(first + second).toBe(3);
    expect(await sendDueNudges(new Date(at.getTime() + 60_000), RULES)).toBe(0);
    for (const quiet of [busy, optedOut, done, deactivated, inEndedCohort]) expect(await nudgesTo(quiet.id)).toHaveLength(0);

    // Each links straight to where they left off: the lesson opened and not finished, else the next one, else the first.
    const [toStalled] = await nudgesTo(stalled.id);
    expect(toStalled!.subject).toBe("Fortsätt där du slutade: Lektion t-las");
    expect(toStalled!.text).toContain("http://localhost:3000/courses/testkurs/t-las");
    expect(toStalled!.text).toContain(facilitator.name);
    expect(toStalled!.text).toContain(`http://localhost:3000/e-post/${unsubscribeToken(stalled.id, "learner-nudges")}`);
    expect((await nudgesTo(movedOn.id))[0]!.text).toContain("http://localhost:3000/courses/testkurs/t-quiz");
    const [toFresh] = await nudgesTo(neverStarted.id);
    expect(toFresh!.subject).toBe("Dags att börja: Testprogrammet");
    expect(toFresh!.text).toContain("http://localhost:3000/courses/testkurs/t-las");

    // Still quiet three weeks on: no second nudge for the same quiet stretch, though the interval has passed;
    // the one who was busy then has now been quiet long enough for their first.
    expect(await sendDueNudges(new Date(at.getTime() + 21 * DAY), RULES)).toBe(1);
    expect(await nudgesTo(busy.id)).toHaveLength(1);
    for (const nudged of [stalled, movedOn, neverStarted]) expect(await nudgesTo(nudged.id)).toHaveLength(1);
    // Back for a day, then quiet again: a new stretch, and the interval since the last nudge has passed.
    await recordLessonVisit(db, stalled.id, await lessonId("t-quiz"), new Date(at.getTime() + 3 * DAY));
    expect(await sendDueNudges(new Date(at.getTime() + 12 * DAY), RULES)).toBe(0);
    expect(await sendDueNudges(new Date(at.getTime() + 14 * DAY), RULES)).toBe(1);
    const second2 = await nudgesTo(stalled.id);
    expect(second2).toHaveLength(2);
    expect(second2[1]!.text).toContain("http://localhost:3000/courses/testkurs/t-quiz");
  });

  it("never more often than the interval, even after a short return", async () => {
    const running = await cohort("Ledare i Piteå", isoDay(-30), isoDay(90));
    const now = Date.now();
    const person = await enrolled(running);
    const at = new Date(now + 11 * DAY);
    expect(await sendDueNudges(at, RULES)).toBeGreaterThanOrEqual(1);
    expect(await nudgesTo(person.id)).toHaveLength(1);
    // Back the next day, quiet for ten days more: eleven days after the first nudge, inside the fourteen.
    await recordLessonVisit(db, person.id, await lessonId("t-las"), new Date(at.getTime() + DAY));
    await sendDueNudges(new Date(at.getTime() + 11 * DAY + 60_000), RULES);
    expect(await nudgesTo(person.id)).toHaveLength(1);
    await sendDueNudges(new Date(at.getTime() + 14 * DAY + 60_000), RULES);
    expect(await nudgesTo(person.id)).toHaveLength(2);
  });

  it("one nudge for someone in two running cohorts of the program", async () => {
    const a = await cohort("Omgång A", isoDay(-30), isoDay(60));
    const b = await cohort("Omgång B", isoDay(-20), isoDay(90));
    const person = await enrolled(a);
    const again = await enrolSelf(actorOf(person), b);
    expect(again.ok).toBe(true);
    await sendDueNudges(new Date(Date.now() + 11 * DAY), RULES);
    const sent = await nudgesTo(person.id);
    expect(sent).toHaveLength(1);
    // The cohort that ends first.
    expect(sent[0]!.text).toContain("Omgång A");
  });
});
