import { labelRegistry } from "~/utils/labels";

/**
 * Every kind of e-mail the outbox holds, with the Swedish name the Utkorg
 * shows for it. queueEmail takes only these kinds, so a new message is a type
 * error until it has its name here.
 */
export const OUTBOX_KINDS = {
  invite: "Inbjudan",
  "password-reset": "Nytt lösenord",
  "assignment-approved": "Inlämning godkänd",
  "assignment-returned": "Inlämning att komplettera",
  "session-invite": "Inbjudan till handledning",
  "session-update": "Ändrad handledning",
  "session-cancel": "Inställd handledning",
  "session-reminder": "Påminnelse om handledning",
  "enrolment-pending": "Ansökan mottagen",
  "enrolment-confirmed": "Antagen till omgång",
  "enrolment-waitlisted": "På väntelista",
  "enrolment-promoted": "Plats från väntelistan",
  "enrolment-approved": "Ansökan godkänd",
  "enrolment-declined": "Ansökan avböjd",
  "enrolment-removed": "Avanmäld från omgång",
  "learner-nudge": "Påminnelse om kursen",
  "weekly-digest": "Veckobrev till utvecklingsledare",
  "program-completed": "Grattis till genomfört program",
} as const satisfies Record<string, string>;

export type OutboxKind = keyof typeof OUTBOX_KINDS;

/** The Utkorg's name for a message's kind; a kind no longer sent (an old row) is just "E-post", never its internal key. */
const registry = labelRegistry(OUTBOX_KINDS, () => "E-post");
export const isOutboxKind = registry.has;
export const outboxKindLabel = registry.label;
