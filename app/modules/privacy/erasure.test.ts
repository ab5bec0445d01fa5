import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { actorOf } from "~/modules/auth/session.server";
import { attemptLogin, INVALID_LOGIN } from "~/modules/auth/login.server";
import { goalsReport } from "~/modules/goals/goals.server";
import { ensureGoals } from "~/modules/goals/seed-goals.server";
import { createPerson } from "../../../tests/integration/helpers";
import { personWithEverything } from "../../../tests/integration/privacy-fixture";
import { ERASED_NAME, erasePerson, erasedEmail, scrubber, scrubJson } from "./erasure.server";

const DAY = 86_400_000;
const NOW = new Date("2026-11-20T12:00:00Z");

async function admin() {
  return actorOf(await createPerson({ roles: ["admin"] }));
}

/** The goals' numbers, without the stored trend: what an erasure must not move. */
async function indicatorNumbers(period: string) {
  const reports = await goalsReport(period, {}, NOW);
  return reports.map((r) => ({ key: r.key, district: r.district, branches: r.branches }));
}

beforeAll(async () => {
  await ensureGoals();
});

describe("erasure", () => {
  it("anonymises the person in one go: no name, address, texts, logins or roles left; the facts the statistics need stay", async () => {
    const f = await personWithEverything(NOW);
    const result = await erasePerson(await admin(), f.person.id, NOW);
    expect(result.ok).toBe(true);

    const row = await db.person.findUniqueOrThrow({ where: { id: f.person.id } });
    expect(row).toMatchObject({
      name: ERASED_NAME,
      email: erasedEmail(f.person.id),
      active: false,
      isAdmin: false,
      isFacilitator: false,
      lastLoginAt: null,
      countsInGoals: true,
      position: "kommunalrad",
    });
    expect(row.erasedAt).toEqual(NOW);

    const id = f.person.id;
    expect(await db.password.count({ where: { personId: id } })).toBe(0);
    expect(await db.authSession.count({ where: { personId: id } })).toBe(0);
    expect(await db.accountToken.count({ where: { personId: id } })).toBe(0);
    expect(await db.calendarFeed.count({ where: { personId: id } })).toBe(0);
    expect(await db.calendarReply.count({ where: { OR: [{ personId: id }, { fromAddress: f.person.email.toLowerCase() }] } })).toBe(0);
    expect(await db.branchRole.count({ where: { personId: id } })).toBe(0);
    expect(await db.weeklyDigest.count({ where: { facilitatorId: id } })).toBe(0);
    expect(await db.branchSupport.count({ where: { facilitatorId: id } })).toBe(0);
    expect(await db.cohortFacilitator.count({ where: { personId: id } })).toBe(0);
    expect(await db.loginAttempt.count({ where: { email: f.person.email } })).toBe(0);
    expect(await db.rateLimitHit.count({ where: { key: { contains: f.person.email } } })).toBe(0);

    expect(await db.reflection.findFirstOrThrow({ where: { personId: id } })).toMatchObject({ text: "", shared: false });
    expect(await db.quizAttempt.findFirstOrThrow({ where: { personId: id } })).toMatchObject({ answers: "{}", correct: true });
    expect(await db.assignmentSubmission.findFirstOrThrow({ where: { personId: id } })).toMatchObject({ text: "", comment: null, status: "returned" });
    expect(await db.completion.count({ where: { personId: id } })).toBe(2);
    expect(await db.completion.count({ where: { personId: id, certificateCode: { not: null } } })).toBe(0);
    expect(await db.lessonProgress.count({ where: { personId: id, completedAt: { not: null } } })).toBe(1);
    expect(await db.crisisPlanItem.count({ where: { ownerId: id } })).toBe(0);
    expect(await db.crisisContact.count({ where: { name: f.person.name } })).toBe(0);
    expect(await db.crisisContact.count({ where: { name: "Någon Annan" } })).toBe(1);

    // Not a trace of the name, the address or anything they wrote, in any table; except the ORGANIZER
    // of the cancellations just queued, which must match the invites the participants' calendars hold.
    const cancellations = await db.outboxMessage.findMany({ where: { kind: "session-cancel", icsContent: { contains: f.person.email } } });
    expect(cancellations).toHaveLength(1);
    expect(cancellations[0]!.icsContent).toMatch(new RegExp(`ORGANIZER;CN="${f.person.name}":MAILTO:${f.person.email}`));
    expect(cancellations[0]!.text).not.toContain(f.person.name);
    const dump = JSON.stringify(
      await Promise.all([
        db.person.findMany(),
        db.outboxMessage.findMany({ where: { id: { notIn: cancellations.map((c) => c.id) } } }),
        db.auditEvent.findMany(),
        db.reflection.findMany(),
        db.assignmentSubmission.findMany(),
        db.enrolment.findMany(),
        db.crisisContact.findMany(),
        db.loginAttempt.findMany(),
        db.rateLimitHit.findMany(),
      ]),
    );
    expect(dump).not.toContain(f.person.email);
    expect(dump).not.toMatch(new RegExp(`${f.person.name}(?!\\d)`));
    expect(dump).not.toContain(f.marker);
  });

  it("cancels the future handledning they lead (with a CANCEL to each participant) and takes them off future sessions; the past stays", async () => {
    const f = await personWithEverything(NOW);
    const result = await erasePerson(await admin(), f.person.id, NOW);
    expect(result).toMatchObject({ ok: true, value: { sessionsCancelled: 1, sessionsLeft: 1 } });
    expect(await db.handledningSession.findUniqueOrThrow({ where: { id: f.led.id } })).toMatchObject({ status: "cancelled", sequence: 1 });
    expect(await db.handledningSession.findUniqueOrThrow({ where: { id: f.ledPast.id } })).toMatchObject({ status: "scheduled" });
    const cancel = await db.outboxMessage.findFirstOrThrow({ where: { personId: f.other.id, kind: "session-cancel" } });
    expect(cancel).toMatchObject({ toEmail: f.other.email, icsMethod: "CANCEL", status: "pending" });
    const attendance = await db.attendance.findMany({ where: { personId: f.person.id }, include: { session: { select: { id: true } } } });
    expect(attendance.find((a) => a.session.id === f.future.id)?.status).toBe("removed");
    expect(attendance.filter((a) => a.status === "attended")).toHaveLength(1);
  });

  it("withdraws from the running cohort (the first on the waitlist gets the seat), keeps ended enrolments", async () => {
    const f = await personWithEverything(NOW);
    await erasePerson(await admin(), f.person.id, NOW);
    expect(await db.enrolment.findUniqueOrThrow({ where: { id: f.enrolled.id } })).toMatchObject({ status: "withdrawn", reason: null });
    expect(await db.enrolment.findUniqueOrThrow({ where: { id: f.waiting.id } })).toMatchObject({ status: "enrolled" });
    expect(await db.enrolment.count({ where: { personId: f.person.id, status: "enrolled" } })).toBe(1);
  });

  it("deletes unsent mail to them, scrubs sent mail and other people's mail that names them, and audit details", async () => {
    const f = await personWithEverything(NOW);
    await erasePerson(await admin(), f.person.id, NOW);
    expect(await db.outboxMessage.findUnique({ where: { id: f.pendingMail.id } })).toBeNull();
    expect(await db.outboxMessage.findUniqueOrThrow({ where: { id: f.sentMail.id } })).toMatchObject({
      toEmail: erasedEmail(f.person.id),
      status: "sent",
      subject: "Skickat",
      text: "[Raderat]",
    });
    expect((await db.outboxMessage.findUniqueOrThrow({ where: { id: f.otherMail.id } })).text).toBe(
      `Du bjuds in av ${ERASED_NAME} (${erasedEmail(f.person.id)}).`,
    );
    const imported = await db.auditEvent.findFirstOrThrow({ where: { action: "people.imported", detail: { contains: f.other.email } } });
    expect(JSON.parse(imported.detail)).toEqual({ count: 2, emails: [erasedEmail(f.person.id), f.other.email] });
  });

  it("records the erasure with counts only, never the old name or address", async () => {
    const f = await personWithEverything(NOW);
    const actor = await admin();
    await erasePerson(actor, f.person.id, NOW);
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "person.erased", subjectId: f.person.id } });
    expect(event.actorId).toBe(actor.id);
    expect(event.detail).not.toContain(f.person.email);
    expect(event.detail).not.toContain(f.person.name);
    expect(JSON.parse(event.detail)).toMatchObject({ sessionsCancelled: 1, enrolmentsWithdrawn: 1, emailsDeleted: 1 });
  });

  it("the erased person cannot log in, and a session they had is gone", async () => {
    const person = await createPerson();
    await erasePerson(await admin(), person.id, NOW);
    for (const email of [person.email, erasedEmail(person.id)]) {
      expect(await attemptLogin({ email, password: person.password, address: "203.0.113.77" })).toMatchObject({
        ok: false,
        errors: { _form: [INVALID_LOGIN] },
      });
    }
  });

  it("is refused for oneself, for a non-admin, for an unknown or already erased person", async () => {
    const a = await admin();
    expect(await erasePerson(a, a.id, NOW)).toMatchObject({
      ok: false,
      errors: { _form: ["Du kan inte radera dina egna uppgifter. Be en annan distriktsadmin."] },
    });
    const target = await createPerson();
    const facilitator = actorOf(await createPerson({ roles: ["facilitator"] }));
    expect((await erasePerson(facilitator, target.id, NOW)).ok).toBe(false);
    expect((await db.person.findUniqueOrThrow({ where: { id: target.id } })).name).toBe(target.name);
    expect((await erasePerson(a, "finns-inte", NOW)).ok).toBe(false);
    expect((await erasePerson(a, target.id, NOW)).ok).toBe(true);
    expect(await erasePerson(a, target.id, NOW)).toMatchObject({ ok: false, errors: { _form: ["Personens uppgifter är redan raderade."] } });
  });
});

