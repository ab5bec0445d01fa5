import { inSlices } from "~/utils/in-slices";
import { config } from "~/config.server";
import { db, transaction, type Tx } from "~/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { may, type Actor } from "~/modules/auth/permissions";
import { queueEmail } from "~/modules/mail/outbox.server";
import type { OutboxKind } from "~/modules/mail/kinds";
import { formError, ok, type ActionResult } from "~/utils/action-result";
import { forbidden, notFound } from "~/utils/http.server";
import { swedishDate } from "~/utils/time";
import { Prisma } from "~/generated/prisma/client.ts";
import { catalogProgramById } from "~/modules/catalog/catalog-cache.server";
import { column, selectRows, row } from "~/sql.server";
import {
  enrolmentOffer,
  notEligibleReason,
  parsePositions,
  reviewedBy,
  STATUS_LABELS,
  type Applicant,
  type CohortRules,
  type EnrolmentOffer,
  UNDO_WITHDRAWAL_MINUTES,
} from "./eligibility";

export const ACTIVE_STATUSES = ["pending", "enrolled", "waitlisted"] as const;
/** Whether an enrolment still holds (or waits for) a place: pending, enrolled or waitlisted. */
export const isActiveEnrolment = (status: string) => (ACTIVE_STATUSES as readonly string[]).includes(status);

const cohortRow = row({
  id: column.text,
  programId: column.text,
  name: column.text,
  startsOn: column.date,
  endsOn: column.date,
  enrolmentOpensAt: column.date,
  enrolmentClosesAt: column.date,
  capacity: column.integer,
  seatsTaken: column.integer,
  mode: column.text,
  eligiblePositions: column.text,
  createdAt: column.date,
  updatedAt: column.date,
});
const cohortBranchRow = row({ id: column.text, name: column.text });
const cohortFacilitatorRow = row({ id: column.text, name: column.text, email: column.text });

/**
 * A cohort with its program (from the catalog copy), branches and
 * facilitators. Every cohort page and enrolment asks, so it is three small
 * raw queries: the ORM include was seven statements behind one compiled plan.
 */
export async function loadCohort(cohortId: string | undefined) {
  const [cohort] = cohortId
    ? await selectRows(
        cohortRow,
        Prisma.sql`
          SELECT "id", "programId", "name", "startsOn", "endsOn", "enrolmentOpensAt", "enrolmentClosesAt", "capacity", "seatsTaken", "mode",
                 "eligiblePositions", "createdAt", "updatedAt"
          FROM "Cohort" WHERE "id" = ${cohortId}`,
      )
    : [];
  const program = cohort ? await catalogProgramById(cohort.programId) : null;
  if (!cohort || !program) throw notFound("Omgången finns inte.");
  const [branches, facilitators] = await Promise.all([
    selectRows(
      cohortBranchRow,
      Prisma.sql`SELECT b."id", b."name" FROM "CohortBranch" cb JOIN "Branch" b ON b."id" = cb."branchId" WHERE cb."cohortId" = ${cohort.id} ORDER BY b."name"`,
    ),
    selectRows(
      cohortFacilitatorRow,
      Prisma.sql`SELECT p."id", p."name", p."email" FROM "CohortFacilitator" cf JOIN "Person" p ON p."id" = cf."personId" WHERE cf."cohortId" = ${cohort.id} ORDER BY p."name"`,
    ),
  ]);
  return {
    ...cohort,
    program,
    branches: branches.map((branch) => ({ cohortId: cohort.id, branchId: branch.id, branch })),
    facilitators: facilitators.map((person) => ({ cohortId: cohort.id, personId: person.id, person })),
  };
}

export type LoadedCohort = Awaited<ReturnType<typeof loadCohort>>;

const ownEnrolmentRow = row({
  id: column.text,
  status: column.text,
  reason: column.text.nullable(),
  waitlistedAt: column.date.nullable(),
  decidedById: column.text.nullable(),
  withdrawnAt: column.date.nullable(),
  withdrawnFrom: column.text.nullable(),
});

/**
 * The asker's own enrolment in a cohort, with their place in the queue when
 * waitlisted, and until when "Ångra" can take back their withdrawal (null
 * when it cannot, also when it would want a seat and none is free);
 * null when they have none.
 */
