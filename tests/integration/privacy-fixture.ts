import { randomUUID } from "node:crypto";
import { db } from "~/db.server";
import { branchId, createPerson } from "./helpers";

const DAY = 86_400_000;
let n = 0;

const QUESTIONS = [
  {
    id: "q1",
    prompt: "Vilket är rätt?",
    options: [
      { text: "Rätt svar", correct: true, feedback: "Ja." },
      { text: "Fel svar", correct: false, feedback: "Nej." },
    ],
  },
  {
    id: "q2",
    prompt: "Välj alla som stämmer.",
    options: [
      { text: "A", correct: true, feedback: "Ja." },
      { text: "B", correct: true, feedback: "Ja." },
      { text: "C", correct: false, feedback: "Nej." },
    ],
  },
];

/** A program with one course, module and lesson of each kind, made directly (no content sync). */
export async function catalog(slug = `prog-${++n}-${Date.now()}`) {
  const program = await db.program.create({ data: { slug, title: `Program ${slug}`, descriptionHtml: "", order: n } });
  const course = await db.course.create({ data: { slug: `${slug}-kurs`, programId: program.id, title: `Kurs ${slug}`, summaryHtml: "", order: 1 } });
  const module = await db.module.create({ data: { courseId: course.id, slug: "m1", title: "Modul 1", order: 1 } });
  const lesson = (type: string, order: number) =>
    db.lesson.create({
      data: {
        slug: `${slug}-${type}`,
        moduleId: module.id,
        title: `Lektion ${type}`,
        type,
        order,
        bodyHtml: "",
        contentHash: "x",
        sourceFile: "x.md",
        questions: type === "quiz" ? JSON.stringify(QUESTIONS) : "[]",
      },
    });
  const [text, quiz, reflection, assignment] = await Promise.all([lesson("text", 1), lesson("quiz", 2), lesson("reflection", 3), lesson("assignment", 4)]);
  return { program, course, module, lessons: { text, quiz, reflection, assignment } };
}

/**
 * A person with a row in every table that can hold data about them, and
 * another person (a facilitator) around them. Returns what the tests look for.
 */
