import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { actorOf } from "~/modules/auth/session.server";
import { syncContent } from "~/modules/catalog/sync.server";
import { basicContent, writeContent } from "../../../tests/integration/content-fixture";
import { branchId, createPerson } from "../../../tests/integration/helpers";
import { isoDay } from "../../../tests/support/dates";
import { createCohort, hasProgramAccess } from "./cohorts.server";
import {
  commitBulk,
  decide,
  enrolmentOfferFor,
  enrolSelf,
  loadCohort,
  ownEnrolment,
  previewBulk,
  SEAT_GONE,
  undoWithdrawal,
  withdraw,
} from "./enrolment.server";
import type { ActionResult } from "~/utils/action-result";
import type { CohortInput } from "./cohort-schema";

/** The placement of an enrolment that was not refused. */
const placed = <T>(result: ActionResult<T>): T => {
  if (!result.ok) throw new Error(result.message);
  return result.value;
};

let programId: string;

async function cohort(over: Partial<CohortInput> = {}) {
  const facilitator = await createPerson({ roles: ["facilitator"] });
  const result = await createCohort("admin", {
    name: "Testomgång",
    programId,
    startsOn: isoDay(10),
    endsOn: isoDay(100),
    enrolmentOpensOn: isoDay(-1),
    enrolmentClosesOn: isoDay(5),
    capacity: 2,
    mode: "open",
    facilitatorIds: [facilitator.id],
    branchIds: [],
    positions: [],
    ...over,
  });
  if (!result.ok) throw new Error(result.message);
  return { id: result.value.id, facilitator };
}

const actor = async (p: Awaited<ReturnType<typeof createPerson>>) => actorOf(p);
const statusOf = async (cohortId: string, personId: string) =>
  (await db.enrolment.findUnique({ where: { cohortId_personId: { cohortId, personId } } }))?.status;
const mailKinds = async (personId: string) => (await db.outboxMessage.findMany({ where: { personId }, orderBy: { createdAt: "asc" } })).map((m) => m.kind);

beforeAll(async () => {
  await syncContent(writeContent(basicContent("enrolmentOnly: true")));
  programId = (await db.program.findUniqueOrThrow({ where: { slug: "testprogram" } })).id;
});