export async function ownEnrolment(cohort: Pick<LoadedCohort, "id" | "capacity" | "seatsTaken">, personId: string, now = new Date()) {
  const [mine] = await selectRows(
    ownEnrolmentRow,
    Prisma.sql`SELECT "id", "status", "reason", "waitlistedAt", "decidedById", "withdrawnAt", "withdrawnFrom" FROM "Enrolment" WHERE "cohortId" = ${cohort.id} AND "personId" = ${personId}`,
  );
  if (!mine) return null;
  const deadline = undoDeadline(mine, now);
  const seatGone = mine.withdrawnFrom === "enrolled" && cohort.seatsTaken >= cohort.capacity;
  return {
    id: mine.id,
    status: mine.status,
    reason: mine.reason,
    place: mine.status === "waitlisted" ? await waitlistPlace(cohort.id, mine.waitlistedAt) : null,
    undo: deadline && !seatGone ? { until: deadline, from: mine.withdrawnFrom! } : null,
  };
}

export function rulesOf(cohort: LoadedCohort): CohortRules {
  return {
    mode: cohort.mode,
    enrolmentOpensAt: cohort.enrolmentOpensAt,
    enrolmentClosesAt: cohort.enrolmentClosesAt,
    branchIds: cohort.branches.map((b) => b.branchId),
    eligiblePositions: parsePositions(cohort.eligiblePositions),
  };
}

const countRow = row({ n: column.integer });

/**
 * What the cohort's page offers this person now (enrol, join the waitlist,
 * apply, or a reason why not), and so what enrolSelf allows: one decision,
 * see enrolmentOffer. The waitlist is counted only when the cohort is full.
 */
export async function enrolmentOfferFor(cohort: LoadedCohort, person: Applicant, now = new Date()): Promise<EnrolmentOffer> {
  const full = cohort.seatsTaken >= cohort.capacity;
  const waitlisted = full ? await waitlistLength(cohort.id) : 0;
  return enrolmentOffer(rulesOf(cohort), person, { capacity: cohort.capacity, seatsTaken: cohort.seatsTaken, waitlisted }, now);
}

/** How many wait for a seat in the cohort. */
export async function waitlistLength(cohortId: string): Promise<number> {
  const [queue] = await selectRows(countRow, Prisma.sql`SELECT COUNT(*) AS "n" FROM "Enrolment" WHERE "cohortId" = ${cohortId} AND "status" = 'waitlisted'`);
  return queue?.n ?? 0;
}

/** Admins and the cohort's own Utvecklingsledare manage it; nobody else sees its participants. */
export function mayManageCohort(actor: Actor, cohort: { facilitators: { personId: string }[] }) {
  return may(actor, "cohort:manage", { facilitatorIds: cohort.facilitators.map((f) => f.personId) });
}

export async function requireManagedCohort(actor: Actor, cohortId: string | undefined) {
  const cohort = await loadCohort(cohortId);
  if (!mayManageCohort(actor, cohort)) throw forbidden("Bara omgångens utvecklingsledare och distriktsadmin kan hantera omgången.");
  return cohort;
}

/** An enrolment id posted to one cohort's page must belong to that cohort: one from another cohort is a forged post (403). */
export async function requireEnrolmentInCohort(enrolmentId: string, cohortId: string) {
  const target = await db.enrolment.findUnique({ where: { id: enrolmentId }, select: { cohortId: true } });
  if (!target || target.cohortId !== cohortId) throw forbidden();
}

/** Takes one seat if one is free, in one statement, so parallel requests cannot overbook. */
async function claimSeat(tx: Tx, cohortId: string): Promise<boolean> {
  const { count } = await tx.cohort.updateMany({
    where: { id: cohortId, seatsTaken: { lt: tx.cohort.fields.capacity } },
    data: { seatsTaken: { increment: 1 } },
  });
  return count === 1;
}

async function releaseSeat(tx: Tx, cohortId: string) {
  await tx.cohort.updateMany({ where: { id: cohortId, seatsTaken: { gt: 0 } }, data: { seatsTaken: { decrement: 1 } } });
}

