import { randomUUID } from "node:crypto";
import { db, transaction, type Tx } from "~/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { may, type Actor } from "~/modules/auth/permissions";
import { cohortsRunBy, learnersSupportedBy } from "~/modules/auth/scopes";
import { cancelIcs, inviteIcs, type CalendarAttendee, type CalendarSession } from "~/modules/calendar/ics.server";
import { calendarOrganizer } from "~/modules/calendar/reply-mailbox-address.server";
import { queueEmail } from "~/modules/mail/outbox.server";
import { countAttendedSessions, refreshProgramCompletion } from "~/modules/progress/course-progress.server";
import { fieldError, formError, ok, type ActionResult } from "~/utils/action-result";
import { forbidden, notFound } from "~/utils/http.server";
import { stockholmToUtc, swedishDateTime } from "~/utils/time";
import type { ScheduleInput } from "./session-schema";
import { formatCount, formatNumber } from "~/utils/format";

type Done = ActionResult<{ id: string }>;

const WEEK = 7 * 24 * 60 * 60 * 1000;

const sessionInclude = {
  facilitator: { select: { id: true, name: true, email: true } },
  attendances: { include: { person: { select: { id: true, name: true, email: true } } } },
  cohort: { select: { id: true, name: true, facilitators: { select: { personId: true } } } },
} as const;

async function loadSession(client: Tx, id: string | undefined) {
  const session = id ? await client.handledningSession.findUnique({ where: { id }, include: sessionInclude }) : null;
  if (!session) throw notFound("Handledningstillfället finns inte.");
  return session;
}

type LoadedSession = Awaited<ReturnType<typeof loadSession>>;

function asCalendar(s: LoadedSession): CalendarSession {
  return { ...s, facilitator: { name: s.facilitator.name, email: s.facilitator.email }, organizer: calendarOrganizer(s.facilitator) };
}

/**
 * Of these people, those whose handledning e-mails carry the calendar part:
 * not someone who subscribes to the feed (their calendar would show every
 * session twice), unless they chose both on Mitt konto. One query, read only
 * where e-mails are written, not on every load of a session.
 */
async function calendarByEmail(tx: Tx, personIds: string[]): Promise<Set<string>> {
  const people = await tx.person.findMany({
    where: { id: { in: personIds }, OR: [{ calendarFeed: null }, { invitesWithFeed: true }] },
    select: { id: true },
  });
  return new Set(people.map((person) => person.id));
}

/** The organizer or an admin may change a session; nobody else. */
export function mayEditSession(actor: Actor, session: { facilitatorId: string }) {
  return may(actor, "session:manage", { organizerId: session.facilitatorId });
}

/** Organizer, admin, or someone invited: others get 403. */
export function mayViewSession(actor: Actor, session: LoadedSession) {
  return (
    mayEditSession(actor, session) ||
    session.attendances.some((a) => a.personId === actor.id && a.status !== "removed") ||
    (session.isOpenSlot && session.status === "scheduled")
  );
}

export async function getSessionFor(actor: Actor, id: string | undefined) {
  const session = await loadSession(db, id);
  if (!mayViewSession(actor, session)) throw forbidden("Du är inte inbjuden till det här tillfället.");
  return session;
}

const SUBJECTS = {
  invite: (title: string, when: string) => `Inbjudan: ${title}, ${when}`,
  update: (title: string, when: string) => `Ändrad tid: ${title}, ${when}`,
  cancel: (title: string, when: string) => `Inställt: ${title}, ${when}`,
};

/**
 * Everyone who holds the invitation gets each update and the cancellation:
 * someone who answered "Kan inte" may still have the event in their calendar
 * (Gmail adds invitations by itself), so they are not left out. Each message
 * names the organizer and its own recipient only: who else is invited is
 * hidden on the session page, and an invite must not give it away.
 * A reply to the e-mail goes to the facilitator; the calendar's own answer
 * goes to the ORGANIZER (the reply mailbox, when there is one).
 */