describe("enrolling", () => {
  it("a full cohort puts the next person on the waitlist; a withdrawal promotes the first at once and tells them", async () => {
    const c = await cohort({ capacity: 1 });
    const [a, b, d] = await Promise.all([createPerson(), createPerson(), createPerson()]);
    expect(await enrolSelf(await actor(a), c.id)).toEqual({ ok: true, value: { outcome: "enrolled" } });
    expect(await enrolSelf(await actor(b), c.id)).toEqual({ ok: true, value: { outcome: "waitlisted", place: 1 } });
    expect(await enrolSelf(await actor(d), c.id)).toEqual({ ok: true, value: { outcome: "waitlisted", place: 2 } });
    const enrolmentA = await db.enrolment.findFirstOrThrow({ where: { cohortId: c.id, personId: a.id } });
    expect(await withdraw(await actor(a), enrolmentA.id, "Flyttar")).toEqual({ withdrawn: true, own: true, from: "enrolled" });
    expect(await statusOf(c.id, b.id)).toBe("enrolled");
    expect(await statusOf(c.id, d.id)).toBe("waitlisted");
    expect(await mailKinds(b.id)).toEqual(["enrolment-waitlisted", "enrolment-promoted"]);
    expect((await db.cohort.findUniqueOrThrow({ where: { id: c.id } })).seatsTaken).toBe(1);
  });

  it("enrolling again after leaving works", async () => {
    const c = await cohort();
    const a = await createPerson();
    await enrolSelf(await actor(a), c.id);
    const e = await db.enrolment.findFirstOrThrow({ where: { cohortId: c.id, personId: a.id } });
    await withdraw(await actor(a), e.id, "");
    expect(await statusOf(c.id, a.id)).toBe("withdrawn");
    expect(await enrolSelf(await actor(a), c.id)).toEqual({ ok: true, value: { outcome: "enrolled" } });
  });

  it("refuses outside the window, when not eligible, and in an invitation-only cohort", async () => {
    const p = await createPerson({ branch: "Kiruna", position: "medlem" });
    const early = await cohort({ enrolmentOpensOn: isoDay(2), enrolmentClosesOn: isoDay(5) });
    const late = await cohort({ enrolmentOpensOn: isoDay(-10), enrolmentClosesOn: isoDay(-2) });
    const otherBranch = await cohort({ branchIds: [await branchId("Luleå")] });
    const leadersOnly = await cohort({ positions: ["kommunalrad", "gruppledare"] });
    const invitation = await cohort({ mode: "invitation" });
    const me = await actor(p);
    expect(await enrolSelf(me, early.id)).toMatchObject({
      ok: false,
      errors: { _form: [expect.stringMatching(/^Anmälan har inte öppnat än. Den öppnar \d+ \w+ \d{4}\.$/)] },
    });
    expect(await enrolSelf(me, late.id)).toMatchObject({ ok: false, errors: { _form: [expect.stringMatching(/^Anmälan stängde \d+ \w+ \d{4}\.$/)] } });
    expect(await enrolSelf(me, otherBranch.id)).toMatchObject({ ok: false, errors: { _form: [expect.stringContaining("arbetarekommun")] } });
    expect(await enrolSelf(me, leadersOnly.id)).toMatchObject({ ok: false, errors: { _form: [expect.stringContaining("befattning")] } });
    expect(await enrolSelf(me, invitation.id)).toMatchObject({ ok: false, errors: { _form: [expect.stringContaining("inbjudna")] } });
    expect(await db.enrolment.count({ where: { personId: p.id } })).toBe(0);
  });

  it("the page offers what the action will do: a seat, the waitlist with the place, an application, or the reason there is none", async () => {
    const p = await createPerson({ branch: "Kiruna", position: "medlem" });
    const me = await actor(p);
    const person = { branchId: p.branchId, position: p.position, active: true };
    const offerOf = async (id: string) => enrolmentOfferFor(await loadCohort(id), person);

    const open = await cohort({ capacity: 1 });
    expect(await offerOf(open.id)).toEqual({ kind: "enrol" });
    await enrolSelf(await actor(await createPerson()), open.id);
    await enrolSelf(await actor(await createPerson()), open.id);
    expect(await offerOf(open.id)).toEqual({ kind: "waitlist", place: 2 });
    expect(await enrolSelf(me, open.id)).toEqual({ ok: true, value: { outcome: "waitlisted", place: 2 } });

    const approval = await cohort({ mode: "approval", capacity: 1 });
    expect(await offerOf(approval.id)).toEqual({ kind: "apply", full: false });
    await commitBulk(actorOf(approval.facilitator), await loadCohort(approval.id), [(await createPerson()).id]);
    expect(await offerOf(approval.id)).toEqual({ kind: "apply", full: true });
    expect(await enrolSelf(me, approval.id)).toEqual({ ok: true, value: { outcome: "pending" } });

    // Where the page shows a reason instead of a button, the action refuses with that same reason.
    const otherBranch = await cohort({ branchIds: [await branchId("Luleå")] });
    const offer = await offerOf(otherBranch.id);
    expect(offer).toEqual({ kind: "refused", reason: "Du kan inte anmäla dig: omgången är inte öppen för din arbetarekommun." });
    expect(await enrolSelf(me, otherBranch.id)).toMatchObject({ ok: false, errors: { _form: [offer.kind === "refused" ? offer.reason : ""] } });
  });

  it("an application's receipt names who decides on it: the cohort's Utvecklingsledare, or the district's admins when it has none", async () => {
    const led = await cohort({ mode: "approval" });
    const unled = await cohort({ mode: "approval", facilitatorIds: [] });
    const p = await createPerson();
    await enrolSelf(await actor(p), led.id);
    await enrolSelf(await actor(p), unled.id);
    const receipts = await db.outboxMessage.findMany({ where: { personId: p.id, kind: "enrolment-pending" }, orderBy: { createdAt: "asc" } });
    expect(receipts[0]!.text).toContain(`Utvecklingsledaren ${led.facilitator.name} går igenom din ansökan.`);
    expect(receipts[1]!.text).toContain("Omgången har ingen utvecklingsledare än, så distriktets administratörer går igenom din ansökan.");
    expect(receipts[1]!.text).not.toContain("Utvecklingsledaren");
  });

  it("in approval mode the application waits for the cohort's facilitator, who approves or declines with a reason", async () => {
    const c = await cohort({ mode: "approval", capacity: 1 });
    const [a, b] = await Promise.all([createPerson(), createPerson()]);
    expect(await enrolSelf(await actor(a), c.id)).toEqual({ ok: true, value: { outcome: "pending" } });
    expect(await enrolSelf(await actor(b), c.id)).toEqual({ ok: true, value: { outcome: "pending" } });
    const [ea, eb] = await Promise.all([a, b].map((p) => db.enrolment.findFirstOrThrow({ where: { cohortId: c.id, personId: p.id } })));

    const stranger = await createPerson({ roles: ["facilitator"] });
    await expect(decide(await actor(stranger), ea!.id, "approve", "")).rejects.toMatchObject({ status: 403 });
    expect(await decide(actorOf(c.facilitator), ea!.id, "approve", "")).toEqual({ ok: true, value: { status: "enrolled" } });
    expect(await decide(actorOf(c.facilitator), ea!.id, "approve", "")).toMatchObject({ ok: false });
    expect(await decide(actorOf(c.facilitator), eb!.id, "decline", "Omgången är för kommunalråd")).toEqual({ ok: true, value: { status: "declined" } });
    expect(await mailKinds(b.id)).toEqual(["enrolment-pending", "enrolment-declined"]);
    expect((await db.enrolment.findUniqueOrThrow({ where: { id: eb!.id } })).reason).toBe("Omgången är för kommunalråd");
  });

  it("opens an enrolment-only program's courses to enrolled people only", async () => {
    const c = await cohort();
    const [a, b] = await Promise.all([createPerson(), createPerson()]);
    await enrolSelf(await actor(a), c.id);
    expect(await hasProgramAccess(a.id, programId)).toBe(true);
    expect(await hasProgramAccess(b.id, programId)).toBe(false);
  });
});

