import { db, transaction, type Tx } from "~/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { may, type Actor } from "~/modules/auth/permissions";
import { ACTIVE_STATUSES, releaseSeatAndPromote } from "~/modules/enrolment/enrolment.server";
import { cancelSessionIn } from "~/modules/sessions/sessions.server";
import { formError, ok, type ActionResult } from "~/utils/action-result";
import { crisisContactsNamed } from "./contacts.server";

export const ERASED_NAME = "Raderad person";
export const erasedEmail = (id: string) => `raderad-${id}@invalid`;
const ERASED_TEXT = "[Raderat]";

/** Counts only: this is what the audit event keeps, so it must never hold a name, an address or a text. */
export interface ErasureSummary {
  sessionsCancelled: number;
  sessionsLeft: number;
  enrolmentsWithdrawn: number;
  emailsDeleted: number;
  emailsScrubbed: number;
  auditEventsScrubbed: number;
  crisisContactsRemoved: number;
  crisisItemsUnassigned: number;
}

/** What erasing will do, for the confirmation step. */
export async function erasurePreview(personId: string, now = new Date()) {
  const [sessionsLed, sessionsInvited, enrolments] = await Promise.all([
    db.handledningSession.findMany({
      where: { facilitatorId: personId, status: "scheduled", startsAt: { gt: now } },
      select: { id: true, title: true, startsAt: true, _count: { select: { attendances: { where: { status: { not: "removed" } } } } } },
      orderBy: { startsAt: "asc" },
    }),
    db.attendance.count({ where: { personId, status: { not: "removed" }, session: { status: "scheduled", startsAt: { gt: now } } } }),
    db.enrolment.count({ where: withdrawable(personId, now) }),
  ]);
  return {
    sessionsLed: sessionsLed.map((s) => ({ id: s.id, title: s.title, startsAt: s.startsAt, participants: s._count.attendances })),
    sessionsInvited,
    enrolments,
  };
}

/** Applications, waitlist places and seats in cohorts that have not ended: given up on erasure. */
function withdrawable(personId: string, now: Date) {
  return {
    personId,
    OR: [{ status: { in: ["pending", "waitlisted"] } }, { status: "enrolled", cohort: { endsOn: { gt: now } } }],
  };
}

/**
 * Erases a person's personal data in one transaction (GDPR art. 17).
 *
 * The Person row stays, anonymised, with its branch and position, and so do
 * the facts the goals count (completions, lesson progress, attendance, ended
 * enrolments): indicator values are the same before and after. Free text the
 * person wrote, their login and contact data, and their roles go. Future
 * handledning they lead is cancelled through the ordinary cancellation (the
 * participants get a CANCEL); there is no hand-over of a session to another
 * Utvecklingsledare to wait for. See docs/decisions/004-erasure.md.
 */