async function sendToAttendees(tx: Tx, session: LoadedSession, kind: "invite" | "update" | "cancel", only?: string[]) {
  const calendar = asCalendar(session);
  const recipients = session.attendances.filter((x) => x.status !== "removed" && (!only || only.includes(x.personId)));
  // With the reply mailbox as ORGANIZER, the facilitator is no longer the calendar's owner of the event: they get their own copy.
  const facilitatorCopy = calendar.organizer !== undefined && !only;
  // Subscribed to the feed, a person's calendar has the session already: the e-mail tells them, without a second copy to add.
  const byEmail = await calendarByEmail(tx, [...recipients.map((a) => a.personId), ...(facilitatorCopy ? [session.facilitatorId] : [])]);
  const when = swedishDateTime(session.startsAt);
  const method = kind === "cancel" ? "CANCEL" : "REQUEST";
  const replyTo = { name: session.facilitator.name, address: session.facilitator.email };
  const details = [
    session.location ? `Plats: ${session.location}` : "",
    session.videoUrl ? `Videolänk: ${session.videoUrl}` : "",
    session.agenda ? `\nAgenda:\n${session.agenda}` : "",
  ];
  /** One person's message: the calendar part names them alone, and comes only when they get invitations by e-mail. */
  const queueCopy = (
    to: { personId: string; name: string; email: string },
    attendee: CalendarAttendee,
    lead: string,
    extra: string[],
    replyTo?: { name: string; address: string },
  ) => {
    const withCalendar = byEmail.has(to.personId);
    const ics = kind === "cancel" ? cancelIcs(calendar, [attendee]) : inviteIcs(calendar, [attendee]);
    return queueEmail(
      {
        to: to.email,
        personId: to.personId,
        kind: `session-${kind}`,
        subject: SUBJECTS[kind](session.title, when),
        replyTo,
        text: [
          `Hej ${to.name}!`,
          "",
          lead,
          ...details,
          "",
          ...extra,
          withCalendar ? "Kalenderinbjudan finns bifogad." : "Tillfället syns i din kalender genom prenumerationen från Ledarlyftet.",
        ]
          .filter((l) => l !== "")
          .join("\n"),
        calendar: withCalendar ? { ics, method } : undefined,
      },
      tx,
    );
  };
  for (const a of recipients) {
    await queueCopy(
      { personId: a.personId, name: a.person.name, email: a.person.email },
      { name: a.person.name, email: a.person.email, status: a.status },
      kind === "cancel"
        ? `Handledningen "${session.title}" ${when} är inställd.`
        : `${kind === "update" ? "Ny tid för" : "Du är inbjuden till"} handledningen "${session.title}" ${when} med ${session.facilitator.name}.`,
      [],
      replyTo,
    );
  }
  if (facilitatorCopy) {
    const { facilitator } = session;
    await queueCopy(
      { personId: session.facilitatorId, name: facilitator.name, email: facilitator.email },
      { name: facilitator.name, email: facilitator.email, status: "accepted", chair: true },
      kind === "cancel"
        ? `Handledningen "${session.title}" ${when}, som du leder, är inställd.`
        : `${kind === "update" ? "Ändrat: handledningen" : "Du leder handledningen"} "${session.title}" ${when}.`,
      ["Deltagarnas svar kommer till Ledarlyftet och syns på tillfällets sida."],
    );
  }
}

