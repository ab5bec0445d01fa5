import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { syncContent } from "~/modules/catalog/sync.server";
import { createCohort } from "~/modules/enrolment/cohorts.server";
import { action as cohortAction, loader as cohortLoader } from "~/routes/cohorts.$cohortId._index";
import { action as bulkAction, loader as bulkLoader } from "~/routes/cohorts.$cohortId.bulk";
import { action as newCohortAction } from "~/routes/admin.cohorts.new";
import { basicContent, writeContent } from "./content-fixture";
import { isoDay } from "../support/dates";
import { branchId, createPerson, formRequest, getRequest, settle, signedIn } from "./helpers";

const context = { clientAddress: "203.0.113.11" };
let programId: string;

async function cohort(capacity: number, facilitatorId: string, mode: "open" | "approval" = "open", branchIds: string[] = []) {
  const r = await createCohort("admin", {
    name: "Omgång",
    programId,
    startsOn: isoDay(5),
    endsOn: isoDay(50),
    enrolmentOpensOn: isoDay(-1),
    enrolmentClosesOn: isoDay(3),
    capacity,
    mode,
    facilitatorIds: [facilitatorId],
    branchIds,
    positions: [],
  });
  if (!r.ok) throw new Error(r.message);
  return r.value.id;
}

const load = async (cohortId: string, cookie: string) =>
  (await settle(() => cohortLoader({ request: getRequest(`/cohorts/${cohortId}`, cookie), context, params: { cohortId } }))).json();

const post = (cohortId: string, fields: Record<string, string | string[]>, cookie: string) =>
  settle(() => cohortAction({ request: formRequest(`/cohorts/${cohortId}`, fields, { cookie }), context, params: { cohortId } }));

beforeAll(async () => {
  await syncContent(writeContent(basicContent()));
  programId = (await db.program.findUniqueOrThrow({ where: { slug: "testprogram" } })).id;
});

