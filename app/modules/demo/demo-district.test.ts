import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { attemptLogin } from "~/modules/auth/login.server";
import { actorOf } from "~/modules/auth/session.server";
import { feedFor } from "~/modules/calendar/feed.server";
import { crisisAccess } from "~/modules/crisis/crisis.server";
import { ensureTemplate } from "~/modules/crisis/template.server";
import { isLeadingPosition, positionLabel } from "~/modules/people/positions";
import { parseWithIcalJs } from "../../../tests/calendar/parsers";
import { DEMO_FEED_TOKEN } from "./demo-sessions.server";
import { DEMO_LOGINS, DEMO_PASSWORD, seedDistrict, type SeedOutcome } from "./demo-district.server";

describe("demo district", () => {
  // Seeded once for the file, in a hook with its own limit: 3 s on SQLite and 5 s on
  // PostgreSQL on an idle machine. Seeding inside the one test ran past its 20 s on a
  // busy machine (PostgreSQL); the checks themselves take milliseconds.
  let first: SeedOutcome;
  beforeAll(async () => {
    // The crisis plans are seeded only where the template is loaded, as content sync does before a start.
    await ensureTemplate(path.resolve("content/krisplan/mall.md"));
    first = await seedDistrict({ demo: true });
  }, 30_000);

  it("loads 14 branches and the demo people into an empty database", async () => {
    expect(first).toBe("seeded");
    expect(await db.branch.count()).toBe(14);
    const people = await db.person.findMany();
    expect(people.filter((p) => p.isAdmin)).toHaveLength(1);
    expect(people.filter((p) => p.isFacilitator)).toHaveLength(2);
    const participants = people.filter((p) => p.isParticipant);
    expect(participants.length).toBeGreaterThanOrEqual(25);
    expect(participants.length).toBeLessThanOrEqual(35);
    expect(new Set(participants.map((p) => p.branchId)).size).toBeGreaterThan(3);
    const leading = participants.filter((p) => isLeadingPosition(p.position)).length;
    expect(leading).toBeGreaterThan(0);
    expect(leading).toBeLessThan(participants.length);
  });

  it("puts manuals on Verktygen's shelf, uploaded by the Kursredaktör, one of them for Utvecklingsledare only", async () => {
    const editor = await db.person.findUniqueOrThrow({ where: { email: "kursredaktor@demo.ledarlyftet.se" } });
    expect(editor).toMatchObject({ isCourseEditor: true, isAdmin: false, isParticipant: false });
    const manuals = await db.manual.findMany({ orderBy: { title: "asc" } });
    expect(manuals.length).toBeGreaterThanOrEqual(2);
    expect(manuals.every((m) => m.uploadedById === editor.id && m.fileKind === "pdf" && m.sizeBytes > 500)).toBe(true);
    expect(manuals.filter((m) => m.audience === "facilitator").map((m) => m.title)).toEqual(["Samtalsguide för handledning"]);
    const part = await db.manualFilePart.findFirstOrThrow({ where: { fileId: manuals[0]!.fileId, part: 0 } });
    expect(new TextDecoder().decode(part.bytes.subarray(0, 5))).toBe("%PDF-");
  });

  it("loads them once: a second run leaves a database with people alone", async () => {
    const before = await db.person.count();
    expect(await seedDistrict({ demo: true })).toBe("skipped-not-empty");
    expect(await db.person.count()).toBe(before);
  });

  it("the demo Deltagare's calendar feed has sessions in several states: attended, moved and accepted, cancelled", async () => {
    const feed = await feedFor(DEMO_FEED_TOKEN);
    const events = parseWithIcalJs(feed!.body).events;
    const now = Date.now();
    const byTitle = (title: string) => events.find((e) => e.summary === title);
    expect(Date.parse(byTitle("Uppstartssamtal")!.start)).toBeLessThan(now);
    expect(byTitle("Enskild handledning")).toMatchObject({ status: "CONFIRMED", sequence: 1 });
    expect(byTitle("Medieträning i grupp")).toMatchObject({ status: "CANCELLED" });
    const erik = await db.person.findUniqueOrThrow({ where: { email: DEMO_LOGINS[3]!.email } });
    const answers = await db.attendance.findMany({ where: { personId: erik.id }, include: { session: { select: { title: true } } } });
    expect(Object.fromEntries(answers.map((a) => [a.session.title, a.status]))).toMatchObject({
      Uppstartssamtal: "attended",
      "Enskild handledning": "accepted",
    });
  });

  it("every demo login works", async () => {
    for (const login of DEMO_LOGINS) {
      expect((await attemptLogin({ email: login.email, password: DEMO_PASSWORD, address: "127.0.0.9" })).ok).toBe(true);
    }
  });

  it("crisis plans agree with the rest of the demo: each 'ej aktuell' reason belongs to its item, contacts have the role they name", async () => {
    const items = await db.crisisPlanItem.findMany({ include: { plan: { include: { branch: true } } } });
    const notApplicable = items.filter((i) => i.status === "not-applicable");
    expect(notApplicable.length).toBeGreaterThan(0);
    // Only the items about the branch's own social media accounts, and the reason is about those accounts.
    for (const item of notApplicable) {
      expect([item.plan.branch.name, item.templateKey]).toEqual([item.plan.branch.name, expect.stringMatching(/^(kontoagare|aterstallning)$/)]);
      expect(item.notApplicableReason).toMatch(/konton i sociala medier/);
    }
    const kalixCrisisGroup = items.find((i) => i.plan.branch.name === "Kalix" && i.templateKey === "krisgrupp")!;
    expect(kalixCrisisGroup.status).not.toBe("not-applicable");
    expect(items.filter((i) => i.status !== "not-applicable" && i.notApplicableReason !== null)).toEqual([]);

    const contacts = await db.crisisContact.findMany({ include: { plan: true } });
    const people = await db.person.findMany({ include: { branchRoles: true } });
    for (const contact of contacts.filter((c) => c.role !== "Distriktet")) {
      const person = people.find((p) => p.name === contact.name && p.branchId === contact.plan.branchId);
      expect(person, contact.name).toBeDefined();
      if (contact.role === "Krisansvarig")
        expect(
          person!.branchRoles.map((r) => r.role),
          contact.name,
        ).toContain("krisansvarig");
      else expect(positionLabel(person!.position), contact.name).toBe(contact.role);
    }
  });

  it("crisis plans are reviewed by someone who may edit them, and a contact list is 'klar' only with people in it", async () => {
    const plans = await db.crisisPlan.findMany({ include: { contacts: true, items: { where: { templateKey: "kontaktlista" } } } });
    expect(plans).toHaveLength(14);
    expect(plans.filter((p) => p.reviewedById).length).toBeGreaterThan(0);
    for (const plan of plans.filter((p) => p.reviewedById)) {
      const reviewer = await db.person.findUniqueOrThrow({ where: { id: plan.reviewedById! } });
      expect(await crisisAccess(actorOf(reviewer), plan.branchId), reviewer.name).toBe("edit");
    }
    for (const plan of plans.filter((p) => p.items[0]!.status === "done")) {
      expect(plan.contacts.filter((c) => c.role !== "Distriktet").length).toBeGreaterThan(0);
    }
  });
});