async function overlapping(client: Tx, facilitatorId: string, startsAt: Date, endsAt: Date, exceptId?: string) {
  return client.handledningSession.findFirst({
    where: { facilitatorId, status: "scheduled", startsAt: { lt: endsAt }, endsAt: { gt: startsAt }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { startsAt: true, title: true },
  });
}

/**
 * Schedules one session or a series (every N weeks, M times). Each occurrence
 * is its own session at the same Swedish wall-clock time, so 18:00 stays
 * 18:00 after a summer-time change. Invites go out in the same transaction.
 */
export async function scheduleSessions(actor: Actor, input: ScheduleInput, now = new Date()): Promise<ActionResult<{ ids: string[]; openSlot: boolean }>> {
  if (!may(actor, "sessions:schedule")) throw forbidden();
  const first = stockholmToUtc(input.date, `${input.startTime}:00`);
  if (first <= now) return fieldError("date", "Tillfället måste ligga i framtiden.");
  const times = Array.from({ length: input.repeatWeeks > 0 ? input.occurrences : 1 }, (_, i) => {
    const day = new Date(Date.parse(`${input.date}T12:00:00Z`) + i * input.repeatWeeks * WEEK).toISOString().slice(0, 10);
    return { startsAt: stockholmToUtc(day, `${input.startTime}:00`), endsAt: stockholmToUtc(day, `${input.endTime}:00`) };
  });

  let participantIds = [...new Set(input.participantIds)];
  let cohortId: string | null = null;
  if (input.cohortId) {
    const cohort = await db.cohort.findUnique({
      where: { id: input.cohortId },
      include: { facilitators: true, enrolments: { where: { status: "enrolled" } } },
    });
    if (!cohort) return fieldError("cohortId", "Välj en omgång i listan.");
    if (!may(actor, "cohort:schedule-sessions", { facilitatorIds: cohort.facilitators.map((f) => f.personId) })) {
      return fieldError("cohortId", "Du kan bara boka handledning för omgångar du leder.");
    }
    cohortId = cohort.id;
    participantIds = [...new Set([...participantIds, ...cohort.enrolments.map((e) => e.personId)])];
  }
  const openSlot = input.openSlot === "on" && input.kind === "one-to-one";
  if (input.kind === "one-to-one" && !openSlot && participantIds.length !== 1) {
    return fieldError("participantIds", "Välj en deltagare för enskild handledning, eller publicera tiden som bokningsbar.");
  }
  const known = await db.person.count({ where: { id: { in: participantIds }, active: true } });
  if (known !== participantIds.length) return fieldError("participantIds", "Välj bland aktiva personer.");
  const capacity = input.kind === "group" && input.capacity !== "" ? input.capacity : null;
  if (capacity !== null && participantIds.length > capacity) {
    return fieldError("capacity", `Gruppen har ${formatNumber(participantIds.length)} deltagare men bara ${formatCount(capacity, "plats", "platser")}.`);
  }

  const seriesId = times.length > 1 ? randomUUID() : null;
  const result = await transaction(async (tx): Promise<ActionResult<{ ids: string[]; openSlot: boolean }>> => {
    for (const t of times) {
      const clash = await overlapping(tx, actor.id, t.startsAt, t.endsAt);
      if (clash) return fieldError("date", `Du har redan "${clash.title}" ${swedishDateTime(clash.startsAt)}.`);
    }
    const ids: string[] = [];
    for (const t of times) {
      const created = await tx.handledningSession.create({
        data: {
          uid: `${randomUUID()}@ledarlyftet.se`,
          facilitatorId: actor.id,
          cohortId,
          kind: input.kind,
          title: input.title,
          agenda: input.agenda,
          location: input.location,
          videoUrl: input.videoUrl || null,
          startsAt: t.startsAt,
          endsAt: t.endsAt,
          capacity,
          isOpenSlot: openSlot,
          seriesId,
          attendances: { create: participantIds.map((personId) => ({ personId })) },
        },
      });
      ids.push(created.id);
      await sendToAttendees(tx, await loadSession(tx, created.id), "invite");
    }
    await recordAudit(
      { actorId: actor.id, action: "session.scheduled", subjectType: "session", subjectId: ids[0]!, detail: { count: ids.length, seriesId } },
      tx,
    );
    return ok({ ids, openSlot });
  });
  return result;
}

/**
 * Once a session has begun it is history, not a plan: moving it, cancelling
 * it or taking someone off it would send calendars a change to something that
 * already happened (and cancel what attendance may count). What is left is
 * recording attendance. The page hides these forms from then on; the actions
 * refuse them.
 */
const STARTED = {
  move: "Tillfället har redan börjat och kan inte flyttas. Boka ett nytt tillfälle i stället.",
  cancel: "Tillfället har redan börjat och kan inte ställas in. Registrera närvaro eller frånvaro i stället.",
  remove: "Tillfället har redan börjat. Registrera frånvaro i stället för att ta bort personen.",
};

async function editable(actor: Actor, id: string) {
  const session = await loadSession(db, id);
  if (!mayEditSession(actor, session)) throw forbidden("Bara den som leder tillfället kan ändra det.");
  return session;
}

/** Moves one session (one occurrence of a series alone); the update goes out with a higher SEQUENCE. */
export async function moveSession(actor: Actor, id: string, input: { date: string; startTime: string; endTime: string }, now = new Date()): Promise<Done> {
  const session = await editable(actor, id);
  if (session.status === "cancelled") return fieldError("date", "Tillfället är inställt.");
  if (session.startsAt <= now) return formError(STARTED.move);
  const startsAt = stockholmToUtc(input.date, `${input.startTime}:00`);
  const endsAt = stockholmToUtc(input.date, `${input.endTime}:00`);
  if (startsAt <= now) return fieldError("date", "Tillfället måste ligga i framtiden.");
  return transaction(async (tx) => {
    const clash = await overlapping(tx, session.facilitatorId, startsAt, endsAt, session.id);
    if (clash) return fieldError("date", `Krockar med "${clash.title}" ${swedishDateTime(clash.startsAt)}.`);
    await tx.handledningSession.update({ where: { id }, data: { startsAt, endsAt, sequence: { increment: 1 } } });
    await sendToAttendees(tx, await loadSession(tx, id), "update");
    await recordAudit(
      {
        actorId: actor.id,
        action: "session.moved",
        subjectType: "session",
        subjectId: id,
        detail: { before: { startsAt: session.startsAt, endsAt: session.endsAt }, after: { startsAt, endsAt } },
      },
      tx,
    );
    return ok({ id });
  });
}

/** Cancels one session: METHOD:CANCEL with the same UID and a higher SEQUENCE to everyone invited. */
export async function cancelSession(actor: Actor, id: string, now = new Date()): Promise<Done> {
  const session = await editable(actor, id);
  if (session.status === "cancelled") return formError("Tillfället är redan inställt.");
  if (session.startsAt <= now) return formError(STARTED.cancel);
  await transaction((tx) => cancelSessionIn(tx, actor.id, id));
  return ok({ id });
}

/** The cancellation itself, inside the caller's transaction (also used when an organizer's data is erased). */
export async function cancelSessionIn(tx: Tx, actorId: string, id: string) {
  await tx.handledningSession.update({ where: { id }, data: { status: "cancelled", isOpenSlot: false, sequence: { increment: 1 } } });
  await sendToAttendees(tx, await loadSession(tx, id), "cancel");
  await recordAudit({ actorId, action: "session.cancelled", subjectType: "session", subjectId: id }, tx);
}

/** Takes one person off a session: they get a CANCEL, the others keep their invitation. */
export async function removeAttendee(actor: Actor, id: string, personId: string, now = new Date()): Promise<Done> {
  const session = await editable(actor, id);
  if (session.startsAt <= now) return formError(STARTED.remove);
  await transaction(async (tx) => {
    const { count } = await tx.attendance.updateMany({ where: { sessionId: id, personId, status: { not: "removed" } }, data: { status: "removed" } });
    if (count !== 1) return;
    await tx.handledningSession.update({ where: { id }, data: { sequence: { increment: 1 } } });
    const updated = await loadSession(tx, id);
    const removed = updated.attendances.find((a) => a.personId === personId)!;
    await queueEmail(
      {
        to: removed.person.email,
        personId,
        kind: "session-cancel",
        subject: `Inställt för dig: ${updated.title}, ${swedishDateTime(updated.startsAt)}`,
        replyTo: { name: updated.facilitator.name, address: updated.facilitator.email },
        text: `Hej ${removed.person.name}!\n\nDu är inte längre med på handledningen "${updated.title}" ${swedishDateTime(updated.startsAt)}.`,
        calendar: (await calendarByEmail(tx, [personId])).has(personId)
          ? { ics: cancelIcs(asCalendar(updated), [{ name: removed.person.name, email: removed.person.email, status: "declined" }]), method: "CANCEL" }
          : undefined,
      },
      tx,
    );
    await recordAudit({ actorId: actor.id, action: "session.attendee-removed", subjectType: "session", subjectId: id, detail: { personId } }, tx);
  });
  return ok({ id });
}

export type Answer = "accepted" | "tentative" | "declined";

/**
 * Why an invitee's answer cannot be taken now, or null: one rule for the
 * buttons on the session page and for an answer from their calendar.
 */
function answerRefused(session: { status: string; startsAt: Date }, attendance: { status: string }, now: Date): string | null {
  if (session.status === "cancelled") return "Tillfället är inställt.";
  if (attendance.status === "attended" || attendance.status === "absent") return "Tillfället är redan genomfört.";
  if (session.startsAt <= now) return "Tillfället har redan börjat.";
  return null;
}

/**
 * Records an invitee's answer, from the app or from their calendar (a REPLY read
 * from the reply mailbox), with where it came from. Answers the refusal, if any.
 */
export async function answerInvitation(
  client: Tx,
  session: { id: string; status: string; startsAt: Date },
  attendance: { id: string; status: string },
  answer: Answer,
  via: "app" | "calendar",
  now = new Date(),
): Promise<string | null> {
  const refused = answerRefused(session, attendance, now);
  if (refused) return refused;
  await client.attendance.update({ where: { id: attendance.id }, data: { status: answer, respondedAt: now, respondedVia: via } });
  return null;
}

/** A participant's answer to an invitation, from the buttons on the session page. */
export async function respond(actor: Actor, id: string, answer: Answer, now = new Date()): Promise<Done> {
  const session = await loadSession(db, id);
  const mine = session.attendances.find((a) => a.personId === actor.id && a.status !== "removed");
  if (!mine) throw forbidden("Du är inte inbjuden till det här tillfället.");
  const refused = await answerInvitation(db, session, mine, answer, "app", now);
  return refused ? formError(refused) : ok({ id });
}

/** After the session the organizer records närvarat / frånvarande; attendance feeds program completion. */
export async function recordAttendance(actor: Actor, id: string, marks: Record<string, "attended" | "absent">, now = new Date()): Promise<Done> {
  const session = await editable(actor, id);
  if (session.startsAt > now) return formError("Närvaro kan registreras när tillfället har börjat.");
  if (session.status === "cancelled") return formError("Tillfället är inställt.");
  const invited = new Set(session.attendances.filter((a) => a.status !== "removed").map((a) => a.personId));
  await transaction(async (tx) => {
    const programs = await tx.program.findMany({ where: { requiredSessions: { gt: 0 }, retiredAt: null }, select: { id: true } });
    for (const [personId, status] of Object.entries(marks)) {
      if (!invited.has(personId)) continue;
      await tx.attendance.update({ where: { sessionId_personId: { sessionId: id, personId } }, data: { status } });
      for (const p of programs) await refreshProgramCompletion(tx, personId, p.id, countAttendedSessions, now);
    }
    await recordAudit({ actorId: actor.id, action: "session.attendance", subjectType: "session", subjectId: id, detail: { marks } }, tx);
  });
  return ok({ id });
}

/**
 * Books a published one-to-one slot. The slot is taken with a conditional
 * update, so two people racing for it cannot both get it.
 */
export async function bookSlot(actor: Actor, id: string, now = new Date()): Promise<Done> {
  if (!may(actor, "sessions:book")) throw forbidden("Lediga tider bokas av deltagare.");
  const slot = await loadSession(db, id);
  if (slot.facilitatorId === actor.id) return formError("Du kan inte boka din egen tid.");
  if (!slot.isOpenSlot || slot.status !== "scheduled" || slot.startsAt <= now) return formError("Tiden är inte längre ledig.");
  return transaction(async (tx) => {
    const mine = await tx.handledningSession.findFirst({
      where: {
        status: "scheduled",
        startsAt: { lt: slot.endsAt },
        endsAt: { gt: slot.startsAt },
        attendances: { some: { personId: actor.id, status: { in: ["invited", "accepted", "tentative"] } } },
      },
    });
    if (mine) return formError(`Du har redan "${mine.title}" samma tid.`);
    const { count } = await tx.handledningSession.updateMany({
      where: { id, isOpenSlot: true, status: "scheduled" },
      data: { isOpenSlot: false, sequence: { increment: 1 } },
    });
    if (count !== 1) return formError("Någon hann boka tiden före dig.");
    await tx.attendance.create({ data: { sessionId: id, personId: actor.id, status: "accepted", respondedAt: now } });
    await sendToAttendees(tx, await loadSession(tx, id), "invite");
    await recordAudit({ actorId: actor.id, action: "session.booked", subjectType: "session", subjectId: id }, tx);
    return ok({ id });
  });
}

/** What the scheduling form offers: cohorts that have not ended and active Deltagare, as far as the actor may book them. */
export async function schedulingChoices(actor: Actor, now = new Date()) {
  const [cohorts, people] = await Promise.all([
    db.cohort.findMany({
      where: { AND: [{ endsOn: { gte: now } }, cohortsRunBy(actor)] },
      select: { id: true, name: true },
      orderBy: { startsOn: "asc" },
    }),
    db.person.findMany({
      where: { AND: [{ active: true, isParticipant: true, id: { not: actor.id } }, learnersSupportedBy(actor)] },
      select: { id: true, name: true, branch: { select: { name: true } } },
      orderBy: { name: "asc" },
    }),
  ]);
  return { cohorts, people };
}

/** A person's handledning: what they lead, what they are invited to, and open times to book (for those who may book). */
export async function sessionsFor(actor: Actor, now = new Date()) {
  const since = new Date(now.getTime() - 30 * 24 * 60 * 60 * 1000);
  const [leading, invited, openSlots] = await Promise.all([
    may(actor, "sessions:schedule")
      ? db.handledningSession.findMany({ where: { facilitatorId: actor.id, endsAt: { gte: since } }, include: sessionInclude, orderBy: { startsAt: "asc" } })
      : [],
    db.handledningSession.findMany({
      where: { endsAt: { gte: since }, attendances: { some: { personId: actor.id, status: { not: "removed" } } } },
      include: sessionInclude,
      orderBy: { startsAt: "asc" },
    }),
    may(actor, "sessions:book")
      ? db.handledningSession.findMany({
          where: { isOpenSlot: true, status: "scheduled", startsAt: { gt: now }, facilitatorId: { not: actor.id } },
          include: { facilitator: { select: { name: true } } },
          orderBy: { startsAt: "asc" },
          take: 50,
        })
      : [],
  ]);
  return { leading, invited, openSlots };
}

/**
 * What a facilitator's home page points to: the next sessions they lead, how
 * many published free times nobody has booked yet, and sessions of the last
 * 30 days that have begun but still lack attendance.
 */
export async function facilitatorSessionSummary(actor: Actor, now = new Date()) {
  if (!may(actor, "sessions:schedule")) return null;
  const since = new Date(now.getTime() - 30 * 24 * 60 * 60 * 1000);
  const [next, freeTimes, toRecord] = await Promise.all([
    db.handledningSession.findMany({
      where: { facilitatorId: actor.id, status: "scheduled", isOpenSlot: false, startsAt: { gt: now } },
      select: { id: true, title: true, startsAt: true },
      orderBy: { startsAt: "asc" },
      take: 3,
    }),
    db.handledningSession.count({ where: { facilitatorId: actor.id, status: "scheduled", isOpenSlot: true, startsAt: { gt: now } } }),
    db.handledningSession.findMany({
      where: {
        facilitatorId: actor.id,
        status: "scheduled",
        startsAt: { gte: since, lte: now },
        attendances: { some: { status: { in: ["invited", "accepted", "tentative"] } } },
      },
      select: { id: true, title: true, startsAt: true },
      orderBy: { startsAt: "desc" },
    }),
  ]);
  return { next, freeTimes, toRecord };
}

export { loadSession, asCalendar };
