import { ROLES, type Role, type RoleFlags } from "~/modules/people/roles";

/** Who is asking: the signed-in person as the rules need them. */
export interface Actor extends RoleFlags {
  id: string;
  branchId: string;
}

/** A thing a rule may need to look at to decide ownership. */
export interface OwnedResource {
  personId?: string;
  /** The Utvecklingsledare who support the person's branch. */
  supportedBy?: string[];
  /** The Utvecklingsledare who run a cohort. */
  facilitatorIds?: string[];
  /** The Utvecklingsledare who organizes one handledning session. */
  organizerId?: string;
  /** A branch, and its Krisansvarig and chair: those who edit its crisis plan. */
  branchId?: string;
  crisisEditors?: string[];
  /** The roles a manual is shown to; none means every signed-in member. */
  audience?: readonly Role[];
}

type Rule = (actor: Actor, resource?: OwnedResource) => boolean;

const isAdmin: Rule = (a) => a.isAdmin;

/** The district's shared material: admins and Kursredaktörer. */
const editsContent: Rule = (a) => a.isAdmin || a.isCourseEditor;

/** A manual shown to every member, or to roles the person holds; those who keep the shelf see all of it. */
function mayOpenManual(a: Actor, r?: OwnedResource): boolean {
  const audience = r?.audience ?? [];
  return editsContent(a) || audience.length === 0 || ROLES.some((role) => audience.includes(role.key) && a[role.column]);
}

/** A cohort's own Utvecklingsledare, and admins. */
const runsCohort: Rule = (a, r) => a.isAdmin || (a.isFacilitator && (r?.facilitatorIds ?? []).includes(a.id));

function mayEditCrisisPlan(a: Actor, r?: OwnedResource): boolean {
  return a.isAdmin || (a.isFacilitator && (r?.supportedBy ?? []).includes(a.id)) || (r?.branchId === a.branchId && (r?.crisisEditors ?? []).includes(a.id));
}

/**
 * The one answer to "may this person do this?". Every loader and action asks
 * through `may` (or the guards built on it); nothing decides access on its own.
 */
const RULES = {
  "admin:access": isAdmin,
  "people:manage": isAdmin,
  "branches:manage": isAdmin,
  "outbox:read": isAdmin,
  "audit:read": isAdmin,
  /** Calendar answers the app could not match, set aside with their reason. */
  "calendar-replies:handle": isAdmin,
  /** A person's own profile, or anyone's for an admin. */
  "profile:read": (a, r) => a.isAdmin || (r?.personId !== undefined && r.personId === a.id),
  "profile:edit": (a, r) => a.isAdmin || (r?.personId !== undefined && r.personId === a.id),
  /**
   * A learner's submitted assignments and shared reflections: their own
   * Utvecklingsledare (supporting their branch) and admins. Never other learners.
   */
  "learner-work:review": (a, r) => a.isAdmin || (a.isFacilitator && (r?.supportedBy ?? []).includes(a.id)),
  "review:access": (a) => a.isAdmin || a.isFacilitator,
  "cohort:create": isAdmin,
  /** A branch's crisis plan: admins, the branch's Utvecklingsledare, its Krisansvarig and chair. */
  "crisis-plan:edit": mayEditCrisisPlan,
  /** The crisis-now view (first steps, people to call): also every member of the branch, nobody else. */
  "crisis-plan:crisis-now": (a, r) => mayEditCrisisPlan(a, r) || (r?.branchId !== undefined && r.branchId === a.branchId),
  "crisis-template:edit": isAdmin,
  /** The district's goals: the board's (admins'); drill-down to named people is theirs alone. */
  "goals:read": isAdmin,
  "goals:drilldown": isAdmin,
  "goals:edit": isAdmin,
  /** Participants, approvals, bulk enrolment: the cohort's own Utvecklingsledare and admins. */
  "cohort:manage": runsCohort,
  /** Handledning booked for a whole cohort (everyone enrolled is invited): the same people. */
  "cohort:schedule-sessions": runsCohort,
  /**
   * Cohorts and learners of one's own to follow up (the home page's section
   * with the review queue): Utvecklingsledare. An admin who is not one has
   * the district overview instead.
   */
  "cohorts:lead": (a) => a.isFacilitator,
  /** Booking handledning, alone or as a series, and leading it: Utvecklingsledare and admins. */
  "sessions:schedule": (a) => a.isAdmin || a.isFacilitator,
  /** Booking a free time an Utvecklingsledare has published: Deltagare (the handledning is theirs). */
  "sessions:book": (a) => a.isParticipant,
  /** One session: moving or cancelling it, taking someone off it, recording attendance. Its organizer and admins. */
  "session:manage": (a, r) => a.isAdmin || (a.isFacilitator && r?.organizerId !== undefined && r.organizerId === a.id),
  /** An enrolment-only program's courses without being enrolled, to preview them: admins. */
  "course:preview-enrolment-only": isAdmin,
  /** Erasing a person's personal data (GDPR art. 17): admins. */
  "person:erase": isAdmin,
  /** Verktygen: uploading, replacing, editing and deleting manuals, and seeing their download counts. */
  "manuals:manage": editsContent,
  /** One manual on the shelf: listing it and downloading it. */
  "manual:open": mayOpenManual,
  /** The course text in the app's course editor. */
  "content:edit": editsContent,
} satisfies Record<string, Rule>;

export type Permission = keyof typeof RULES;

export function may(actor: Actor | null, permission: Permission, resource?: OwnedResource): boolean {
  if (!actor) return false;
  return RULES[permission](actor, resource);
}
