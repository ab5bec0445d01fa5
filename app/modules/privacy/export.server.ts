import { db } from "~/db.server";
import { inSlices } from "~/utils/in-slices";
import { auditLabel } from "~/modules/audit/actions";
import { ITEM_STATUS_LABELS } from "~/modules/crisis/progress";
import { STATUS_LABELS as ENROLMENT_LABELS } from "~/modules/enrolment/eligibility";
import { positionLabel } from "~/modules/people/positions";
import { categoryLabel } from "~/modules/manuals/manuals";
import { roleLabel, rolesOf } from "~/modules/people/roles";
import { ATTENDANCE_LABELS } from "~/modules/sessions/labels";
import { describeAttempt, quizAnswers } from "~/modules/progress/quiz";
import type { Question } from "~/modules/catalog/content-schema";
import { crisisContactsNamed } from "./contacts.server";

/**
 * Everything the platform holds about one person, as plain data: the JSON
 * download and the printable page are both this object. Other people's
 * personal data is left out (a session led shows how many came, not who).
 * Secrets never appear: no password hash, session id, token or feed address.
 * What each table contributes is listed in person-references.ts.
 */
export interface PersonalDataExport {
  generatedAt: string;
  person: {
    id: string;
    name: string;
    email: string;
    branch: string;
    position: string;
    roles: string[];
    active: boolean;
    createdAt: string;
    updatedAt: string;
    lastLoginAt: string | null;
    hasPassword: boolean;
    /** Whether reminder e-mails before handledning are on. */
    sessionReminders: boolean;
    /** While subscribed to the feed: calendar invitations by e-mail too. */
    invitesWithFeed: boolean;
    /** Whether the friendly e-mail after a stretch without progress is on. */
    learnerNudges: boolean;
    /** Facilitators: whether the weekly digest is on. */
    weeklyDigests: boolean;
    /** When the last such e-mail was queued. */
    lastNudgedAt: string | null;
  };
  /** Kursredaktörer: the course versions they published, and drafts they last changed. */
  coursesPublished: { course: string; version: number; publishedAt: string; note: string | null }[];
  courseDraftsEdited: { course: string; updatedAt: string }[];
  /** Facilitators: each week's digest, and whether one was sent (nothing is sent when there is nothing to say). */
  weeklyDigests: { week: string; decidedAt: string; sent: boolean }[];
  branchRoles: { role: string; since: string }[];
  supportedBranches: { branch: string; since: string }[];
  enrolments: {
    cohort: string;
    program: string;
    status: string;
    appliedAt: string;
    enrolledAt: string | null;
    waitlistedAt: string | null;
    withdrawnAt: string | null;
    reason: string | null;
    decidedBy: string | null;
  }[];
  enrolmentDecisions: { cohort: string; status: string; at: string }[];
  cohortsFacilitated: { cohort: string; program: string; startsOn: string; endsOn: string }[];
  lessonProgress: { course: string; lesson: string; firstViewedAt: string; lastViewedAt: string; completedAt: string | null }[];
  /** Each question with the options chosen, as text: option numbers mean nothing to the person reading them. */
  quizAttempts: { lesson: string; answers: { question: string; chosen: string[] }[]; correct: boolean; at: string }[];
  reflections: { lesson: string; text: string; visibility: string; createdAt: string; updatedAt: string }[];
  submissions: {
    lesson: string;
    text: string;
    status: string;
    submittedAt: string;
    reviewedAt: string | null;
    reviewer: string | null;
    feedback: string | null;
  }[];
  reviewsGiven: { lesson: string; status: string; reviewedAt: string | null; feedback: string | null }[];
  completions: { scope: string; title: string; completedAt: string; version: number; certificateCode: string | null }[];
  sessionsAttended: {
    title: string;
    facilitator: string;
    startsAt: string;
    endsAt: string;
    sessionStatus: string;
    answer: string;
    respondedAt: string | null;
  }[];
  sessionsLed: { title: string; kind: string; startsAt: string; endsAt: string; status: string; participants: number; attended: number }[];
  calendarFeed: { createdAt: string } | null;
  /** Answers the person's calendar sent to the reply mailbox, and what the app did with each. */
  calendarReplies: { receivedAt: string; session: string | null; answer: string; comment: string; outcome: string; reason: string }[];
  crisisItemsOwned: { branch: string; section: string; title: string; status: string; dueOn: string | null; note: string }[];
  crisisContacts: { branch: string; name: string; role: string; phone: string }[];
  crisisPlansReviewed: { branch: string; reviewedAt: string | null }[];
  crisisOffersDecided: { branch: string; templateKey: string; decision: string; decidedAt: string | null }[];
  crisisTemplateVersionsPublished: { version: number; publishedAt: string; note: string }[];
  indicatorEntries: { indicator: string; period: string; value: number; source: string; measuredOn: string }[];
  manualsUploaded: { title: string; category: string; fileName: string; uploadedAt: string }[];
  accountTokens: { purpose: string; createdAt: string; expiresAt: string; usedAt: string | null }[];
  loginSessions: { device: string | null; createdAt: string; expiresAt: string }[];
  loginAttempts: { at: string; outcome: string; address: string }[];
  rateLimitHits: { kind: string; at: string }[];
  emails: { subject: string; kind: string; status: string; createdAt: string; sentAt: string | null; text: string }[];
  auditEvents: { at: string; action: string; label: string; by: string | null; subjectType: string; detail: unknown }[];
}

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

