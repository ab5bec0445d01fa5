import { containsText, db, transaction } from "~/db.server";
import { sendInvite } from "~/modules/auth/account-tokens.server";
import { hitRateLimits, inviteLimits } from "~/modules/auth/rate-limit.server";
import { fieldError, formError, ok, throttled, type ActionResult, type Failure } from "~/utils/action-result";
import { notFound } from "~/utils/http.server";
import { minutesUntil, swedishClock } from "~/utils/time";
import { recordAudit } from "~/modules/audit/audit.server";
import type { Prisma } from "~/generated/prisma/client.ts";
import type { PersonInput } from "./person-schema";
import { isLeadingPosition, POSITIONS } from "./positions";
import { ROLES, roleFlags, rolesOf, type Role } from "./roles";

export interface PeopleFilter {
  q?: string;
  branchId?: string;
  role?: Role;
  position?: string;
  /**
   * "active" (default), "inactive", "all", "review": active accounts unused since `dormantBefore`,
   * or "invited": active accounts whose invitation waits (no password chosen yet).
   */
  status?: "active" | "inactive" | "all" | "review" | "invited";
  leadingOnly?: boolean;
  /** Accounts whose last login (or creation, if never logged in) is older than this are flagged for review. */
  dormantBefore?: Date;
}

const DAY_MS = 86_400_000;

/** The moment before which an unused account counts as dormant. */
export function dormantCutoff(inactiveAfterDays: number, now = new Date()): Date {
  return new Date(now.getTime() - inactiveAfterDays * DAY_MS);
}

/** Active accounts nobody has used since the cutoff: an admin should deactivate or erase them. */
export function dormantWhere(cutoff: Date): Prisma.PersonWhereInput {
  return { active: true, erasedAt: null, OR: [{ lastLoginAt: { lt: cutoff } }, { lastLoginAt: null, createdAt: { lt: cutoff } }] };
}

/** Since when an account has been unused, if it is dormant. */
export function dormantSince(person: { active: boolean; lastLoginAt: Date | null; createdAt: Date }, cutoff: Date | undefined): Date | null {
  if (!cutoff || !person.active) return null;
  const since = person.lastLoginAt ?? person.createdAt;
  return since < cutoff ? since : null;
}

/** Active accounts that have not chosen a password yet: their invitation waits. */
export const invitePendingWhere: Prisma.PersonWhereInput = { active: true, password: null };

export function peopleWhere(filter: PeopleFilter): Prisma.PersonWhereInput {
  const where: Prisma.PersonWhereInput = {};
  const status = filter.status ?? "active";
  if (status === "review") where.AND = [dormantWhere(filter.dormantBefore ?? new Date())];
  else if (status === "invited") where.AND = [invitePendingWhere];
  else if (status !== "all") where.active = status === "active";
  if (filter.branchId) where.branchId = filter.branchId;
  const role = ROLES.find((r) => r.key === filter.role);
  if (role) where[role.column] = true;
  if (filter.position) where.position = filter.position;
  else if (filter.leadingOnly) where.position = { in: POSITIONS.filter((p) => p.leading).map((p) => p.key) };
  const q = filter.q?.trim();
  if (q) where.OR = [{ name: containsText(q) }, { email: { contains: q.toLowerCase() } }];
  return where;
}

export async function listPeople(filter: PeopleFilter, { take = 200 }: { take?: number } = {}) {
  const where = peopleWhere(filter);
  const [people, total] = await Promise.all([
    db.person.findMany({
      where,
      orderBy: [{ name: "asc" }],
      take,
      select: {
        id: true,
        name: true,
        email: true,
        position: true,
        active: true,
        isParticipant: true,
        isFacilitator: true,
        isAdmin: true,
        isCourseEditor: true,
        lastLoginAt: true,
        createdAt: true,
        erasedAt: true,
        branch: { select: { id: true, name: true } },
      },
    }),
    db.person.count({ where }),
  ]);
  return {
    total,
    people: people.map((p) => ({ ...p, roles: rolesOf(p), leading: isLeadingPosition(p.position), dormantSince: dormantSince(p, filter.dormantBefore) })),
  };
}

/** The person a route's id names, or the 404 page. */
export async function requireExistingPerson(personId: string | undefined) {
  const person = personId ? await getPerson(personId) : null;
  if (!person) throw notFound("Personen finns inte.");
  return person;
}

export async function getPerson(id: string) {
  const person = await db.person.findUnique({
    where: { id },
    include: { branch: true, password: { select: { updatedAt: true } } },
  });
  if (!person) return null;
  const { password, ...rest } = person;
  return { ...rest, roles: rolesOf(person), hasPassword: password !== null };
}

export function tooManyInvites(retryAt: Date) {
  return `Många inbjudningar har skickats på kort tid. Försök igen kl. ${swedishClock(retryAt)} (om ${minutesUntil(retryAt)} min).`;
}