describe("cohort routes", () => {
  it("parallel enrol requests from many people never overbook the last seat", async () => {
    const f = await signedIn({ roles: ["facilitator"] });
    const id = await cohort(1, f.id);
    const people = await Promise.all(Array.from({ length: 8 }, () => signedIn()));
    const responses = await Promise.all(people.map((p) => post(id, { intent: "enrol" }, p.cookie)));
    expect(responses.every((r) => r.status === 302)).toBe(true);
    expect(await db.enrolment.count({ where: { cohortId: id, status: "enrolled" } })).toBe(1);
    expect(await db.enrolment.count({ where: { cohortId: id, status: "waitlisted" } })).toBe(7);
  });

  it("someone who cannot enrol is told why instead of offered the button, and a forged enrol post is refused", async () => {
    const f = await signedIn({ roles: ["facilitator"] });
    const id = await cohort(5, f.id, "open", [await branchId("Luleå")]);
    const kiruna = await signedIn({ branch: "Kiruna" });
    expect((await load(id, kiruna.cookie)).offer).toEqual({
      kind: "refused",
      reason: "Du kan inte anmäla dig: omgången är inte öppen för din arbetarekommun.",
    });
    const forged = await post(id, { intent: "enrol" }, kiruna.cookie);
    expect(forged.status).toBe(403);
    expect((await forged.json()).errors._form).toEqual(["Du kan inte anmäla dig: omgången är inte öppen för din arbetarekommun."]);
    expect(await db.enrolment.count({ where: { cohortId: id } })).toBe(0);
    // Someone from the branch is offered the seat.
    expect((await load(id, (await signedIn({ branch: "Luleå" })).cookie)).offer).toEqual({ kind: "enrol" });
  });

  it("a full cohort offers its waitlist up front, with the place the next person would get", async () => {
    const f = await signedIn({ roles: ["facilitator"] });
    const id = await cohort(1, f.id);
    await post(id, { intent: "enrol" }, (await signedIn()).cookie);
    const next = await signedIn();
    expect((await load(id, next.cookie)).offer).toEqual({ kind: "waitlist", place: 1 });
    const res = await post(id, { intent: "enrol" }, next.cookie);
    await expect(res).toFlash("Omgången är full. Du står på väntelistan som nummer 1.");
  });

  it("the confirmation of an application says who reviews it; withdrawing and restoring it speak of the application", async () => {
    const f = await signedIn({ roles: ["facilitator"] });
    const id = await cohort(5, f.id, "approval");
    const applicant = await signedIn();
    const res = await post(id, { intent: "enrol" }, applicant.cookie);
    await expect(res).toFlash(`Din ansökan är skickad. Utvecklingsledaren ${f.name} går igenom din ansökan. Du får besked via e-post.`);
    // Withdrawn and restored, it says so in the words of an application.
    const { mine } = await load(id, applicant.cookie);
    await expect(await post(id, { intent: "withdraw", enrolmentId: mine.id, reason: "" }, applicant.cookie)).toFlash(
      "Din ansökan till Omgång är tillbakadragen.",
    );
    await expect(await post(id, { intent: "undo-withdraw", enrolmentId: mine.id }, applicant.cookie)).toFlash(
      "Ansökan är återställd och väntar på beslut igen.",
    );
    expect((await db.enrolment.findUniqueOrThrow({ where: { id: mine.id } })).status).toBe("pending");
  });

  it("after leaving, the page offers to take it back while the seat is free; once the seat went to the waitlist it is refused", async () => {
    const f = await signedIn({ roles: ["facilitator"] });
    const id = await cohort(1, f.id);
    const me = await signedIn();
    await post(id, { intent: "enrol" }, me.cookie);
    const { mine } = await load(id, me.cookie);
    const left = await post(id, { intent: "withdraw", enrolmentId: mine.id, reason: "" }, me.cookie);
    expect(left).toRedirectTo(`/cohorts/${id}`);
    await expect(left).toFlash("Du är avanmäld från Omgång.");
    const after = await load(id, me.cookie);
    expect(after.mine.undo).toMatchObject({ from: "enrolled", until: expect.stringMatching(/^\d\d:\d\d$/) });
    await expect(await post(id, { intent: "undo-withdraw", enrolmentId: mine.id }, me.cookie)).toFlash("Avanmälan är ångrad: du har kvar din plats i Omgång.");
    expect((await db.enrolment.findUniqueOrThrow({ where: { id: mine.id } })).status).toBe("enrolled");

    // Leaves again, and someone else takes the free seat before the undo.
    await post(id, { intent: "withdraw", enrolmentId: mine.id, reason: "" }, me.cookie);
    const other = await signedIn();
    await post(id, { intent: "enrol" }, other.cookie);
    expect((await load(id, me.cookie)).mine.undo).toBeNull();
    const refused = await post(id, { intent: "undo-withdraw", enrolmentId: mine.id }, me.cookie);
    expect(refused.status).toBe(409);
    expect((await refused.json()).errors._form).toEqual([
      "Platsen har redan gått till någon annan. Vill du fortfarande vara med kan du ställa dig på väntelistan.",
    ]);
    expect((await db.enrolment.findUniqueOrThrow({ where: { id: mine.id } })).status).toBe("withdrawn");
    // Someone else cannot take back my withdrawal.
    expect((await post(id, { intent: "undo-withdraw", enrolmentId: mine.id }, other.cookie)).status).toBe(403);
  });

  it("a double-submitted form enrols once", async () => {
    const f = await signedIn({ roles: ["facilitator"] });
    const id = await cohort(3, f.id);
    const me = await signedIn();
    await Promise.all([post(id, { intent: "enrol" }, me.cookie), post(id, { intent: "enrol" }, me.cookie), post(id, { intent: "enrol" }, me.cookie)]);
    expect(await db.enrolment.count({ where: { cohortId: id, personId: me.id } })).toBe(1);
    expect((await db.cohort.findUniqueOrThrow({ where: { id } })).seatsTaken).toBe(1);
  });

  it("refuses a forged post withdrawing someone else, or approving in someone else's cohort", async () => {
    const f = await signedIn({ roles: ["facilitator"] });
    const id = await cohort(5, f.id, "approval");
    const victim = await signedIn();
    const attacker = await signedIn();
    await post(id, { intent: "enrol" }, victim.cookie);
    const enrolment = await db.enrolment.findFirstOrThrow({ where: { cohortId: id, personId: victim.id } });
    expect((await post(id, { intent: "withdraw", enrolmentId: enrolment.id, reason: "" }, attacker.cookie)).status).toBe(403);
    expect((await post(id, { intent: "approve", enrolmentId: enrolment.id }, attacker.cookie)).status).toBe(403);
    const otherFacilitator = await signedIn({ roles: ["facilitator"] });
    expect((await post(id, { intent: "approve", enrolmentId: enrolment.id }, otherFacilitator.cookie)).status).toBe(403);
    // An enrolment id from another cohort, posted to this one.
    const otherCohort = await cohort(5, otherFacilitator.id);
    expect((await post(otherCohort, { intent: "approve", enrolmentId: enrolment.id }, otherFacilitator.cookie)).status).toBe(403);
    expect((await db.enrolment.findUniqueOrThrow({ where: { id: enrolment.id } })).status).toBe("pending");

    const decline = await post(id, { intent: "decline", enrolmentId: enrolment.id, reason: "" }, f.cookie);
    expect(decline.status).toBe(400);
    expect((await decline.json()).errors.reason).toEqual(["Skriv en anledning till beslutet."]);
    expect(await post(id, { intent: "approve", enrolmentId: enrolment.id }, f.cookie)).toRedirectTo(`/cohorts/${id}`);
    expect((await db.enrolment.findUniqueOrThrow({ where: { id: enrolment.id } })).status).toBe("enrolled");
  });

  it("shows participants and progress to the cohort's facilitators and admins only", async () => {
    const f = await signedIn({ roles: ["facilitator"] });
    const id = await cohort(5, f.id);
    const learner = await signedIn();
    await post(id, { intent: "enrol" }, learner.cookie);
    const asLearner = await (
      await settle(() => cohortLoader({ request: getRequest(`/cohorts/${id}`, learner.cookie), context, params: { cohortId: id } }))
    ).json();
    expect(asLearner.roster).toBeNull();
    const other = await signedIn({ roles: ["facilitator"] });
    const asOther = await (await settle(() => cohortLoader({ request: getRequest(`/cohorts/${id}`, other.cookie), context, params: { cohortId: id } }))).json();
    expect(asOther.roster).toBeNull();
    const asOwn = await (await settle(() => cohortLoader({ request: getRequest(`/cohorts/${id}`, f.cookie), context, params: { cohortId: id } }))).json();
    expect(asOwn.roster.map((r: { personId: string }) => r.personId)).toEqual([learner.id]);
    expect((await settle(() => bulkLoader({ request: getRequest(`/cohorts/${id}/bulk`, learner.cookie), context, params: { cohortId: id } }))).status).toBe(
      403,
    );
  });

  it("previews a CSV with good and bad rows, then enrols the good ones", async () => {
    const f = await signedIn({ roles: ["facilitator"] });
    const id = await cohort(10, f.id);
    const [a, b] = await Promise.all([createPerson(), createPerson()]);
    const csv = `e-post\n${a.email}\ninte-en-adress\nokand@example.se\n${b.email.toUpperCase()}\n`;
    const previewed = await settle(() =>
      bulkAction({
        request: formRequest(`/cohorts/${id}/bulk`, { intent: "preview-csv", csvText: csv }, { cookie: f.cookie }),
        context,
        params: { cohortId: id },
      }),
    );
    const body = await previewed.json();
    expect(body.preview.rows.map((r: { personId: string; outcome: string }) => [r.personId, r.outcome]).sort()).toEqual(
      [
        [a.id, "enrol"],
        [b.id, "enrol"],
      ].sort(),
    );
    expect(body.preview.problems).toEqual([
      { line: 3, value: "inte-en-adress", message: "ogiltig e-postadress" },
      { line: 4, value: "okand@example.se", message: "ingen person med den e-postadressen" },
    ]);
    expect(await db.enrolment.count({ where: { cohortId: id } })).toBe(0);
    const committed = await settle(() =>
      bulkAction({
        request: formRequest(`/cohorts/${id}/bulk`, { intent: "commit", personIds: [a.id, b.id] }, { cookie: f.cookie }),
        context,
        params: { cohortId: id },
      }),
    );
    expect(committed).toRedirectTo(`/cohorts/${id}`);
    expect(await db.enrolment.count({ where: { cohortId: id, status: "enrolled" } })).toBe(2);
  });

  it("a cohort form with mistakes answers beside the fields and keeps what was typed", async () => {
    const admin = await signedIn({ roles: ["admin"] });
    const res = await settle(() =>
      newCohortAction({
        request: formRequest(
          "/admin/cohorts/new",
          {
            name: "Vå",
            programId,
            startsOn: "2027-05-01",
            endsOn: "2027-04-01",
            enrolmentOpensOn: "2027-13-45",
            enrolmentClosesOn: "2027-03-01",
            capacity: "0",
            mode: "open",
          },
          { cookie: admin.cookie },
        ),
        context,
        params: {},
      }),
    );
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.errors.name).toEqual(["Namnet måste vara minst 3 tecken."]);
    expect(body.errors.capacity).toEqual(["Minst 1 plats."]);
    expect(body.errors.enrolmentOpensOn[0]).toMatch(/riktigt datum/);
    expect(body.values).toMatchObject({ name: "Vå", startsOn: "2027-05-01" });
    const participant = await signedIn();
    const refused = await settle(() =>
      newCohortAction({ request: formRequest("/admin/cohorts/new", { name: "Smyg" }, { cookie: participant.cookie }), context, params: {} }),
    );
    expect(refused.status).toBe(403);
  });
});