/** One-time links in old e-mails still work until used: the export hides them. */
function hideLinks(text: string): string {
  return text.replace(/\/password\/[A-Za-z0-9_-]+/g, "/password/[dold länk]").replace(/\/kalender\/[A-Za-z0-9_-]+\.ics/g, "/kalender/[dold adress].ics");
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

async function titles(completions: { scope: string; scopeId: string }[]) {
  const ids = (scope: string) => completions.filter((c) => c.scope === scope).map((c) => c.scopeId);
  const [modules, courses, programs] = await Promise.all([
    db.module.findMany({ where: { id: { in: ids("module") } }, select: { id: true, title: true } }),
    db.course.findMany({ where: { id: { in: ids("course") } }, select: { id: true, title: true } }),
    db.program.findMany({ where: { id: { in: ids("program") } }, select: { id: true, title: true } }),
  ]);
  return new Map([...modules, ...courses, ...programs].map((x) => [x.id, x.title]));
}

const REPLY_OUTCOME_LABELS: Record<string, string> = {
  applied: "Svaret sparades",
  counter: "Visat för utvecklingsledaren",
  "set-aside": "Lagt åt sidan för en administratör",
};
const SCOPE_LABELS: Record<string, string> = { module: "Modul", course: "Kurs", program: "Program" };

/** All data about the person with this id. Callers pass the signed-in person's own id, never one from a request. */
export async function exportPersonalData(personId: string, now = new Date()): Promise<PersonalDataExport> {
  const person = await db.person.findUniqueOrThrow({
    where: { id: personId },
    include: { branch: { select: { name: true } }, password: { select: { updatedAt: true } } },
  });
  const lessonInclude = { lesson: { select: { title: true, module: { select: { course: { select: { title: true } } } } } } } as const;
  const [
    branchRoles,
    supports,
    enrolments,
    decisions,
    facilitating,
    progress,
    attempts,
    reflections,
    submissions,
    reviews,
    completions,
    attendances,
    led,
    feed,
    calendarReplies,
    items,
    contacts,
    plansReviewed,
    offers,
    templates,
    entries,
    manuals,
    tokens,
    sessions,
    loginAttempts,
    hits,
    emails,
    audit,
    digests,
    coursePublications,
    courseDrafts,
  ] = await Promise.all([
    db.branchRole.findMany({ where: { personId } }),
    db.branchSupport.findMany({ where: { facilitatorId: personId }, include: { branch: { select: { name: true } } } }),
    db.enrolment.findMany({
      where: { personId },
      include: { cohort: { include: { program: { select: { title: true } } } }, decidedBy: { select: { name: true } } },
      orderBy: { createdAt: "asc" },
    }),
    db.enrolment.findMany({
      where: { decidedById: personId },
      select: { status: true, updatedAt: true, cohort: { select: { name: true } } },
      orderBy: { updatedAt: "asc" },
    }),
    db.cohortFacilitator.findMany({ where: { personId }, include: { cohort: { include: { program: { select: { title: true } } } } } }),
    db.lessonProgress.findMany({ where: { personId }, include: lessonInclude, orderBy: { firstViewedAt: "asc" } }),
    db.quizAttempt.findMany({ where: { personId }, include: { lesson: { select: { title: true, questions: true } } }, orderBy: { createdAt: "asc" } }),
    db.reflection.findMany({ where: { personId }, include: { lesson: { select: { title: true } } }, orderBy: { createdAt: "asc" } }),
    db.assignmentSubmission.findMany({
      where: { personId },
      include: { lesson: { select: { title: true } }, reviewer: { select: { name: true } } },
      orderBy: { submittedAt: "asc" },
    }),
    db.assignmentSubmission.findMany({
      where: { reviewerId: personId },
      select: { status: true, reviewedAt: true, comment: true, lesson: { select: { title: true } } },
      orderBy: { reviewedAt: "asc" },
    }),
    db.completion.findMany({ where: { personId }, orderBy: { completedAt: "asc" } }),
    db.attendance.findMany({
      where: { personId },
      include: { session: { include: { facilitator: { select: { name: true } } } } },
      orderBy: { session: { startsAt: "asc" } },
    }),
    db.handledningSession.findMany({
      where: { facilitatorId: personId },
      include: { attendances: { select: { status: true } } },
      orderBy: { startsAt: "asc" },
    }),
    db.calendarFeed.findUnique({ where: { personId }, select: { createdAt: true } }),
    db.calendarReply.findMany({
      where: { OR: [{ personId }, { fromAddress: person.email.toLowerCase() }] },
      select: { receivedAt: true, method: true, partstat: true, comment: true, outcome: true, reason: true, session: { select: { title: true } } },
      orderBy: { receivedAt: "asc" },
    }),
    db.crisisPlanItem.findMany({ where: { ownerId: personId }, include: { plan: { select: { branch: { select: { name: true } } } } } }),
    crisisContactsNamed(db, person),
    db.crisisPlan.findMany({ where: { reviewedById: personId }, select: { reviewedAt: true, branch: { select: { name: true } } } }),
    db.crisisOffer.findMany({ where: { decidedById: personId }, include: { plan: { select: { branch: { select: { name: true } } } } } }),
    db.crisisTemplateVersion.findMany({ where: { publishedBy: personId }, orderBy: { version: "asc" } }),
    db.indicatorEntry.findMany({ where: { enteredById: personId }, include: { indicator: { select: { name: true } } }, orderBy: { createdAt: "asc" } }),
    db.manual.findMany({
      where: { uploadedById: personId },
      select: { title: true, category: true, fileName: true, createdAt: true },
      orderBy: { createdAt: "asc" },
    }),
    db.accountToken.findMany({ where: { personId }, select: { purpose: true, createdAt: true, expiresAt: true, usedAt: true }, orderBy: { createdAt: "asc" } }),
    db.authSession.findMany({ where: { personId }, select: { userAgent: true, createdAt: true, expiresAt: true }, orderBy: { createdAt: "asc" } }),
    db.loginAttempt.findMany({ where: { email: person.email }, select: { createdAt: true, outcome: true, address: true }, orderBy: { createdAt: "asc" } }),
    db.rateLimitHit.findMany({ where: { key: { endsWith: `:${person.email}` } }, select: { key: true, createdAt: true }, orderBy: { createdAt: "asc" } }),
    db.outboxMessage.findMany({ where: { OR: [{ personId }, { toEmail: person.email }] }, orderBy: { createdAt: "asc" } }),
    auditEventsAbout(personId),
    db.weeklyDigest.findMany({ where: { facilitatorId: personId }, orderBy: { decidedAt: "asc" } }),
    db.courseVersion.findMany({
      where: { publishedById: personId },
      select: { number: true, publishedAt: true, note: true, course: { select: { title: true } } },
      orderBy: { publishedAt: "asc" },
    }),
    db.courseDraft.findMany({ where: { updatedById: personId }, select: { updatedAt: true, course: { select: { title: true } } } }),
  ]);
  const completionTitles = await titles(completions);
  const ownObjects = new Set([personId, ...enrolments.map((e) => e.id), ...submissions.map((s) => s.id)]);
  const actorNames = new Map(
    (
      await inSlices([...new Set(audit.map((a) => a.actorId).filter((id): id is string => id !== null))], (slice) =>
        db.person.findMany({ where: { id: { in: slice } }, select: { id: true, name: true } }),
      )
    ).map((p) => [p.id, p.name]),
  );

  return {
    generatedAt: iso(now),
    person: {
      id: person.id,
      name: person.name,
      email: person.email,
      branch: person.branch.name,
      position: positionLabel(person.position),
      roles: rolesOf(person).map(roleLabel),
      active: person.active,
      createdAt: iso(person.createdAt),
      updatedAt: iso(person.updatedAt),
      lastLoginAt: isoOrNull(person.lastLoginAt),
      hasPassword: person.password !== null,
      sessionReminders: person.sessionReminders,
      invitesWithFeed: person.invitesWithFeed,
      learnerNudges: person.learnerNudges,
      weeklyDigests: person.weeklyDigests,
      lastNudgedAt: isoOrNull(person.lastNudgedAt),
    },
    weeklyDigests: digests.map((d) => ({ week: d.week, decidedAt: iso(d.decidedAt), sent: d.outboxMessageId !== null })),
    coursesPublished: coursePublications.map((v) => ({ course: v.course.title, version: v.number, publishedAt: iso(v.publishedAt), note: v.note })),
    courseDraftsEdited: courseDrafts.map((d) => ({ course: d.course.title, updatedAt: iso(d.updatedAt) })),
    branchRoles: branchRoles.map((r) => ({ role: r.role === "krisansvarig" ? "Krisansvarig" : r.role, since: iso(r.createdAt) })),
    supportedBranches: supports.map((s) => ({ branch: s.branch.name, since: iso(s.createdAt) })),
    enrolments: enrolments.map((e) => ({
      cohort: e.cohort.name,
      program: e.cohort.program.title,
      status: ENROLMENT_LABELS[e.status] ?? e.status,
      appliedAt: iso(e.createdAt),
      enrolledAt: isoOrNull(e.enrolledAt),
      waitlistedAt: isoOrNull(e.waitlistedAt),
      withdrawnAt: isoOrNull(e.withdrawnAt),
      reason: e.reason,
      decidedBy: e.decidedBy?.name ?? null,
    })),
    enrolmentDecisions: decisions.map((d) => ({ cohort: d.cohort.name, status: ENROLMENT_LABELS[d.status] ?? d.status, at: iso(d.updatedAt) })),
    cohortsFacilitated: facilitating.map((f) => ({
      cohort: f.cohort.name,
      program: f.cohort.program.title,
      startsOn: iso(f.cohort.startsOn),
      endsOn: iso(f.cohort.endsOn),
    })),
    lessonProgress: progress.map((p) => ({
      course: p.lesson.module.course.title,
      lesson: p.lesson.title,
      firstViewedAt: iso(p.firstViewedAt),
      lastViewedAt: iso(p.lastViewedAt),
      completedAt: isoOrNull(p.completedAt),
    })),
    quizAttempts: attempts.map((a) => ({
      lesson: a.lesson.title,
      answers: describeAttempt(JSON.parse(a.lesson.questions) as Question[], quizAnswers.parse(parseJson(a.answers))),
      correct: a.correct,
      at: iso(a.createdAt),
    })),
    reflections: reflections.map((r) => ({
      lesson: r.lesson.title,
      text: r.text,
      visibility: r.shared ? "Delad med dina utvecklingsledare" : "Privat (bara du)",
      createdAt: iso(r.createdAt),
      updatedAt: iso(r.updatedAt),
    })),
    submissions: submissions.map((s) => ({
      lesson: s.lesson.title,
      text: s.text,
      status: { submitted: "Inlämnad", approved: "Godkänd", returned: "Att komplettera" }[s.status] ?? s.status,
      submittedAt: iso(s.submittedAt),
      reviewedAt: isoOrNull(s.reviewedAt),
      reviewer: s.reviewer?.name ?? null,
      feedback: s.comment,
    })),
    reviewsGiven: reviews.map((r) => ({ lesson: r.lesson.title, status: r.status, reviewedAt: isoOrNull(r.reviewedAt), feedback: r.comment })),
    completions: completions.map((c) => ({
      scope: SCOPE_LABELS[c.scope] ?? c.scope,
      title: completionTitles.get(c.scopeId) ?? c.scopeId,
      completedAt: iso(c.completedAt),
      version: c.version,
      certificateCode: c.certificateCode,
    })),
    sessionsAttended: attendances.map((a) => ({
      title: a.session.title,
      facilitator: a.session.facilitator.name,
      startsAt: iso(a.session.startsAt),
      endsAt: iso(a.session.endsAt),
      sessionStatus: a.session.status === "cancelled" ? "Inställt" : "Planerat",
      answer: ATTENDANCE_LABELS[a.status] ?? a.status,
      respondedAt: isoOrNull(a.respondedAt),
    })),
    sessionsLed: led.map((s) => ({
      title: s.title,
      kind: s.kind === "group" ? "Grupp" : "Enskild",
      startsAt: iso(s.startsAt),
      endsAt: iso(s.endsAt),
      status: s.status === "cancelled" ? "Inställt" : "Planerat",
      participants: s.attendances.filter((a) => a.status !== "removed").length,
      attended: s.attendances.filter((a) => a.status === "attended").length,
    })),
    calendarFeed: feed ? { createdAt: iso(feed.createdAt) } : null,
    calendarReplies: calendarReplies.map((r) => ({
      receivedAt: iso(r.receivedAt),
      session: r.session?.title ?? null,
      answer: r.method === "COUNTER" ? "Förslag på ny tid" : (r.partstat ?? r.method),
      comment: r.comment,
      outcome: REPLY_OUTCOME_LABELS[r.outcome] ?? r.outcome,
      reason: r.reason,
    })),
    crisisItemsOwned: items.map((i) => ({
      branch: i.plan.branch.name,
      section: i.sectionTitle,
      title: i.title,
      status: ITEM_STATUS_LABELS[i.status] ?? i.status,
      dueOn: isoOrNull(i.dueOn),
      note: i.note,
    })),
    crisisContacts: contacts.map((c) => ({ branch: c.plan.branch.name, name: c.name, role: c.role, phone: c.phone })),
    crisisPlansReviewed: plansReviewed.map((p) => ({ branch: p.branch.name, reviewedAt: isoOrNull(p.reviewedAt) })),
    crisisOffersDecided: offers.map((o) => ({
      branch: o.plan.branch.name,
      templateKey: o.templateKey,
      decision: o.decision,
      decidedAt: isoOrNull(o.decidedAt),
    })),
    crisisTemplateVersionsPublished: templates.map((t) => ({ version: t.version, publishedAt: iso(t.publishedAt), note: t.note })),
    indicatorEntries: entries.map((e) => ({ indicator: e.indicator.name, period: e.period, value: e.value, source: e.source, measuredOn: iso(e.measuredOn) })),
    manualsUploaded: manuals.map((m) => ({ title: m.title, category: categoryLabel(m.category), fileName: m.fileName, uploadedAt: iso(m.createdAt) })),
    accountTokens: tokens.map((t) => ({
      purpose: t.purpose === "invite" ? "Inbjudan" : t.purpose === "reset" ? "Nytt lösenord" : t.purpose,
      createdAt: iso(t.createdAt),
      expiresAt: iso(t.expiresAt),
      usedAt: isoOrNull(t.usedAt),
    })),
    loginSessions: sessions.map((s) => ({ device: s.userAgent, createdAt: iso(s.createdAt), expiresAt: iso(s.expiresAt) })),
    loginAttempts: loginAttempts.map((a) => ({ at: iso(a.createdAt), outcome: a.outcome, address: a.address })),
    rateLimitHits: hits.map((h) => ({ kind: h.key.split(":")[0] ?? h.key, at: iso(h.createdAt) })),
    emails: emails.map((m) => ({
      subject: m.subject,
      kind: m.kind,
      status: m.status,
      createdAt: iso(m.createdAt),
      sentAt: isoOrNull(m.sentAt),
      text: hideLinks(m.text),
    })),
    auditEvents: audit.map((a) => ({
      at: iso(a.createdAt),
      action: a.action,
      label: auditLabel(a.action),
      by: a.actorId === personId ? "du själv" : a.actorId ? (actorNames.get(a.actorId) ?? "okänd") : "systemet",
      subjectType: a.subjectType,
      // Details of events about others (what the person did to them, a list they are one of) belong to those others.
      detail: a.subjectId !== null && ownObjects.has(a.subjectId) ? parseJson(a.detail) : null,
    })),
  };
}

/** Audit events about the person (as subject, in details, on their enrolments and assignments) and by them. */
async function auditEventsAbout(personId: string) {
  const [enrolmentIds, submissionIds] = await Promise.all([
    db.enrolment.findMany({ where: { personId }, select: { id: true } }),
    db.assignmentSubmission.findMany({ where: { personId }, select: { id: true } }),
  ]);
  return db.auditEvent.findMany({
    where: {
      OR: [
        { subjectId: personId },
        { actorId: personId },
        { detail: { contains: personId } },
        { subjectType: "enrolment", subjectId: { in: enrolmentIds.map((e) => e.id) } },
        { subjectType: "assignment", subjectId: { in: submissionIds.map((s) => s.id) } },
      ],
    },
    orderBy: { createdAt: "asc" },
  });
}
