import type { Prisma } from "~/generated/prisma/client.ts";
import { may, type Actor } from "./permissions";

/**
 * Row scopes: the permission table's rules as Prisma where-fragments, for
 * lists ("the cohorts I run", "the learners I support") where asking `may`
 * row by row is not an option. Each scope is read off its rule in
 * permissions.ts, so the two cannot drift apart: who passes the rule without
 * owning anything (an admin) gets every row, who passes it as the owner gets
 * the rows they own, anyone else gets none.
 *
 * Use a fragment as a relation filter or inside AND (`where: { AND: [scope, …] }`)
 * rather than spreading it: the empty scope names `id`, and a spread would
 * overwrite (or be overwritten by) the caller's own condition on it.
 */

const NO_ROWS = { id: { in: [] as string[] } };

/** Cohorts whose Utvecklingsledare include this person, whatever their role: their own follow-up. */
export function cohortsLedBy(personId: string): Prisma.CohortWhereInput {
  return { facilitators: { some: { personId } } };
}

/** Branches this person supports as Utvecklingsledare (what an admin sets on their person page), whatever else they may see. */
export function branchesSupportedBy(personId: string): Prisma.BranchWhereInput {
  return { supporters: { some: { facilitatorId: personId } } };
}

/** The cohorts an actor may manage (rule "cohort:manage"): every cohort for an admin, the ones they run for an Utvecklingsledare. */
export function cohortsRunBy(actor: Actor): Prisma.CohortWhereInput {
  if (may(actor, "cohort:manage", { facilitatorIds: [] })) return {};
  if (may(actor, "cohort:manage", { facilitatorIds: [actor.id] })) return cohortsLedBy(actor.id);
  return NO_ROWS;
}

/**
 * The learners whose work an actor may review (rule "learner-work:review"):
 * everyone for an admin, the people of the branches an Utvecklingsledare
 * supports. The actor themself is not excluded here; the callers that list
 * others do that.
 */
export function learnersSupportedBy(actor: Actor): Prisma.PersonWhereInput {
  if (may(actor, "learner-work:review", { supportedBy: [] })) return {};
  if (may(actor, "learner-work:review", { supportedBy: [actor.id] })) return { branch: { supporters: { some: { facilitatorId: actor.id } } } };
  return NO_ROWS;
}