async function tell(tx: Tx, personId: string, cohort: { id: string; name: string }, kind: OutboxKind, subject: string, lines: string[]) {
  const person = await tx.person.findUniqueOrThrow({ where: { id: personId }, select: { email: true, name: true } });
  const link = new URL(`/cohorts/${cohort.id}`, config.PUBLIC_URL).toString();
  await queueEmail({ to: person.email, personId, kind, subject, text: [`Hej ${person.name}!`, "", ...lines, "", link].join("\n") }, tx);
}

export async function waitlistPlace(cohortId: string, waitlistedAt: Date | null, client: Tx | typeof db = db): Promise<number | null> {
  if (!waitlistedAt) return null;
  return (await client.enrolment.count({ where: { cohortId, status: "waitlisted", waitlistedAt: { lt: waitlistedAt } } })) + 1;
}

/**
 * Seats the first people on the waitlist while seats are free. The
 * conditional status change makes each promotion happen once.
 */
async function promoteFromWaitlist(tx: Tx, cohort: { id: string; name: string }, actorId: string | null) {
  for (;;) {
    const next = await tx.enrolment.findFirst({ where: { cohortId: cohort.id, status: "waitlisted" }, orderBy: { waitlistedAt: "asc" } });
    if (!next) return;
    if (!(await claimSeat(tx, cohort.id))) return;
    const { count } = await tx.enrolment.updateMany({
      where: { id: next.id, status: "waitlisted" },
      data: { status: "enrolled", enrolledAt: new Date(), waitlistedAt: null },
    });
    if (count !== 1) {
      await releaseSeat(tx, cohort.id);
      continue;
    }
    await tell(tx, next.personId, cohort, "enrolment-promoted", `Du har fått en plats: ${cohort.name}`, [
      `En plats har blivit ledig och du är nu antagen till ${cohort.name}.`,
    ]);
    await recordAudit({ actorId, action: "enrolment.promoted", subjectType: "enrolment", subjectId: next.id }, tx);
  }
}

/** An enrolled person has left (inside the caller's transaction): their seat goes to the first on the waitlist. */
export async function releaseSeatAndPromote(tx: Tx, cohort: { id: string; name: string }, actorId: string | null) {
  await releaseSeat(tx, cohort.id);
  await promoteFromWaitlist(tx, cohort, actorId);
}

export type EnrolOutcome = { outcome: "enrolled" } | { outcome: "waitlisted"; place: number } | { outcome: "pending" } | { outcome: "already"; status: string };

/** Seats a person (or puts them on the waitlist) inside a transaction; the caller has checked the rules. */
async function placePerson(tx: Tx, cohort: LoadedCohort, personId: string, asPending: boolean, actorId: string): Promise<EnrolOutcome> {
  const existing = await tx.enrolment.findUnique({ where: { cohortId_personId: { cohortId: cohort.id, personId } } });
  if (existing && isActiveEnrolment(existing.status)) return { outcome: "already", status: existing.status };
  const now = new Date();
  let status: "pending" | "enrolled" | "waitlisted";
  if (asPending) status = "pending";
  else status = (await claimSeat(tx, cohort.id)) ? "enrolled" : "waitlisted";
  const data = {
    status,
    enrolledAt: status === "enrolled" ? now : null,
    waitlistedAt: status === "waitlisted" ? now : null,
    reason: null,
    decidedById: null,
    withdrawnAt: null,
    withdrawnFrom: null,
  };
  // create() fails on the unique (cohort, person) if a parallel request got there first; the transaction then rolls back the seat.
  const row = existing
    ? await tx.enrolment.update({ where: { id: existing.id }, data })
    : await tx.enrolment.create({ data: { cohortId: cohort.id, personId, ...data } });
  await recordAudit({ actorId, action: `enrolment.${status}`, subjectType: "enrolment", subjectId: row.id, detail: { cohortId: cohort.id, personId } }, tx);
  const when = `${swedishDate(cohort.startsOn)}–${swedishDate(cohort.endsOn)}`;
  if (status === "enrolled") {
    await tell(tx, personId, cohort, "enrolment-confirmed", `Du är antagen: ${cohort.name}`, [
      `Välkommen till ${cohort.name} (${cohort.program.title}), ${when}.`,
    ]);
    return { outcome: "enrolled" };
  }
  if (status === "waitlisted") {
    const place = (await waitlistPlace(cohort.id, now, tx))!;
    await tell(tx, personId, cohort, "enrolment-waitlisted", `Väntelista: ${cohort.name}`, [
      `${cohort.name} är fullbokad. Du står som nummer ${place} på väntelistan och får besked så fort en plats blir ledig.`,
    ]);
    return { outcome: "waitlisted", place };
  }
  await tell(tx, personId, cohort, "enrolment-pending", `Ansökan mottagen: ${cohort.name}`, [
    `Vi har tagit emot din ansökan till ${cohort.name}. ${reviewedBy(cohort.facilitators.map((f) => f.person.name))} Du får besked via e-post.`,
  ]);
  return { outcome: "pending" };
}

