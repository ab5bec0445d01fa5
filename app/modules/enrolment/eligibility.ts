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

/** Whether the person may enrol themselves now: eligible, in the window, and not invitation only. */
export function selfEnrolRefusal(cohort: CohortRules, person: Applicant, now: Date): string | null {
  if (cohort.mode === "invitation") return "Den här omgången är endast för inbjudna.";
  const reason = notEligibleReason(cohort, person);
  if (reason) return `Du kan inte anmäla dig: ${reason}.`;
  if (now < cohort.enrolmentOpensAt) return "Anmälan har inte öppnat än.";
  if (now > cohort.enrolmentClosesAt) return "Anmälan har stängt.";
  return null;
}

export function parsePositions(csv: string): string[] {
  return csv
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}