export async function erasePerson(actor: Actor, personId: string, now = new Date()): Promise<ActionResult<ErasureSummary>> {
  if (!may(actor, "person:erase")) return formError("Bara distriktsadmin kan radera personuppgifter.");
  if (actor.id === personId) return formError("Du kan inte radera dina egna uppgifter. Be en annan distriktsadmin.");
  const person = await db.person.findUnique({ where: { id: personId } });
  if (!person) return formError("Personen finns inte.");
  if (person.erasedAt) return formError("Personens uppgifter är redan raderade.");

  const summary = await transaction(
    async (tx) => {
      const counts: ErasureSummary = {
        sessionsCancelled: 0,
        sessionsLeft: 0,
        enrolmentsWithdrawn: 0,
        emailsDeleted: 0,
        emailsScrubbed: 0,
        auditEventsScrubbed: 0,
        crisisContactsRemoved: 0,
        crisisItemsUnassigned: 0,
      };
      const scrub = scrubber(person.name, person.email, erasedEmail(person.id));

      // Mail first: the cancellations queued below must keep the organizer the participants' calendars know.
      // Unsent mail to them is deleted; sent (or in-flight) mail keeps only that it was sent.
      const addressed = { OR: [{ personId }, { toEmail: person.email }] };
      counts.emailsDeleted = (await tx.outboxMessage.deleteMany({ where: { ...addressed, status: { in: ["pending", "failed"] } } })).count;
      const scrubbedIds = new Set((await tx.outboxMessage.findMany({ where: addressed, select: { id: true } })).map((m) => m.id));
      await tx.outboxMessage.updateMany({
        where: { id: { in: [...scrubbedIds] } },
        data: { toEmail: erasedEmail(person.id), text: ERASED_TEXT, icsContent: null, lastError: null },
      });
      // Mail to others that names them (an invite listing attendees, say): the name and address are replaced.
      const mentioning = await tx.outboxMessage.findMany({
        where: { OR: mentions(person).flatMap((m) => [{ text: { contains: m } }, { subject: { contains: m } }, { icsContent: { contains: m } }]) },
      });
      for (const m of mentioning) {
        await tx.outboxMessage.update({
          where: { id: m.id },
          data: { text: scrub(m.text), subject: scrub(m.subject), icsContent: m.icsContent === null ? null : scrub(m.icsContent) },
        });
        scrubbedIds.add(m.id);
      }
      // Others' mail whose replies went to them: replies now have nowhere to go (no one reads an erased address).
      for (const m of await tx.outboxMessage.findMany({ where: { replyToEmail: person.email }, select: { id: true } })) scrubbedIds.add(m.id);
      await tx.outboxMessage.updateMany({ where: { replyToEmail: person.email }, data: { replyToName: null, replyToEmail: null } });
      counts.emailsScrubbed = scrubbedIds.size;

      const events = await tx.auditEvent.findMany({ where: { OR: [...mentions(person).map((m) => ({ detail: { contains: m } }))] } });
      for (const e of events) {
        const detail = scrubJson(e.detail, scrub);
        if (detail !== e.detail) {
          await tx.auditEvent.update({ where: { id: e.id }, data: { detail } });
          counts.auditEventsScrubbed++;
        }
      }

      // Handledning they lead: cancelled, participants told. Handledning they were invited to: they leave it.
      const led = await tx.handledningSession.findMany({
        where: { facilitatorId: personId, status: "scheduled", startsAt: { gt: now } },
        select: { id: true },
      });
      for (const s of led) await cancelSessionIn(tx, actor.id, s.id);
      counts.sessionsCancelled = led.length;
      counts.sessionsLeft = (
        await tx.attendance.updateMany({
          where: { personId, status: { not: "removed" }, session: { status: "scheduled", startsAt: { gt: now } } },
          data: { status: "removed" },
        })
      ).count;

      counts.enrolmentsWithdrawn = await withdrawAll(tx, actor.id, personId, now);
      await tx.enrolment.updateMany({ where: { personId }, data: { reason: null } });

      // Free text the person wrote, and feedback on it: gone. Whether it was done stays.
      await tx.reflection.updateMany({ where: { personId }, data: { text: "", shared: false } });
      await tx.quizAttempt.updateMany({ where: { personId }, data: { answers: "{}" } });
      await tx.assignmentSubmission.updateMany({ where: { personId }, data: { text: "", comment: null } });
      // A certificate that names nobody proves nothing: its public code goes.
      await tx.completion.updateMany({ where: { personId }, data: { certificateCode: null } });

      const contacts = await crisisContactsNamed(tx, person);
      counts.crisisContactsRemoved = (await tx.crisisContact.deleteMany({ where: { id: { in: contacts.map((c) => c.id) } } })).count;
      counts.crisisItemsUnassigned = (await tx.crisisPlanItem.updateMany({ where: { ownerId: personId }, data: { ownerId: null } })).count;

      // Logins, links, roles: the anonymised row can do nothing.
      await tx.password.deleteMany({ where: { personId } });
      await tx.authSession.deleteMany({ where: { personId } });
      await tx.accountToken.deleteMany({ where: { personId } });
      await tx.calendarFeed.deleteMany({ where: { personId } });
      await tx.calendarReply.deleteMany({ where: { OR: [{ personId }, { fromAddress: person.email.toLowerCase() }] } });
      await tx.branchRole.deleteMany({ where: { personId } });
      await tx.weeklyDigest.deleteMany({ where: { facilitatorId: personId } });
      await tx.branchSupport.deleteMany({ where: { facilitatorId: personId } });
      await tx.cohortFacilitator.deleteMany({ where: { personId } });
      await tx.loginAttempt.deleteMany({ where: { email: person.email } });
      await tx.rateLimitHit.deleteMany({ where: { key: { endsWith: `:${person.email}` } } });

      // What names the person only by id stays and points at the anonymised row: crisis reviews and
      // offers, indicator entries, the manuals they uploaded to Verktygen (the district's, not theirs).
      await tx.person.update({
        where: { id: personId },
        data: {
          name: ERASED_NAME,
          email: erasedEmail(person.id),
          isParticipant: false,
          isFacilitator: false,
          isAdmin: false,
          isCourseEditor: false,
          active: false,
          lastLoginAt: null,
          erasedAt: now,
          // Someone deactivated before was already out of the goals' numbers; keep it that way.
          countsInGoals: person.active,
        },
      });
      await recordAudit({ actorId: actor.id, action: "person.erased", subjectType: "person", subjectId: personId, detail: { ...counts } }, tx);
      return counts;
    },
    { timeout: 60_000 },
  );
  return ok(summary);
}

async function withdrawAll(tx: Tx, actorId: string, personId: string, now: Date) {
  const rows = await tx.enrolment.findMany({ where: withdrawable(personId, now), include: { cohort: { select: { id: true, name: true } } } });
  for (const e of rows) {
    const { count } = await tx.enrolment.updateMany({
      where: { id: e.id, status: { in: [...ACTIVE_STATUSES] } },
      data: { status: "withdrawn", waitlistedAt: null, decidedById: actorId },
    });
    if (count === 1 && e.status === "enrolled") await releaseSeatAndPromote(tx, e.cohort, actorId);
    await recordAudit({ actorId, action: "enrolment.withdrawn", subjectType: "enrolment", subjectId: e.id, detail: { by: "erasure" } }, tx);
  }
  return rows.length;
}

/** The strings that identify the person in free text: the name (when long enough to be specific) and the address. */
function mentions(person: { name: string; email: string }): string[] {
  return [person.email, ...(person.name.trim().length >= 4 ? [person.name.trim()] : [])];
}

function escapeRegExp(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Replaces the person's name and e-mail in a text; the name only as a whole word, so "Anna Berg" leaves "Anna Bergström" alone. */
export function scrubber(name: string, email: string, replacementEmail: string) {
  const emailPattern = new RegExp(escapeRegExp(email), "gi");
  const namePattern = name.trim().length >= 4 ? new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(name.trim())}(?![\\p{L}\\p{N}])`, "giu") : null;
  return (text: string) => {
    const withoutEmail = text.replace(emailPattern, replacementEmail);
    return namePattern ? withoutEmail.replace(namePattern, ERASED_NAME) : withoutEmail;
  };
}

/** Scrubs every string inside a JSON document (an audit detail), keeping its shape. */
export function scrubJson(json: string, scrub: (text: string) => string): string {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return scrub(json);
  }
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return scrub(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  const scrubbed = JSON.stringify(walk(value));
  return scrubbed === JSON.stringify(value) ? json : scrubbed;
}