describe("taking back a withdrawal", () => {
  const enrolmentOf = (cohortId: string, personId: string) => db.enrolment.findFirstOrThrow({ where: { cohortId, personId } });
  const minutes = (n: number) => new Date(Date.now() + n * 60_000);

  it("within ten minutes gives back the seat if it is still free, the place in the queue as it was, or the application", async () => {
    const c = await cohort({ capacity: 1 });
    const [seated, first, second] = await Promise.all([createPerson(), createPerson(), createPerson()]);
    for (const p of [seated, first, second]) await enrolSelf(await actor(p), c.id);

    // The first in the queue leaves and comes back: number 1 again, ahead of the one who stayed.
    const queued = await enrolmentOf(c.id, first.id);
    await withdraw(await actor(first), queued.id, "");
    expect((await ownEnrolment(await loadCohort(c.id), first.id))?.undo).toMatchObject({ from: "waitlisted" });
    expect(await undoWithdrawal(await actor(first), queued.id, minutes(9))).toEqual({ ok: true, value: { status: "waitlisted", place: 1 } });

    const approval = await cohort({ mode: "approval" });
    await enrolSelf(await actor(second), approval.id);
    const application = await enrolmentOf(approval.id, second.id);
    await withdraw(await actor(second), application.id, "");
    expect(await undoWithdrawal(await actor(second), application.id)).toEqual({ ok: true, value: { status: "pending", place: null } });

    // A seat nobody has taken (no one was waiting for it) comes back, counted once.
    const roomy = await cohort({ capacity: 3 });
    await enrolSelf(await actor(seated), roomy.id);
    const seat = await enrolmentOf(roomy.id, seated.id);
    await withdraw(await actor(seated), seat.id, "Fel omgång");
    expect((await db.cohort.findUniqueOrThrow({ where: { id: roomy.id } })).seatsTaken).toBe(0);
    expect(await undoWithdrawal(await actor(seated), seat.id)).toEqual({ ok: true, value: { status: "enrolled", place: null } });
    // A second click of the same button changes nothing more.
    expect(await undoWithdrawal(await actor(seated), seat.id)).toEqual({ ok: true, value: { status: "enrolled", place: null } });
    expect((await db.cohort.findUniqueOrThrow({ where: { id: roomy.id } })).seatsTaken).toBe(1);
    expect(await db.enrolment.findUniqueOrThrow({ where: { id: seat.id } })).toMatchObject({ reason: null, withdrawnAt: null, withdrawnFrom: null });
  });

  it("is refused when the seat went to the waitlist, when the time is up, for someone else's enrolment, and after a removal by the cohort's leader", async () => {
    const c = await cohort({ capacity: 1 });
    const [seated, waiting] = await Promise.all([createPerson(), createPerson()]);
    await enrolSelf(await actor(seated), c.id);
    await enrolSelf(await actor(waiting), c.id);
    const seat = await enrolmentOf(c.id, seated.id);
    await withdraw(await actor(seated), seat.id, "");
    expect(await statusOf(c.id, waiting.id)).toBe("enrolled");
    // The page does not offer it, and the action refuses it, changing nothing.
    expect((await ownEnrolment(await loadCohort(c.id), seated.id))?.undo).toBeNull();
    expect(await undoWithdrawal(await actor(seated), seat.id)).toMatchObject({ ok: false, errors: { _form: [SEAT_GONE] } });
    expect(await statusOf(c.id, seated.id)).toBe("withdrawn");
    expect((await db.cohort.findUniqueOrThrow({ where: { id: c.id } })).seatsTaken).toBe(1);

    const roomy = await cohort({ capacity: 5 });
    const late = await createPerson();
    await enrolSelf(await actor(late), roomy.id);
    const lateSeat = await enrolmentOf(roomy.id, late.id);
    await withdraw(await actor(late), lateSeat.id, "");
    await expect(undoWithdrawal(await actor(waiting), lateSeat.id)).rejects.toMatchObject({ status: 403 });
    expect(await undoWithdrawal(await actor(late), lateSeat.id, minutes(11))).toMatchObject({
      ok: false,
      errors: { _form: ["Avanmälan kan inte längre ångras. Vill du vara med kan du anmäla dig på nytt."] },
    });
    expect(await statusOf(roomy.id, late.id)).toBe("withdrawn");

    const removed = await createPerson();
    await enrolSelf(await actor(removed), roomy.id);
    const removedSeat = await enrolmentOf(roomy.id, removed.id);
    await withdraw(actorOf(roomy.facilitator), removedSeat.id, "Fel person");
    expect(await undoWithdrawal(await actor(removed), removedSeat.id)).toMatchObject({ ok: false });
    expect(await statusOf(roomy.id, removed.id)).toBe("withdrawn");
  });
});