export async function personWithEverything(now = new Date()) {
  const person = await createPerson({ roles: ["participant", "facilitator"], branch: "Gällivare", position: "kommunalrad" });
  const facilitator = await createPerson({ roles: ["facilitator"], branch: "Luleå" });
  const other = await createPerson({ branch: "Gällivare" });
  const { program, course, module, lessons } = await catalog();
  const marker = `hemlig-${randomUUID().slice(0, 8)}`;

  await db.branchRole.create({ data: { personId: person.id, role: "krisansvarig" } });
  await db.branchSupport.create({ data: { facilitatorId: person.id, branchId: await branchId("Kalix") } });
  await db.branchSupport.create({ data: { facilitatorId: facilitator.id, branchId: await branchId("Gällivare") } });

  const cohortData = (name: string, endsOn: Date) => ({
    programId: program.id,
    name,
    startsOn: new Date(endsOn.getTime() - 90 * DAY),
    endsOn,
    enrolmentOpensAt: new Date(endsOn.getTime() - 120 * DAY),
    enrolmentClosesAt: new Date(endsOn.getTime() - 91 * DAY),
    capacity: 1,
    seatsTaken: 1,
    mode: "open",
  });
  const running = await db.cohort.create({ data: cohortData("Pågående", new Date(now.getTime() + 60 * DAY)) });
  const ended = await db.cohort.create({ data: { ...cohortData("Avslutad", new Date(now.getTime() - 30 * DAY)) } });
  const enrolled = await db.enrolment.create({
    data: { cohortId: running.id, personId: person.id, status: "enrolled", enrolledAt: now, reason: `Anledning ${marker}` },
  });
  const waiting = await db.enrolment.create({ data: { cohortId: running.id, personId: other.id, status: "waitlisted", waitlistedAt: now } });
  await db.enrolment.create({ data: { cohortId: ended.id, personId: person.id, status: "enrolled", enrolledAt: now } });
  await db.enrolment.create({ data: { cohortId: ended.id, personId: other.id, status: "declined", decidedById: person.id } });
  await db.cohortFacilitator.create({ data: { cohortId: running.id, personId: person.id } });

  await db.lessonProgress.create({ data: { personId: person.id, lessonId: lessons.text.id, completedAt: now } });
  await db.quizAttempt.create({ data: { personId: person.id, lessonId: lessons.quiz.id, answers: JSON.stringify({ q1: [0], q2: [0, 1] }), correct: true } });
  const reflection = await db.reflection.create({
    data: { personId: person.id, lessonId: lessons.reflection.id, text: `Min reflektion ${marker}`, shared: true },
  });
  const submission = await db.assignmentSubmission.create({
    data: {
      personId: person.id,
      lessonId: lessons.assignment.id,
      text: `Mitt utspel ${marker}`,
      status: "returned",
      reviewerId: facilitator.id,
      comment: `Feedback ${marker}`,
      reviewedAt: now,
    },
  });
  await db.assignmentSubmission.create({
    data: {
      personId: other.id,
      lessonId: lessons.assignment.id,
      text: "Annans text",
      status: "approved",
      reviewerId: person.id,
      comment: "Bra jobbat",
      reviewedAt: now,
    },
  });
  await db.completion.create({ data: { personId: person.id, scope: "course", scopeId: course.id, certificateCode: `CERT-${randomUUID()}` } });
  await db.completion.create({ data: { personId: person.id, scope: "module", scopeId: module.id } });

  const session = (facilitatorId: string, startsAt: Date, title: string) =>
    db.handledningSession.create({
      data: { uid: `${randomUUID()}@test`, facilitatorId, kind: "group", title, startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000) },
    });
  const past = await session(facilitator.id, new Date(now.getTime() - 20 * DAY), "Förra månadens handledning");
  const future = await session(facilitator.id, new Date(now.getTime() + 20 * DAY), "Nästa månads handledning");
  await db.attendance.create({ data: { sessionId: past.id, personId: person.id, status: "attended" } });
  await db.attendance.create({ data: { sessionId: future.id, personId: person.id, status: "accepted", respondedAt: now } });
  await db.attendance.create({ data: { sessionId: future.id, personId: other.id, status: "invited" } });
  const led = await session(person.id, new Date(now.getTime() + 10 * DAY), "Handledning som personen leder");
  await db.attendance.create({ data: { sessionId: led.id, personId: other.id, status: "accepted" } });
  const ledPast = await session(person.id, new Date(now.getTime() - 10 * DAY), "Genomförd handledning som personen ledde");
  await db.attendance.create({ data: { sessionId: ledPast.id, personId: other.id, status: "attended" } });

  await db.calendarFeed.create({ data: { personId: person.id, tokenHash: `hash-${randomUUID()}` } });
  await db.weeklyDigest.create({ data: { facilitatorId: person.id, week: "2026-W10", outboxMessageId: null } });
  // As a Kursredaktör: a published course version and a draft last changed by them.
  const editedCourse = await db.course.findFirstOrThrow();
  const versions = await db.courseVersion.count({ where: { courseId: editedCourse.id } });
  await db.courseVersion.create({
    data: { courseId: editedCourse.id, number: versions + 1, origin: "app", files: "[]", hash: `h-${randomUUID()}`, publishedById: person.id },
  });
  await db.courseDraft.upsert({
    where: { courseId: editedCourse.id },
    create: { courseId: editedCourse.id, baseNumber: versions + 1, files: "[]", updatedById: person.id },
    update: { updatedById: person.id },
  });
  await db.calendarReply.create({
    data: {
      messageKey: `key-${randomUUID()}`,
      fromAddress: person.email.toLowerCase(),
      method: "REPLY",
      uid: future.uid,
      attendeeEmail: person.email.toLowerCase(),
      partstat: "ACCEPTED",
      comment: "Jag kommer gärna",
      outcome: "applied",
      sessionId: future.id,
      personId: person.id,
    },
  });
  const planData = { templateVersion: 1, reviewedAt: now, reviewedById: person.id };
  const plan = await db.crisisPlan.upsert({ where: { branchId: person.branchId }, create: { branchId: person.branchId, ...planData }, update: planData });
  await db.crisisPlanItem.create({
    data: {
      planId: plan.id,
      sectionKey: "s",
      sectionTitle: "Kontakter",
      sectionOrder: 1,
      order: 1,
      title: "Uppdatera telefonkedjan",
      ownerId: person.id,
      note: "Gör i maj",
    },
  });
  await db.crisisContact.create({ data: { planId: plan.id, name: person.name, role: "Krisansvarig", phone: "070-123 45 67", order: 1 } });
  await db.crisisContact.create({ data: { planId: plan.id, name: "Någon Annan", role: "Ordförande", phone: "070-765 43 21", order: 2 } });
  await db.crisisOffer.create({
    data: { planId: plan.id, templateKey: `ny-punkt-${randomUUID()}`, version: 2, decision: "accepted", decidedAt: now, decidedById: person.id },
  });
  const template = (await db.crisisTemplateVersion.aggregate({ _max: { version: true } }))._max.version ?? 0;
  await db.crisisTemplateVersion.create({ data: { version: template + 1, publishedBy: person.id, note: "Ny version" } });
  const goal = await db.goal.upsert({ where: { key: "test-mal" }, create: { key: "test-mal", area: "ledarskap", title: "Testmål", order: 99 }, update: {} });
  const indicator = await db.indicator.upsert({
    where: { key: "test-enkat" },
    create: { key: "test-enkat", goalId: goal.id, name: "Testenkät", definition: "En enkät", kind: "entered", unit: "percent", target: 50, order: 99 },
    update: {},
  });
  await db.indicatorEntry.create({ data: { indicatorId: indicator.id, period: "2026", value: 42, source: "Enkät", measuredOn: now, enteredById: person.id } });
  const manual = await db.manual.create({
    data: {
      title: "Manual för utspel",
      category: "utspel",
      fileId: `fil-${marker}`,
      fileName: "utspel.pdf",
      fileKind: "pdf",
      sizeBytes: 9,
      uploadedById: person.id,
    },
  });
  await db.manualFilePart.create({ data: { fileId: manual.fileId, part: 0, manualId: manual.id, bytes: new TextEncoder().encode("%PDF-1.4\n") } });

  await db.accountToken.create({
    data: { personId: person.id, purpose: "reset", tokenHash: `token-hash-${randomUUID()}`, expiresAt: new Date(now.getTime() + DAY) },
  });
  const authSession = await db.authSession.create({
    data: {
      id: `session-id-${randomUUID()}`,
      secretHash: "0".repeat(64),
      personId: person.id,
      expiresAt: new Date(now.getTime() + DAY),
      userAgent: "Testwebbläsare/1.0",
    },
  });
  await db.loginAttempt.create({ data: { email: person.email, address: "203.0.113.9", outcome: "failure" } });
  await db.rateLimitHit.create({ data: { key: `reset:email:${person.email}` } });
  const pendingMail = await db.outboxMessage.create({
    data: {
      toEmail: person.email,
      personId: person.id,
      subject: "Väntar",
      text: `Hej ${person.name}! ${marker} http://localhost:3000/password/abcDEF123_-x`,
      kind: "password-reset",
    },
  });
  const sentMail = await db.outboxMessage.create({
    data: {
      toEmail: person.email,
      personId: person.id,
      subject: "Skickat",
      text: `Hej ${person.name}! ${marker}`,
      kind: "invite",
      status: "sent",
      sentAt: now,
    },
  });
  const otherMail = await db.outboxMessage.create({
    data: {
      toEmail: other.email,
      personId: other.id,
      subject: "Inbjudan",
      text: `Du bjuds in av ${person.name} (${person.email}).`,
      kind: "session-invite",
      status: "sent",
      sentAt: now,
    },
  });
  await db.auditEvent.create({
    data: {
      actorId: facilitator.id,
      action: "person.updated",
      subjectType: "person",
      subjectId: person.id,
      detail: JSON.stringify({ before: { name: person.name, email: person.email }, after: { name: person.name } }),
    },
  });
  await db.auditEvent.create({
    data: {
      actorId: facilitator.id,
      action: "people.imported",
      subjectType: "person",
      detail: JSON.stringify({ count: 2, emails: [person.email, other.email] }),
    },
  });

  return {
    person,
    facilitator,
    other,
    marker,
    running,
    enrolled,
    waiting,
    reflection,
    submission,
    future,
    led,
    ledPast,
    authSession,
    pendingMail,
    sentMail,
    otherMail,
  };
}
