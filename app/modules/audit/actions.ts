import { labelRegistry } from "~/utils/labels";

/**
 * Every action the audit log records, each with the one Swedish label the app
 * shows for it: on the audit log and in its CSV, in a person's history and in
 * a crisis plan's history. recordAudit and recordAccess take only these keys,
 * so a new action is a type error until it has its label here.
 *
 * Labels about a person read as what happened to them (the person page lists
 * them under the person's name); crisis-plan labels read as what someone did
 * (the plan's history puts the name first: "Per Sandberg, Ändrade punkt").
 */
export const AUDIT_ACTIONS = {
  "auth.login": "Loggade in",
  "auth.logout-everywhere": "Loggade ut på alla enheter",
  "auth.invite-redeemed": "Valde lösenord via inbjudan",
  "auth.reset-redeemed": "Bytte lösenord via länk",

  "person.invited": "Lades till och bjöds in",
  "person.imported": "Importerades från CSV och bjöds in",
  "people.imported": "Personer importerades från CSV",
  "person.updated": "Uppgifterna ändrades",
  "person.deactivated": "Inaktiverades",
  "person.reactivated": "Aktiverades igen",
  "person.invite-resent": "Ny inbjudan skickades",
  "person.support-changed": "Stödda arbetarekommuner ändrades",
  "person.krisansvarig-on": "Blev krisansvarig",
  "person.krisansvarig-off": "Slutade som krisansvarig",
  "person.made-admin-from-cli": "Blev distriktsadmin från kommandoraden",
  "person.erased": "Personuppgifter raderade",

  "person.viewed": "Personsidan visades",
  "submission.viewed": "Inlämning visades",
  "reflection.viewed": "Delad reflektion visades",
  "roster.viewed": "Deltagarlistan visades",
  "cohort.progress-exported": "Deltagarnas framsteg exporterades (CSV)",
  "branch.progress-exported": "Framsteg för arbetarekommunens personer exporterades (CSV)",
  "goals.drilldown.viewed": "Personer bakom indikator visades",

  "assignment.approved": "Inlämning godkändes",
  "assignment.returned": "Inlämning skickades tillbaka för komplettering",

  "branch.created": "Arbetarekommun lades till",
  "branch.renamed": "Arbetarekommun bytte namn",

  "cohort.created": "Omgång skapades",
  "enrolment.pending": "Ansökan till omgång togs emot",
  "enrolment.enrolled": "Antogs till omgång",
  "enrolment.waitlisted": "Sattes på väntelista",
  "enrolment.promoted": "Fick plats från väntelistan",
  "enrolment.approved": "Ansökan godkändes",
  "enrolment.declined": "Ansökan avböjdes",
  "enrolment.withdrawn": "Avanmäldes från omgång",
  "enrolment.withdrawal-undone": "Ångrade sin avanmälan från omgång",

  "session.scheduled": "Handledning bokades",
  "session.moved": "Handledning flyttades",
  "session.cancelled": "Handledning ställdes in",
  "session.attendee-removed": "Deltagare togs bort från handledning",
  "session.attendance": "Närvaro registrerades",
  "session.booked": "Ledig handledningstid bokades",
  "session.counter-declined": "Föreslagen ny tid avböjdes, tiden ligger kvar",
  "calendar-reply.handled": "Kalendersvar som lagts åt sidan markerades som hanterat",

  "crisis.item-updated": "Ändrade punkt",
  "crisis.item-added": "Lade till punkt",
  "crisis.reviewed": "Markerade planen som granskad",
  "crisis.contact-added": "Lade till kontakt",
  "crisis.contact-removed": "Tog bort kontakt",
  "crisis.offer-accepted": "Tog in ny punkt från mallen",
  "crisis.offer-declined": "Avböjde ny punkt från mallen",
  "crisis.template-published": "Publicerade ny version av mallen",

  "indicator.updated": "Indikator ändrades",
  "indicator.entry-added": "Mätvärde lades till",
  "goals.snapshot-taken": "Ögonblicksbild av målen togs",
  "goals.exported": "Mål exporterades (CSV)",
  "goals.report.exported": "Uppföljningsrapport exporterades (PDF)",
  "audit.exported": "Granskningsloggen exporterades (CSV)",

  "manual.uploaded": "Manual laddades upp",
  "manual.replaced": "Manualens fil byttes ut",
  "manual.updated": "Manualens uppgifter ändrades",
  "manual.deleted": "Manual togs bort",
  "course.draft-edited": "Kursutkast ändrades",
  "course.published": "Kursversion publicerades",
  "course.draft-discarded": "Kursutkast slängdes",
} as const satisfies Record<string, string>;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

/** The label of a recorded action. A row whose key is no longer registered (an action since renamed) shows its key. */
const registry = labelRegistry(AUDIT_ACTIONS, (action) => action);
export const isAuditAction = registry.has;
export const auditLabel = registry.label;