function isUniqueViolation(error: unknown) {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}

async function inTransaction(fn: (tx: Tx) => Promise<EnrolOutcome>, personId: string, cohortId: string): Promise<EnrolOutcome> {
  try {
    return await transaction(fn);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const row = await db.enrolment.findUniqueOrThrow({ where: { cohortId_personId: { cohortId, personId } } });
    return { outcome: "already", status: row.status };
  }
}

/** A Deltagare enrols themselves: refused outside the window, when not eligible, or in an invitation-only cohort. */
export async function enrolSelf(actor: Actor, cohortId: string, now = new Date()): Promise<ActionResult<EnrolOutcome>> {
  const cohort = await loadCohort(cohortId);
  const person = await db.person.findUniqueOrThrow({ where: { id: actor.id }, select: { branchId: true, position: true, active: true } });
  const offer = await enrolmentOfferFor(cohort, person, now);
  if (offer.kind === "refused") return formError(offer.reason);
  return ok(await inTransaction((tx) => placePerson(tx, cohort, actor.id, offer.kind === "apply", actor.id), actor.id, cohort.id));
}

/**
 * Leaving, by the person or by someone managing the cohort; a freed seat goes
 * to the first on the waitlist at once. Answers whether it was withdrawn now
 * (not by an earlier click), whether by the person themself and from what
 * status (an application is withdrawn, a place is left); the time
 * they have to take it back is ownEnrolment's to tell.
 */
export async function withdraw(
  actor: Actor,
  enrolmentId: string,
  reason: string,
  now = new Date(),
): Promise<{ withdrawn: boolean; own: boolean; from: string | null }> {
  const enrolment = await db.enrolment.findUnique({ where: { id: enrolmentId }, include: { cohort: { include: { facilitators: true } } } });
  if (!enrolment) throw notFound("Anmälan finns inte.");
  const own = enrolment.personId === actor.id;
  if (!own && !mayManageCohort(actor, enrolment.cohort)) throw forbidden();
  return transaction(async (tx) => {
    // The status now, not when the page was read (a promotion may have seated a waitlisted person since):
    // it decides whether a seat is freed, and is what "Ångra" restores. waitlistedAt stays, so an undo keeps the place in the queue.
    const current = await tx.enrolment.findUniqueOrThrow({ where: { id: enrolment.id }, select: { status: true } });
    const notNow = { withdrawn: false, own, from: null };
    if (!isActiveEnrolment(current.status)) return notNow;
    const { count } = await tx.enrolment.updateMany({
      where: { id: enrolment.id, status: current.status },
      data: { status: "withdrawn", reason: reason || null, decidedById: own ? null : actor.id, withdrawnAt: now, withdrawnFrom: current.status },
    });
    if (count !== 1) return notNow;
    if (current.status === "enrolled") await releaseSeatAndPromote(tx, enrolment.cohort, actor.id);
    if (!own) {
      await tell(tx, enrolment.personId, enrolment.cohort, "enrolment-removed", `Avanmäld: ${enrolment.cohort.name}`, [
        `Du är avanmäld från ${enrolment.cohort.name}.`,
        reason ? `Anledning: ${reason}` : "",
      ]);
    }
    await recordAudit(
      { actorId: actor.id, action: "enrolment.withdrawn", subjectType: "enrolment", subjectId: enrolment.id, detail: { reason, by: own ? "self" : "manager" } },
      tx,
    );
    return { withdrawn: true, own, from: current.status };
  });
}

