import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { actorOf } from "~/modules/auth/session.server";
import { syncContent } from "~/modules/catalog/sync.server";
import { createCohort } from "~/modules/enrolment/cohorts.server";
import { enrolSelf } from "~/modules/enrolment/enrolment.server";
import { scheduleSessions } from "~/modules/sessions/sessions.server";
import type { ScheduleInput } from "~/modules/sessions/session-schema";
import { loader as homeLoader } from "~/routes/_index";
import { isoDay } from "../support/dates";
import { scheduleInput } from "../support/schedule-input";
import { basicContent, writeContent } from "./content-fixture";
import { branchId, createPerson, getRequest, settle, signedIn } from "./helpers";

const context = { clientAddress: "203.0.113.31" };
const home = async (cookie: string) => (await settle(() => homeLoader({ request: getRequest("/", cookie), context, params: {} }))).json();

const session = (over: Partial<ScheduleInput>): ScheduleInput =>
  scheduleInput({ kind: "one-to-one", title: "Samtal", date: isoDay(10), startTime: "10:00", endTime: "11:00", location: "Boden", ...over });

beforeAll(async () => {
  await syncContent(writeContent(basicContent()));
});

describe("a facilitator's home", () => {
  it("points to what they can do: applications to decide, attendance to record, their free times and the crisis plans of their branches", async () => {
    const f = await signedIn({ roles: ["facilitator"] });
    await db.branchSupport.create({ data: { facilitatorId: f.id, branchId: await branchId("Boden") } });
    const programId = (await db.program.findUniqueOrThrow({ where: { slug: "testprogram" } })).id;
    const cohort = await createCohort("admin", {
      name: "Ledare i Boden",
      programId,
      startsOn: isoDay(20),
      endsOn: isoDay(120),
      enrolmentOpensOn: isoDay(-1),
      enrolmentClosesOn: isoDay(15),
      capacity: 5,
      mode: "approval",
      facilitatorIds: [f.id],
      branchIds: [],
      positions: [],
    });
    if (!cohort.ok) throw new Error(cohort.message);
    await enrolSelf(actorOf(await createPerson()), cohort.value.id);
    const learner = await createPerson();
    const yesterday = await scheduleSessions(
      actorOf(f),
      session({ title: "Uppföljning", date: isoDay(-1), participantIds: [learner.id] }),
      new Date(Date.now() - 5 * 86_400_000),
    );
    await scheduleSessions(actorOf(f), session({ title: "Ledig tid", openSlot: "on" }));
    if (!yesterday.ok) throw new Error(yesterday.message);

    const page = await home(f.cookie);
    expect(page.cohortsAhead).toEqual([expect.objectContaining({ id: cohort.value.id, name: "Ledare i Boden", pending: 1, started: false })]);
    expect(page.sessions.toRecord).toEqual([expect.objectContaining({ id: yesterday.value.ids[0], title: "Uppföljning" })]);
    expect(page.sessions).toMatchObject({ next: [], freeTimes: 1 });
    expect(page.crisisPlans.map((plan: { name: string }) => plan.name)).toEqual(["Boden"]);
  });

  it("shows a facilitator who supports no branch no crisis plans, and a Deltagare none of it", async () => {
    const f = await signedIn({ roles: ["facilitator"] });
    expect(await home(f.cookie)).toMatchObject({ leads: true, cohortsAhead: [], crisisPlans: [], sessions: { next: [], freeTimes: 0, toRecord: [] } });
    const participant = await signedIn();
    expect(await home(participant.cookie)).toMatchObject({ leads: false, cohortsAhead: [], crisisPlans: [], sessions: null });
  });
});
