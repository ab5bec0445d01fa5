import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { config } from "~/config.server";
import { db } from "~/db.server";
import type { OutboxKind } from "./kinds";

/*
 * The e-mails a person may turn off, each on Mitt konto and by a link in the
 * e-mail itself that needs no login (RFC 8058 one-click, List-Unsubscribe).
 * Everything else (invitations, changes, cancellations, password links,
 * enrolment decisions) is what a person must get and has no switch.
 */
export const EMAIL_CHOICES = {
  "session-reminders": {
    kind: "session-reminder",
    label: "Påminnelser före handledning",
    on: "Du får ett e-brev före varje handledning du är inbjuden till och inte har tackat nej till.",
    off: "Du får inga påminnelser före handledning.",
    stopped: "Du får inte längre påminnelser före handledning.",
    facilitatorsOnly: false,
  },
  "learner-nudges": {
    kind: "learner-nudge",
    label: "Påminnelser när du inte har kommit vidare i en kurs",
    on: "Har du inte kommit vidare i din omgång på en tid får du ett kort e-brev med en länk dit du slutade.",
    off: "Du får inga påminnelser om dina kurser.",
    stopped: "Du får inte längre påminnelser om dina kurser.",
    facilitatorsOnly: false,
  },
  "weekly-digests": {
    kind: "weekly-digest",
    label: "Veckobrev om dina omgångar",
    on: "Varje vecka får du en sammanfattning av dina omgångar: vem som ligger efter, vad som väntar på granskning och veckans handledning. Inget brev när inget har hänt.",
    off: "Du får inget veckobrev.",
    stopped: "Du får inte längre veckobrevet.",
    facilitatorsOnly: true,
  },
} as const satisfies Record<string, { kind: OutboxKind; label: string; on: string; off: string; stopped: string; facilitatorsOnly: boolean }>;

export type EmailChoice = keyof typeof EMAIL_CHOICES;
export const emailChoice = z.enum(Object.keys(EMAIL_CHOICES) as [EmailChoice, ...EmailChoice[]]);

/** The Person column that holds each choice. */
const COLUMN = { "session-reminders": "sessionReminders", "learner-nudges": "learnerNudges", "weekly-digests": "weeklyDigests" } as const satisfies Record<
  EmailChoice,
  string
>;

/** The choice that governs an outbox kind, or null for mail a person always gets. */
export function choiceOfKind(kind: string): EmailChoice | null {
  for (const [choice, spec] of Object.entries(EMAIL_CHOICES)) if (spec.kind === kind) return choice as EmailChoice;
  return null;
}

function signature(choice: EmailChoice, personId: string): string {
  return createHmac("sha256", config.SESSION_SECRET).update(`${choice}:${personId}`).digest("base64url");
}

/** The person and choice signed with the server's secret, so no login is needed and nobody can change someone else's. */
export function unsubscribeToken(personId: string, choice: EmailChoice): string {
  return `${choice}.${personId}.${signature(choice, personId)}`;
}

/** The stop link in the e-mail's text and the address a mail client's one-click unsubscribe posts to. */
export function unsubscribeUrl(personId: string, choice: EmailChoice): string {
  return new URL(`/e-post/${unsubscribeToken(personId, choice)}`, config.PUBLIC_URL).toString();
}

function same(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The person and choice a token was made for, or null for one that is not
 * ours. Reminder e-mails sent before there were several choices carry
 * "<person>.<mac>", signed the same way, and keep working.
 */
export function readUnsubscribeToken(token: string): { personId: string; choice: EmailChoice } | null {
  const parts = token.split(".");
  if (parts.length === 2) {
    const [personId, mac] = parts as [string, string];
    return personId && same(mac, signature("session-reminders", personId)) ? { personId, choice: "session-reminders" } : null;
  }
  if (parts.length !== 3) return null;
  const [choiceText, personId, mac] = parts as [string, string, string];
  const choice = emailChoice.safeParse(choiceText);
  if (!choice.success || !personId || !same(mac, signature(choice.data, personId))) return null;
  return { personId, choice: choice.data };
}

/** Turns one kind of e-mail on or off for the person (Mitt konto, or off by the e-mail's link). */
export async function setEmailChoice(personId: string, choice: EmailChoice, on: boolean) {
  await db.person.updateMany({ where: { id: personId }, data: { [COLUMN[choice]]: on } });
}

/** Each choice the person has, on or off; the weekly digest only for facilitators. */
export async function emailChoicesOf(personId: string): Promise<{ choice: EmailChoice; label: string; on: boolean; text: string }[]> {
  const person = await db.person.findUniqueOrThrow({
    where: { id: personId },
    select: { isFacilitator: true, sessionReminders: true, learnerNudges: true, weeklyDigests: true },
  });
  return (Object.keys(EMAIL_CHOICES) as EmailChoice[])
    .filter((choice) => person.isFacilitator || !EMAIL_CHOICES[choice].facilitatorsOnly)
    .map((choice) => {
      const on = person[COLUMN[choice]];
      return { choice, label: EMAIL_CHOICES[choice].label, on, text: on ? EMAIL_CHOICES[choice].on : EMAIL_CHOICES[choice].off };
    });
}

/** The footer every optional e-mail ends with: why it came, and how to stop it. */
export function stopFooter(personId: string, choice: EmailChoice): string {
  return `Vill du inte få de här breven? Stäng av dem på Mitt konto eller här: ${unsubscribeUrl(personId, choice)}`;
}
