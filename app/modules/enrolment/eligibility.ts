import { formatList } from "~/utils/format";
import { swedishDate } from "~/utils/time";

/** Who may apply to a cohort, as a plain rule tests can call. */
export interface CohortRules {
  mode: string;
  enrolmentOpensAt: Date;
  enrolmentClosesAt: Date;
  branchIds: string[];
  eligiblePositions: string[];
}

export interface Applicant {
  branchId: string;
  position: string;
  active: boolean;
}

export const STATUS_LABELS: Record<string, string> = {
  pending: "Väntar på godkännande",
  enrolled: "Antagen",
  waitlisted: "På väntelistan",
  withdrawn: "Avanmäld",
  declined: "Ej antagen",
  completed: "Genomförd",
};

export const MODE_LABELS: Record<string, string> = {
  open: "Öppen anmälan",
  approval: "Anmälan med godkännande",
  invitation: "Endast inbjudan",
};

/** Whether the person fits the cohort at all (branch, position), whatever the date. */
export function notEligibleReason(cohort: CohortRules, person: Applicant): string | null {
  if (!person.active) return "kontot är inaktiverat";
  if (cohort.branchIds.length > 0 && !cohort.branchIds.includes(person.branchId)) return "omgången är inte öppen för din arbetarekommun";
  if (cohort.eligiblePositions.length > 0 && !cohort.eligiblePositions.includes(person.position)) return "omgången är inte öppen för din befattning";
  return null;
}

/** Whether the person may enrol themselves now: eligible, in the window, and not invitation only (asked through enrolmentOffer). */
function selfEnrolRefusal(cohort: CohortRules, person: Applicant, now: Date): string | null {
  if (cohort.mode === "invitation") return "Den här omgången är endast för inbjudna.";
  const reason = notEligibleReason(cohort, person);
  if (reason) return `Du kan inte anmäla dig: ${reason}.`;
  if (now < cohort.enrolmentOpensAt) return `Anmälan har inte öppnat än. Den öppnar ${swedishDate(cohort.enrolmentOpensAt)}.`;
  if (now > cohort.enrolmentClosesAt) return `Anmälan stängde ${swedishDate(cohort.enrolmentClosesAt)}.`;
  return null;
}

/** How full a cohort is right now: its seats, and how many already wait for one. */
export interface SeatState {
  capacity: number;
  seatsTaken: number;
  waitlisted: number;
}

/**
 * What enrolling would do for this person now, before they click: the cohort
 * page offers exactly this, and enrolSelf refuses exactly what it refuses, so
 * the two cannot drift. `place` is where a full open cohort's waitlist would
 * put them (the queue can move before they click; the confirmation says the
 * real place).
 */
export type EnrolmentOffer = { kind: "enrol" } | { kind: "waitlist"; place: number } | { kind: "apply"; full: boolean } | { kind: "refused"; reason: string };

export function enrolmentOffer(cohort: CohortRules, person: Applicant, seats: SeatState, now: Date): EnrolmentOffer {
  const reason = selfEnrolRefusal(cohort, person, now);
  if (reason) return { kind: "refused", reason };
  const full = seats.seatsTaken >= seats.capacity;
  if (cohort.mode === "approval") return { kind: "apply", full };
  return full ? { kind: "waitlist", place: seats.waitlisted + 1 } : { kind: "enrol" };
}

/** How long a person can take back their own withdrawal ("Ångra") on the cohort's page. */
export const UNDO_WITHDRAWAL_MINUTES = 10;

/**
 * Who decides on an application, as the sentence the applicant reads (page,
 * confirmation, e-mail): the cohort's Utvecklingsledare, or the district's
 * admins when it has none (they decide for every cohort).
 */
export function reviewedBy(facilitatorNames: string[]): string {
  if (facilitatorNames.length === 0) return "Omgången har ingen utvecklingsledare än, så distriktets administratörer går igenom din ansökan.";
  if (facilitatorNames.length === 1) return `Utvecklingsledaren ${facilitatorNames[0]} går igenom din ansökan.`;
  return `Omgångens utvecklingsledare ${formatList(facilitatorNames)} går igenom din ansökan.`;
}

export function parsePositions(csv: string): string[] {
  return csv
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}
