import { db, transaction } from "~/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import type { Actor } from "~/modules/auth/permissions";
import { cohortsLedBy, cohortsRunBy } from "~/modules/auth/scopes";
import { catalogRequiredCourseIds } from "~/modules/catalog/catalog-cache.server";
import { progressAcrossCourses } from "~/modules/progress/course-progress.server";
import { fieldError, ok, type ActionResult } from "~/utils/action-result";
import { stockholmToUtc } from "~/utils/time";
import type { CohortInput } from "./cohort-schema";
import { enrolmentOffer } from "./eligibility";
import { ACTIVE_STATUSES, rulesOf, waitlistPlace } from "./enrolment.server";
import { Prisma } from "~/generated/prisma/client.ts";
import { column, selectRows, row } from "~/sql.server";

// Swedish calendar days: a window that "closes 30 May" stays open all of that day in Sweden.
const startOfDay = (isoDate: string) => stockholmToUtc(isoDate, "00:00:00");
const endOfDay = (isoDate: string) => stockholmToUtc(isoDate, "23:59:59");

export async function createCohort(actorId: string, input: CohortInput): Promise<ActionResult<{ id: string }>> {
  const program = await db.program.findUnique({ where: { id: input.programId } });
  if (!program || program.retiredAt) return fieldError("programId", "Välj ett program i listan.");
  const facilitators = await db.person.count({ where: { id: { in: input.facilitatorIds }, isFacilitator: true, active: true } });
  if (facilitators !== new Set(input.facilitatorIds).size) return fieldError("facilitatorIds", "Välj bland aktiva utvecklingsledare.");
  const cohort = await transaction(async (tx) => {
    const created = await tx.cohort.create({
      data: {
        name: input.name,
        programId: input.programId,
        startsOn: startOfDay(input.startsOn),
        endsOn: endOfDay(input.endsOn),
        enrolmentOpensAt: startOfDay(input.enrolmentOpensOn),
        enrolmentClosesAt: endOfDay(input.enrolmentClosesOn),
        capacity: input.capacity,
        mode: input.mode,
        eligiblePositions: input.positions.join(","),
        facilitators: { create: [...new Set(input.facilitatorIds)].map((personId) => ({ personId })) },
        branches: { create: [...new Set(input.branchIds)].map((branchId) => ({ branchId })) },
      },
    });
    await recordAudit({ actorId, action: "cohort.created", subjectType: "cohort", subjectId: created.id, detail: { after: input } }, tx);
    return created;
  });
  return ok({ id: cohort.id });
}