async function checkUniqueAndBranch(input: PersonInput, exceptId?: string): Promise<Failure | null> {
  const [existing, branch] = await Promise.all([
    db.person.findUnique({ where: { email: input.email }, select: { id: true } }),
    db.branch.findUnique({ where: { id: input.branchId }, select: { id: true } }),
  ]);
  if (existing && existing.id !== exceptId) {
    return fieldError("email", "Det finns redan en person med den e-postadressen.");
  }
  if (!branch) return fieldError("branchId", "Välj en arbetarekommun i listan.");
  return null;
}

/** Adds a person and sends them a one-time link to choose a password. */
/** The person's own columns as the person form gives them, for a new person and an edit alike. */
function personFields(input: PersonInput) {
  return { name: input.name, email: input.email, branchId: input.branchId, position: input.position, ...roleFlags(input.roles) };
}

export async function invitePerson(actorId: string, input: PersonInput): Promise<ActionResult<{ personId: string }>> {
  const problem = await checkUniqueAndBranch(input);
  if (problem) return problem;
  const blocked = await hitRateLimits(inviteLimits(actorId, input.email));
  if (blocked) return throttled(tooManyInvites(blocked), blocked);
  const person = await transaction(async (tx) => {
    const created = await tx.person.create({ data: personFields(input) });
    await sendInvite(tx, created);
    await recordAudit({ actorId, action: "person.invited", subjectType: "person", subjectId: created.id, detail: { after: input } }, tx);
    return created;
  });
  return ok({ personId: person.id });
}

export async function updatePerson(actorId: string, personId: string, input: PersonInput): Promise<ActionResult<{ personId: string }>> {
  const before = await db.person.findUnique({ where: { id: personId } });
  if (!before) throw new Error(`person ${personId} not found`);
  const problem = await checkUniqueAndBranch(input, personId);
  if (problem) return problem;
  await transaction(async (tx) => {
    await tx.person.update({ where: { id: personId }, data: personFields(input) });
    await recordAudit(
      {
        actorId,
        action: "person.updated",
        subjectType: "person",
        subjectId: personId,
        detail: {
          before: {
            name: before.name,
            email: before.email,
            branchId: before.branchId,
            position: before.position,
            roles: rolesOf(before),
          },
          after: input,
        },
      },
      tx,
    );
  });
  return ok({ personId });
}

/** Deactivation keeps everything but ends the person's sessions and stops logins; nobody locks themselves out. */
export async function setPersonActive(actorId: string, personId: string, active: boolean): Promise<ActionResult> {
  if (!active && actorId === personId) return formError("Du kan inte inaktivera dig själv.");
  await transaction(async (tx) => {
    await tx.person.update({ where: { id: personId }, data: { active } });
    if (!active) await tx.authSession.deleteMany({ where: { personId } });
    await recordAudit({ actorId, action: active ? "person.reactivated" : "person.deactivated", subjectType: "person", subjectId: personId }, tx);
  });
  return ok();
}

/**
 * A new invite link for someone who has not chosen a password yet. Never for
 * an account in use: an invite link sets a password, so it would work as a
 * reset link that the person did not ask for.
 */
export async function resendInvite(actorId: string, personId: string): Promise<ActionResult> {
  const person = await db.person.findUniqueOrThrow({ where: { id: personId }, include: { password: { select: { personId: true } } } });
  if (!person.active) return formError("Personen är inaktiverad. Aktivera hen först.");
  if (person.password) return formError("Personen har redan valt lösenord. Hen kan själv be om ett nytt via Glömt lösenord.");
  const blocked = await hitRateLimits(inviteLimits(actorId, person.email));
  if (blocked) return throttled(tooManyInvites(blocked), blocked);
  await transaction(async (tx) => {
    await sendInvite(tx, person);
    await recordAudit({ actorId, action: "person.invite-resent", subjectType: "person", subjectId: personId }, tx);
  });
  return ok();
}

export async function peopleCounts(dormantBefore: Date) {
  const [active, participants, facilitators, admins, pendingInvites, dormant] = await Promise.all([
    db.person.count({ where: { active: true } }),
    db.person.count({ where: { active: true, isParticipant: true } }),
    db.person.count({ where: { active: true, isFacilitator: true } }),
    db.person.count({ where: { active: true, isAdmin: true } }),
    db.person.count({ where: invitePendingWhere }),
    db.person.count({ where: dormantWhere(dormantBefore) }),
  ]);
  return { active, participants, facilitators, admins, pendingInvites, dormant };
}

export async function supportedBranchIds(facilitatorId: string): Promise<string[]> {
  const rows = await db.branchSupport.findMany({ where: { facilitatorId }, select: { branchId: true } });
  return rows.map((r) => r.branchId);
}

/** Which branches an Utvecklingsledare supports; replaces the whole set. */
export async function setBranchSupport(actorId: string, facilitatorId: string, branchIds: string[]) {
  const before = await supportedBranchIds(facilitatorId);
  await transaction(async (tx) => {
    await tx.branchSupport.deleteMany({ where: { facilitatorId } });
    if (branchIds.length > 0) await tx.branchSupport.createMany({ data: [...new Set(branchIds)].map((branchId) => ({ facilitatorId, branchId })) });
    await recordAudit({ actorId, action: "person.support-changed", subjectType: "person", subjectId: facilitatorId, detail: { before, after: branchIds } }, tx);
  });
}