export const SEAT_GONE = "Platsen har redan gått till någon annan. Vill du fortfarande vara med kan du ställa dig på väntelistan.";

interface Withdrawal {
  status: string;
  personId?: string;
  decidedById: string | null;
  withdrawnAt: Date | null;
  withdrawnFrom: string | null;
}

/** Until when the person's own withdrawal can be taken back; null when it cannot (someone else removed them, or the time is up). */
export function undoDeadline(enrolment: Withdrawal, now = new Date()): Date | null {
  if (enrolment.status !== "withdrawn" || enrolment.decidedById !== null || !enrolment.withdrawnAt || !enrolment.withdrawnFrom) return null;
  const until = new Date(enrolment.withdrawnAt.getTime() + UNDO_WITHDRAWAL_MINUTES * 60_000);
  return until > now ? until : null;
}

/** A refusal from inside a transaction, so that what it had already changed (a seat taken back) is rolled back. */
class Refused extends Error {}

/**
 * "Ångra": the person's own withdrawal taken back within the undo time. A seat
 * is re-taken only if one is still free (the same conditional update as
 * enrolling: if it went to the waitlist, the answer says so and nothing
 * changes); a waitlist place comes back where it was; an application is
 * pending again.
 */
export async function undoWithdrawal(actor: Actor, enrolmentId: string, now = new Date()): Promise<ActionResult<{ status: string; place: number | null }>> {
  const enrolment = await db.enrolment.findUnique({ where: { id: enrolmentId }, include: { cohort: { select: { id: true, name: true } } } });
  if (!enrolment) throw notFound("Anmälan finns inte.");
  if (enrolment.personId !== actor.id) throw forbidden("Bara den som avanmälde sig kan ångra det.");
  // A second click of the same button: the first has already restored it.
  if (isActiveEnrolment(enrolment.status)) return ok({ status: enrolment.status, place: await waitlistPlace(enrolment.cohortId, enrolment.waitlistedAt) });
  const from = enrolment.withdrawnFrom;
  if (!undoDeadline(enrolment, now) || !from) return formError("Avanmälan kan inte längre ångras. Vill du vara med kan du anmäla dig på nytt.");
  try {
    return ok(
      await transaction(async (tx) => {
        const { count } = await tx.enrolment.updateMany({
          where: { id: enrolment.id, status: "withdrawn", withdrawnAt: enrolment.withdrawnAt },
          data: { status: from, reason: null, withdrawnAt: null, withdrawnFrom: null },
        });
        if (count !== 1) throw new Refused("Avanmälan kan inte längre ångras. Vill du vara med kan du anmäla dig på nytt.");
        if (from === "enrolled" && !(await claimSeat(tx, enrolment.cohortId))) throw new Refused(SEAT_GONE);
        await recordAudit(
          { actorId: actor.id, action: "enrolment.withdrawal-undone", subjectType: "enrolment", subjectId: enrolment.id, detail: { from } },
          tx,
        );
        // Back on a waitlist whose seat has come free meanwhile: the usual promotion, which may be this person.
        if (from === "waitlisted") await promoteFromWaitlist(tx, enrolment.cohort, actor.id);
        const after = await tx.enrolment.findUniqueOrThrow({ where: { id: enrolment.id }, select: { status: true, waitlistedAt: true } });
        return { status: after.status, place: after.status === "waitlisted" ? await waitlistPlace(enrolment.cohortId, after.waitlistedAt, tx) : null };
      }),
    );
  } catch (error) {
    if (error instanceof Refused) return formError(error.message);
    throw error;
  }
}