/** What the new-cohort form offers: programs in use and active Utvecklingsledare. */
export async function cohortFormChoices() {
  const [programs, facilitators] = await Promise.all([
    db.program.findMany({ where: { retiredAt: null }, orderBy: { order: "asc" }, select: { id: true, title: true } }),
    db.person.findMany({ where: { isFacilitator: true, active: true }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  return { programs, facilitators };
}

const cohortInclude = {
  program: true,
  branches: { include: { branch: { select: { id: true, name: true } } } },
  facilitators: { include: { person: { select: { id: true, name: true, email: true } } } },
} as const;

/** The cohorts page for one person: what they can apply to, where they are enrolled, what they run. */
export async function cohortsFor(actor: Actor, now = new Date()) {
  const person = await db.person.findUniqueOrThrow({ where: { id: actor.id }, select: { branchId: true, position: true, active: true } });
  const [upcoming, mine, running] = await Promise.all([
    db.cohort.findMany({ where: { endsOn: { gte: now } }, include: cohortInclude, orderBy: { startsOn: "asc" } }),
    db.enrolment.findMany({ where: { personId: actor.id }, include: { cohort: { include: { program: true } } }, orderBy: { updatedAt: "desc" } }),
    db.cohort.findMany({ where: cohortsRunBy(actor), include: cohortInclude, orderBy: { startsOn: "desc" } }),
  ]);
  const mineIds = new Set(mine.filter((e) => (ACTIVE_STATUSES as readonly string[]).includes(e.status)).map((e) => e.cohortId));
  // The same decision as the cohort page's (the queue's length is the page's to tell).
  const offered = upcoming
    .filter((c) => !mineIds.has(c.id))
    .map((c) => ({ c, offer: enrolmentOffer(rulesOf(c), person, { capacity: c.capacity, seatsTaken: c.seatsTaken, waitlisted: 0 }, now) }))
    .filter(({ offer }) => offer.kind !== "refused");
  return {
    open: offered.map(({ c }) => ({
      id: c.id,
      name: c.name,
      program: c.program.title,
      startsOn: c.startsOn,
      endsOn: c.endsOn,
      closes: c.enrolmentClosesAt,
      mode: c.mode,
      seatsLeft: Math.max(0, c.capacity - c.seatsTaken),
    })),
    mine: await Promise.all(
      mine.map(async (e) => ({
        enrolmentId: e.id,
        cohortId: e.cohortId,
        name: e.cohort.name,
        program: e.cohort.program.title,
        status: e.status,
        place: e.status === "waitlisted" ? await waitlistPlace(e.cohortId, e.waitlistedAt) : null,
        startsOn: e.cohort.startsOn,
      })),
    ),
    // Nobody but an admin or the cohorts' own Utvecklingsledare gets a row here: the scope is the "cohort:manage" rule.
    running: running.map((c) => ({ id: c.id, name: c.name, program: c.program.title, startsOn: c.startsOn, seatsTaken: c.seatsTaken, capacity: c.capacity })),
  };
}

const rosterRow = row({
  enrolmentId: column.text,
  personId: column.text,
  name: column.text,
  email: column.text,
  branch: column.text,
  status: column.text,
  reason: column.text.nullable(),
  waitlistedAt: column.date.nullable(),
});

/** Everyone enrolled in a cohort, waitlisted or asking, with their progress in the program's required courses. */
export async function cohortRoster(cohortId: string, programId: string) {
  // Facilitators keep this page open through a cohort, so the roster is one join in plain SQL rather than an ORM include of three queries.
  const [enrolments, courseIds] = await Promise.all([
    selectRows(
      rosterRow,
      Prisma.sql`
        SELECT e."id" AS "enrolmentId", p."id" AS "personId", p."name", p."email", b."name" AS "branch", e."status", e."reason", e."waitlistedAt"
        FROM "Enrolment" e JOIN "Person" p ON p."id" = e."personId" JOIN "Branch" b ON b."id" = p."branchId"
        WHERE e."cohortId" = ${cohortId}
        ORDER BY e."status", e."waitlistedAt", e."createdAt"`,
    ),
    catalogRequiredCourseIds(programId),
  ]);
  const seated = enrolments.filter((e) => e.status === "enrolled" || e.status === "completed").map((e) => e.personId);
  const progress = await progressAcrossCourses(courseIds, seated);
  return enrolments.map((e) => {
    const { done, total } = (e.status === "enrolled" || e.status === "completed" ? progress.get(e.personId) : undefined) ?? { done: 0, total: 0 };
    return { ...e, percent: total === 0 ? 0 : Math.round((done / total) * 100) };
  });
}

/** Whether a person may open an enrolment-only program's courses: enrolled in a cohort of it that has not ended, or finished one. */
export async function hasProgramAccess(personId: string, programId: string, now = new Date()) {
  const hit = await db.enrolment.findFirst({
    where: {
      personId,
      cohort: { programId },
      OR: [{ status: "completed" }, { status: "enrolled", cohort: { endsOn: { gte: now } } }],
    },
    select: { id: true },
  });
  return hit !== null;
}

/**
 * A facilitator's follow-up: each running cohort they lead, its average
 * progress, and who is falling behind (more than 20 points under where the
 * cohort's calendar says they should be).
 */
export async function facilitatorFollowUp(facilitatorId: string, now = new Date()) {
  const cohorts = await db.cohort.findMany({
    where: { AND: [cohortsLedBy(facilitatorId), { startsOn: { lte: now }, endsOn: { gte: now } }] },
    select: { id: true, name: true, programId: true, startsOn: true, endsOn: true },
    orderBy: { startsOn: "asc" },
  });
  return Promise.all(
    cohorts.map(async (c) => {
      const roster = (await cohortRoster(c.id, c.programId)).filter((r) => r.status === "enrolled");
      const expected = Math.round(((now.getTime() - c.startsOn.getTime()) / (c.endsOn.getTime() - c.startsOn.getTime())) * 100);
      return {
        id: c.id,
        name: c.name,
        expected,
        average: roster.length ? Math.round(roster.reduce((n, r) => n + r.percent, 0) / roster.length) : 0,
        participants: roster.length,
        behind: roster.filter((r) => r.percent < expected - 20).map((r) => ({ name: r.name, percent: r.percent })),
      };
    }),
  );
}

/**
 * The cohorts a facilitator leads that have not ended, for their home page:
 * when each starts, and how many applications wait for a decision.
 */
export async function cohortsAheadFor(facilitatorId: string, now = new Date()) {
  const cohorts = await db.cohort.findMany({
    where: { AND: [cohortsLedBy(facilitatorId), { endsOn: { gte: now } }] },
    select: { id: true, name: true, startsOn: true, _count: { select: { enrolments: { where: { status: "pending" } } } } },
    orderBy: { startsOn: "asc" },
  });
  return cohorts.map((c) => ({ id: c.id, name: c.name, startsOn: c.startsOn, started: c.startsOn <= now, pending: c._count.enrolments }));
}