describe("erasure and the goals", () => {
  it("every indicator has the same value before and after erasing a leader who completed the program and attended handledning", async () => {
    const leadership =
      (await db.program.findUnique({ where: { slug: "ledarskapsprogrammet" } })) ??
      (await db.program.create({ data: { slug: "ledarskapsprogrammet", title: "Ledarskapsprogrammet", descriptionHtml: "", order: 1, requiredSessions: 2 } }));
    const communicators =
      (await db.program.findUnique({ where: { slug: "kommunikatorsutbildningen" } })) ??
      (await db.program.create({ data: { slug: "kommunikatorsutbildningen", title: "Kommunikatörsutbildningen", descriptionHtml: "", order: 2 } }));
    const facilitator = await createPerson({ roles: ["facilitator"], branch: "Luleå" });
    const leader = await createPerson({ branch: "Pajala", position: "kommunalrad" });
    const colleague = await createPerson({ branch: "Pajala", position: "gruppledare" });
    const gone = await createPerson({ branch: "Pajala", position: "regionrad", active: false });
    for (const p of [leader, gone]) {
      await db.completion.create({ data: { personId: p.id, scope: "program", scopeId: leadership.id, completedAt: new Date("2026-05-01T10:00:00Z") } });
      await db.completion.create({ data: { personId: p.id, scope: "program", scopeId: communicators.id, completedAt: new Date("2026-06-01T10:00:00Z") } });
    }
    for (const days of [30, 60]) {
      const startsAt = new Date(NOW.getTime() - days * DAY);
      const s = await db.handledningSession.create({
        data: {
          uid: `${Math.random()}@t`,
          facilitatorId: facilitator.id,
          kind: "group",
          title: "H",
          startsAt,
          endsAt: new Date(startsAt.getTime() + 3_600_000),
        },
      });
      await db.attendance.create({ data: { sessionId: s.id, personId: leader.id, status: "attended" } });
      await db.attendance.create({ data: { sessionId: s.id, personId: colleague.id, status: "attended" } });
    }
    const cohort = await db.cohort.create({
      data: {
        programId: leadership.id,
        name: "Vårens omgång",
        startsOn: new Date("2026-02-01"),
        endsOn: new Date("2026-06-30"),
        enrolmentOpensAt: new Date("2026-01-01"),
        enrolmentClosesAt: new Date("2026-01-31"),
        capacity: 10,
        seatsTaken: 2,
        mode: "open",
      },
    });
    await db.enrolment.create({ data: { cohortId: cohort.id, personId: leader.id, status: "enrolled" } });
    await db.enrolment.create({ data: { cohortId: cohort.id, personId: colleague.id, status: "enrolled" } });

    const before = await indicatorNumbers("2026");
    const pajala = before.find((r) => r.key === "ledare-ledarskapsprogrammet")!.branches.find((b) => b.name === "Pajala")!;
    expect(pajala).toMatchObject({ numerator: 1, denominator: 2 });

    const a = await admin();
    expect((await erasePerson(a, leader.id, NOW)).ok).toBe(true);
    // Erasing someone already deactivated does not bring them back into the numbers either.
    expect((await erasePerson(a, gone.id, NOW)).ok).toBe(true);
    expect(await indicatorNumbers("2026")).toEqual(before);
    expect(await indicatorNumbers("2025")).not.toBeNull();
  });
});

describe("scrubbing text", () => {
  it("replaces the whole name and the address, and leaves a longer name alone", () => {
    const scrub = scrubber("Anna Berg", "anna.berg@example.se", "raderad-1@invalid");
    expect(scrub("Hej Anna Berg! Skriv till anna.berg@example.se eller ANNA.BERG@example.se.")).toBe(
      "Hej Raderad person! Skriv till raderad-1@invalid eller raderad-1@invalid.",
    );
    expect(scrub("Anna Bergström och Annika Anna Berg")).toBe("Anna Bergström och Annika Raderad person");
    expect(scrubJson(JSON.stringify({ before: { name: "Anna Berg" }, n: 3 }), scrub)).toBe(JSON.stringify({ before: { name: "Raderad person" }, n: 3 }));
    const untouched = '{ "a": 1 }';
    expect(scrubJson(untouched, scrub)).toBe(untouched);
  });
});