/** Approves (a seat if free, else the waitlist) or declines, with a reason, a pending application. */
export async function decide(
  actor: Actor,
  enrolmentId: string,
  decision: "approve" | "decline",
  reason: string,
): Promise<ActionResult<{ status: "declined" | "enrolled" | "waitlisted" }>> {
  const enrolment = await db.enrolment.findUnique({ where: { id: enrolmentId } });
  if (!enrolment) throw notFound("Anmälan finns inte.");
  const cohort = await requireManagedCohort(actor, enrolment.cohortId);
  return transaction(async (tx) => {
    const current = await tx.enrolment.findUniqueOrThrow({ where: { id: enrolment.id } });
    if (current.status !== "pending") return formError("Ansökan är redan besvarad.");
    if (decision === "decline") {
      await tx.enrolment.update({ where: { id: enrolment.id }, data: { status: "declined", reason, decidedById: actor.id } });
      await tell(tx, enrolment.personId, cohort, "enrolment-declined", `Besked om ${cohort.name}`, [
        `Din ansökan till ${cohort.name} blev tyvärr inte beviljad.`,
        `Anledning: ${reason}`,
      ]);
      await recordAudit({ actorId: actor.id, action: "enrolment.declined", subjectType: "enrolment", subjectId: enrolment.id, detail: { reason } }, tx);
      return ok({ status: "declined" as const });
    }
    const seated = await claimSeat(tx, cohort.id);
    const now = new Date();
    await tx.enrolment.update({
      where: { id: enrolment.id },
      data: seated ? { status: "enrolled", enrolledAt: now, decidedById: actor.id } : { status: "waitlisted", waitlistedAt: now, decidedById: actor.id },
    });
    await tell(tx, enrolment.personId, cohort, "enrolment-approved", `Godkänd: ${cohort.name}`, [
      seated
        ? `Din ansökan till ${cohort.name} är godkänd och du är antagen.`
        : `Din ansökan till ${cohort.name} är godkänd, men omgången är full. Du står nummer ${await waitlistPlace(cohort.id, now, tx)} på väntelistan.`,
    ]);
    await recordAudit({ actorId: actor.id, action: "enrolment.approved", subjectType: "enrolment", subjectId: enrolment.id }, tx);
    return ok({ status: seated ? ("enrolled" as const) : ("waitlisted" as const) });
  });
}

export type BulkRow = {
  personId: string;
  name: string;
  email: string;
  branch: string;
  outcome: "enrol" | "waitlist" | "already" | "not-eligible";
  detail?: string;
};

/** What enrolling these people would do, seat by seat, before anything is written. */
export async function previewBulk(cohort: LoadedCohort, personIds: string[]): Promise<BulkRow[]> {
  const [people, existing, fresh] = await Promise.all([
    inSlices(personIds, (ids) => db.person.findMany({ where: { id: { in: ids } }, include: { branch: { select: { name: true } } } })).then((found) =>
      found.sort((a, b) => a.name.localeCompare(b.name, "sv")),
    ),
    inSlices(personIds, (ids) => db.enrolment.findMany({ where: { cohortId: cohort.id, personId: { in: ids } } })),
    db.cohort.findUniqueOrThrow({ where: { id: cohort.id }, select: { capacity: true, seatsTaken: true } }),
  ]);
  const statusOf = new Map(existing.map((e) => [e.personId, e.status]));
  let free = fresh.capacity - fresh.seatsTaken;
  const rules = rulesOf(cohort);
  return people.map((p) => {
    const base = { personId: p.id, name: p.name, email: p.email, branch: p.branch.name };
    const status = statusOf.get(p.id);
    if (status && isActiveEnrolment(status)) return { ...base, outcome: "already" as const, detail: STATUS_LABELS[status] };
    const reason = notEligibleReason(rules, p);
    if (reason) return { ...base, outcome: "not-eligible" as const, detail: reason };
    if (free > 0) {
      free--;
      return { ...base, outcome: "enrol" as const };
    }
    return { ...base, outcome: "waitlist" as const };
  });
}

/** Enrols every eligible person of a previewed set; admins and the cohort's facilitators may do so outside the window. */
export async function commitBulk(actor: Actor, cohort: LoadedCohort, personIds: string[]) {
  const rows = await previewBulk(cohort, personIds);
  const counts = { enrolled: 0, waitlisted: 0, skipped: 0 };
  for (const row of rows) {
    if (row.outcome === "already" || row.outcome === "not-eligible") {
      counts.skipped++;
      continue;
    }
    const result = await inTransaction((tx) => placePerson(tx, cohort, row.personId, false, actor.id), row.personId, cohort.id);
    if (result.outcome === "enrolled") counts.enrolled++;
    else if (result.outcome === "waitlisted") counts.waitlisted++;
    else counts.skipped++;
  }
  return counts;
}
