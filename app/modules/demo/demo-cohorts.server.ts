import { db } from "~/db.server";
import { actorOf } from "~/modules/auth/session.server";
import { createCohort } from "~/modules/enrolment/cohorts.server";
import { commitBulk, enrolSelf, loadCohort } from "~/modules/enrolment/enrolment.server";
import { isLeadingPosition } from "~/modules/people/positions";
import { stockholmDate } from "~/utils/time";
import { DEMO_LOGINS } from "./demo-people";

const day = (offset: number) => stockholmDate(new Date(Date.now() + offset * 86_400_000));

async function actorByEmail(email: string) {
  const p = await db.person.findUniqueOrThrow({ where: { email } });
  return actorOf(p);
}

/**
 * Two cohorts in different states: the leadership program with approval
 * (some admitted, some waiting for a decision) and a small communicator
 * cohort in Kiruna and Gällivare that is full with a waitlist.
 */
export async function seedDemoCohorts() {
  const [admin, johan, sara] = await Promise.all(DEMO_LOGINS.slice(0, 3).map((l) => actorByEmail(l.email)));
  const programs = new Map((await db.program.findMany()).map((p) => [p.slug, p.id]));
  if (!programs.has("ledarskapsprogrammet") || !programs.has("kommunikatorsutbildningen")) return;
  const branches = new Map((await db.branch.findMany()).map((b) => [b.name, b.id]));
  const participants = await db.person.findMany({ where: { isParticipant: true, isFacilitator: false }, orderBy: { createdAt: "asc" } });

  const leadership = await createCohort(admin!.id, {
    name: "Ledarskapsprogrammet 2027",
    programId: programs.get("ledarskapsprogrammet")!,
    startsOn: day(30),
    endsOn: day(210),
    enrolmentOpensOn: day(-14),
    enrolmentClosesOn: day(21),
    capacity: 12,
    mode: "approval",
    facilitatorIds: [johan!.id, sara!.id],
    branchIds: [],
    positions: ["kommunalrad", "regionrad", "riksdagsledamot", "gruppledare", "ordforande"],
  });
  const communicators = await createCohort(admin!.id, {
    name: "Kommunikatörsutbildningen Malmfälten",
    programId: programs.get("kommunikatorsutbildningen")!,
    startsOn: day(-60),
    endsOn: day(60),
    enrolmentOpensOn: day(-40),
    enrolmentClosesOn: day(10),
    capacity: 3,
    mode: "open",
    facilitatorIds: [sara!.id],
    branchIds: [branches.get("Kiruna")!, branches.get("Gällivare")!],
    positions: [],
  });
  if (!leadership.ok || !communicators.ok) throw new Error("demo cohorts could not be created");

  const leaders = participants.filter((p) => isLeadingPosition(p.position) && p.email !== DEMO_LOGINS[3]!.email);
  await commitBulk(
    admin!,
    await loadCohort(leadership.value.id),
    leaders.slice(0, 5).map((p) => p.id),
  );
  for (const p of leaders.slice(5, 7)) await enrolSelf(actorOf(p), leadership.value.id);

  const malmfalten = participants.filter((p) => p.branchId === branches.get("Kiruna") || p.branchId === branches.get("Gällivare"));
  await commitBulk(
    sara!,
    await loadCohort(communicators.value.id),
    malmfalten.slice(0, 4).map((p) => p.id),
  );
}