describe("under pressure", () => {
  it("ten people racing for the last two seats never overbook them", async () => {
    const c = await cohort({ capacity: 2 });
    const people = await Promise.all(Array.from({ length: 10 }, () => createPerson()));
    const actors = await Promise.all(people.map(actor));
    const outcomes = (await Promise.all(actors.map((a) => enrolSelf(a, c.id)))).map(placed);
    expect(outcomes.filter((o) => o.outcome === "enrolled")).toHaveLength(2);
    expect(outcomes.filter((o) => o.outcome === "waitlisted")).toHaveLength(8);
    expect(await db.enrolment.count({ where: { cohortId: c.id, status: "enrolled" } })).toBe(2);
    expect((await db.cohort.findUniqueOrThrow({ where: { id: c.id } })).seatsTaken).toBe(2);
    const places = outcomes.flatMap((o) => (o.outcome === "waitlisted" ? [o.place] : [])).sort((x, y) => x - y);
    expect(places).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it("a double-submitted enrolment enrols once and takes one seat", async () => {
    const c = await cohort({ capacity: 5 });
    const p = await createPerson();
    const a = await actor(p);
    const outcomes = (await Promise.all(Array.from({ length: 6 }, () => enrolSelf(a, c.id)))).map(placed);
    expect(outcomes.filter((o) => o.outcome === "enrolled")).toHaveLength(1);
    expect(outcomes.filter((o) => o.outcome === "already")).toHaveLength(5);
    expect(await db.enrolment.count({ where: { cohortId: c.id } })).toBe(1);
    expect((await db.cohort.findUniqueOrThrow({ where: { id: c.id } })).seatsTaken).toBe(1);
    expect(await db.outboxMessage.count({ where: { personId: p.id, kind: "enrolment-confirmed" } })).toBe(1);
  });

  it("a seat freed by parallel withdrawals promotes each waiting person once", async () => {
    const c = await cohort({ capacity: 2 });
    const people = await Promise.all(Array.from({ length: 5 }, () => createPerson()));
    for (const p of people) await enrolSelf(await actor(p), c.id);
    const seated = await db.enrolment.findMany({ where: { cohortId: c.id, status: "enrolled" } });
    const admin = await createPerson({ roles: ["admin"] });
    // Both seated people leave, each twice (a double click), all at once.
    await Promise.all(seated.flatMap((e) => [withdraw(actorOf(admin), e.id, "test"), withdraw(actorOf(admin), e.id, "test")]));
    expect(await db.enrolment.count({ where: { cohortId: c.id, status: "enrolled" } })).toBe(2);
    expect(await db.enrolment.count({ where: { cohortId: c.id, status: "waitlisted" } })).toBe(1);
    expect((await db.cohort.findUniqueOrThrow({ where: { id: c.id } })).seatsTaken).toBe(2);
    expect(await db.outboxMessage.count({ where: { personId: { in: people.map((p) => p.id) }, kind: "enrolment-promoted" } })).toBe(2);
  });
});

describe("bulk enrolment", () => {
  it("previews each person's outcome before writing, then enrols the eligible ones", async () => {
    const c = await cohort({ capacity: 2, branchIds: [await branchId("Kiruna")] });
    const already = await createPerson({ branch: "Kiruna" });
    await enrolSelf(await actor(already), c.id);
    const k1 = await createPerson({ branch: "Kiruna" });
    const k2 = await createPerson({ branch: "Kiruna" });
    const lulea = await createPerson({ branch: "Luleå" });
    const loaded = await loadCohort(c.id);
    const ids = [already.id, k1.id, k2.id, lulea.id];
    const preview = await previewBulk(loaded, ids);
    const outcome = Object.fromEntries(preview.map((r) => [r.personId, r.outcome]));
    expect(outcome).toEqual({
      [already.id]: "already",
      [k1.id]: expect.stringMatching(/enrol|waitlist/),
      [k2.id]: expect.stringMatching(/enrol|waitlist/),
      [lulea.id]: "not-eligible",
    });
    expect(preview.filter((r) => r.outcome === "enrol")).toHaveLength(1);
    expect(await db.enrolment.count({ where: { cohortId: c.id } })).toBe(1);

    expect(await commitBulk(actorOf(c.facilitator), loaded, ids)).toEqual({ enrolled: 1, waitlisted: 1, skipped: 2 });
    expect(await db.enrolment.count({ where: { cohortId: c.id } })).toBe(3);
  });

  it("previews a selection of more than a thousand people (a whole branch of a big district)", async () => {
    const c = await cohort({ capacity: 1_000, branchIds: [await branchId("Piteå")] });
    const pitea = await branchId("Piteå");
    const many = Array.from({ length: 1_100 }, (_, i) => ({
      id: `bulk-${i}`,
      email: `bulk-${i}@example.se`,
      name: `Deltagare ${String(i).padStart(4, "0")}`,
      position: "medlem",
      branchId: pitea,
    }));
    await db.person.createMany({ data: many });
    const preview = await previewBulk(
      await loadCohort(c.id),
      many.map((p) => p.id),
    );
    expect(preview).toHaveLength(1_100);
    expect(preview.filter((r) => r.outcome === "enrol")).toHaveLength(1_000);
    expect(preview.filter((r) => r.outcome === "waitlist")).toHaveLength(100);
    expect(preview[0]!.name).toBe("Deltagare 0000");
  });
});

describe("a facilitator's follow-up", () => {
  it("shows each running cohort's progress and who is falling behind", async () => {
    const { facilitatorFollowUp } = await import("./cohorts.server");
    const c = await cohort({ startsOn: isoDay(-50), endsOn: isoDay(50), enrolmentOpensOn: isoDay(-60), enrolmentClosesOn: isoDay(5), capacity: 5 });
    const [ahead, behind] = await Promise.all([createPerson(), createPerson()]);
    const loaded = await loadCohort(c.id);
    await commitBulk(actorOf(c.facilitator), loaded, [ahead.id, behind.id]);
    const lessons = await db.lesson.findMany({ where: { module: { course: { programId } }, required: true, retiredAt: null } });
    for (const l of lessons) await db.lessonProgress.create({ data: { personId: ahead.id, lessonId: l.id, completedAt: new Date() } });
    const [row] = await facilitatorFollowUp(c.facilitator.id);
    expect(row!.expected).toBeGreaterThanOrEqual(49);
    expect(row!.expected).toBeLessThanOrEqual(51);
    expect(row!.behind).toEqual([{ name: behind.name, percent: 0 }]);
    expect(row!.average).toBe(50);
    const other = await createPerson({ roles: ["facilitator"] });
    expect(await facilitatorFollowUp(other.id)).toEqual([]);
  });
});
