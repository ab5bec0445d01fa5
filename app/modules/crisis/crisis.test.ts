import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { actorOf } from "~/modules/auth/session.server";
import { branchId, createPerson } from "../../../tests/integration/helpers";
import {
  crisisAccess,
  crisisNow,
  decideOffer,
  ensurePlan,
  loadPlan,
  markReviewed,
  planHistory,
  publishTemplate,
  setKrisansvarig,
  updateItem,
} from "./crisis.server";
import { planProgress } from "./progress";
import { ensureTemplate, readTemplateFile, templateFile } from "./template.server";

beforeAll(async () => {
  await ensureTemplate(path.resolve("content/krisplan/mall.md"));
});

describe("who may do what with a crisis plan", () => {
  it("admin: every branch; facilitator: branches they support; Krisansvarig and chair: their own; members: crisis-now; others: nothing", async () => {
    const kalix = await branchId("Kalix");
    const admin = await createPerson({ roles: ["admin"], branch: "Luleå" });
    const supporter = await createPerson({ roles: ["facilitator"], branch: "Luleå" });
    await db.branchSupport.create({ data: { facilitatorId: supporter.id, branchId: kalix } });
    const otherFacilitator = await createPerson({ roles: ["facilitator"], branch: "Luleå" });
    const krisansvarig = await createPerson({ branch: "Kalix" });
    await setKrisansvarig(admin.id, krisansvarig.id, true);
    const chair = await createPerson({ branch: "Kalix", position: "ordforande" });
    const member = await createPerson({ branch: "Kalix", position: "medlem" });
    const outsider = await createPerson({ branch: "Boden", position: "ordforande" });
    const outsiderKris = await createPerson({ branch: "Boden" });
    await setKrisansvarig(admin.id, outsiderKris.id, true);

    const access = async (p: Awaited<ReturnType<typeof createPerson>>) => crisisAccess(actorOf(p), kalix);
    expect(await access(admin)).toBe("edit");
    expect(await access(supporter)).toBe("edit");
    expect(await access(krisansvarig)).toBe("edit");
    expect(await access(chair)).toBe("edit");
    expect(await access(member)).toBe("crisis-now");
    expect(await access(otherFacilitator)).toBeNull();
    expect(await access(outsider)).toBeNull();
    expect(await access(outsiderKris)).toBeNull();

    await setKrisansvarig(admin.id, krisansvarig.id, false);
    expect(await access(krisansvarig)).toBe("crisis-now");
  });
});

describe("the plan", () => {
  it("is made from the template, and every change is in the history with before and after", async () => {
    const plan = await ensurePlan(await branchId("Pajala"));
    const again = await ensurePlan(await branchId("Pajala"));
    expect(again.id).toBe(plan.id);
    const loaded = await loadPlan(plan.id);
    expect(loaded.items.length).toBe(readTemplateFile(path.resolve("content/krisplan/mall.md")).length);
    const owner = await createPerson({ branch: "Pajala" });
    const editor = actorOf(await createPerson({ roles: ["admin"] }));
    const item = loaded.items[0]!;
    const result = await updateItem(editor, plan.id, item.id, {
      status: "done",
      notApplicableReason: "",
      ownerId: owner.id,
      dueOn: "2027-01-31",
      note: "Klar",
      link: "https://example.se/lista",
    });
    expect(result).toEqual({ ok: true });
    const history = await planHistory(plan.id);
    expect(history[0]).toMatchObject({ action: "crisis.item-updated", actor: expect.any(String), item: item.title });
    // Field by field in words, only what changed: the owner by name, the status and day as the plan shows them.
    expect(history[0]!.changes).toEqual(
      expect.arrayContaining([
        { field: "Status", before: "Ej påbörjad", after: "Klar" },
        { field: "Ansvarig", before: "–", after: owner.name },
        { field: "Klart senast", before: "–", after: "31 januari 2027" },
        { field: "Anteckning", before: "–", after: "Klar" },
      ]),
    );
    expect(history[0]!.changes.map((change) => change.field)).not.toContain("Varför ej aktuell");

    const stranger = await createPerson({ branch: "Boden" });
    expect(
      await updateItem(editor, plan.id, item.id, { status: "done", notApplicableReason: "", ownerId: stranger.id, dueOn: "", note: "", link: "" }),
    ).toMatchObject({ ok: false, errors: { ownerId: [expect.any(String)] } });
  });

  it("a plan not reviewed for 12 months is flagged; 'granskad' clears the flag and records who", async () => {
    const now = new Date("2026-11-24T12:00:00Z");
    expect(planProgress([], null, now).reviewOverdue).toBe(true);
    expect(planProgress([], new Date("2025-11-23T12:00:00Z"), now).reviewOverdue).toBe(true);
    expect(planProgress([], new Date("2025-11-25T12:00:00Z"), now).reviewOverdue).toBe(false);
    expect(planProgress([{ status: "done" }, { status: "not-applicable" }, { status: "in-progress" }, { status: "not-started" }], now, now)).toMatchObject({
      percent: 50,
      settled: 2,
      total: 4,
    });

    const plan = await ensurePlan(await branchId("Jokkmokk"));
    const reviewer = await createPerson({ branch: "Jokkmokk", position: "ordforande" });
    await markReviewed(actorOf(reviewer), plan.id);
    const loaded = await loadPlan(plan.id);
    expect(loaded.progress.reviewOverdue).toBe(false);
    expect(loaded.reviewerName).toBe(reviewer.name);
  });

  it("a new template version offers its new item to each branch, never overwriting the branch's own text", async () => {
    const admin = actorOf(await createPerson({ roles: ["admin"] }));
    const planA = await ensurePlan(await branchId("Haparanda"));
    const planB = await ensurePlan(await branchId("Överkalix"));
    const first = (await loadPlan(planA.id)).items[0]!;
    await db.crisisPlanItem.update({ where: { id: first.id }, data: { title: "Vår egen formulering" } });

    const result = await publishTemplate(
      admin,
      {
        edits: { [first.templateKey!]: { title: "Ny rubrik från distriktet", guidance: first.guidance } },
        addition: { sectionKey: "hot", key: "digitala-moten", title: "Rutin för digitala möten vid hot", guidance: "Möten kan hållas digitalt." },
      },
      "Ny punkt om digitala möten",
    );
    expect(result).toMatchObject({ ok: true });
    const a = await loadPlan(planA.id);
    expect(a.items.find((i) => i.id === first.id)!.title).toBe("Vår egen formulering");
    expect(a.pendingOffers.map((o) => o.item?.title)).toEqual(["Rutin för digitala möten vid hot"]);

    await decideOffer(admin, planA.id, a.pendingOffers[0]!.id, "accepted");
    const b = await loadPlan(planB.id);
    await decideOffer(admin, planB.id, b.pendingOffers[0]!.id, "declined");
    expect((await loadPlan(planA.id)).items.some((i) => i.templateKey === "digitala-moten")).toBe(true);
    expect((await loadPlan(planB.id)).items.some((i) => i.templateKey === "digitala-moten")).toBe(false);
    expect((await loadPlan(planB.id)).pendingOffers).toEqual([]);
    // A plan made after the new version starts with it.
    const fresh = await loadPlan((await ensurePlan(await branchId("Övertorneå"))).id);
    expect(fresh.items.find((i) => i.templateKey === first.templateKey)!.title).toBe("Ny rubrik från distriktet");
    expect(fresh.items.some((i) => i.templateKey === "digitala-moten")).toBe(true);
  });
});

describe("I en kris nu", () => {
  const MALL = path.resolve("content/krisplan/mall.md");

  it("lists the first steps as what to do now, not the checklist's titles, and leaves out the ones that are not relevant", async () => {
    const plan = await ensurePlan(await branchId("Arvidsjaur"));
    const editor = actorOf(await createPerson({ roles: ["admin"] }));
    const { steps } = await crisisNow(plan.id);
    const file = readTemplateFile(MALL).filter((i) => i.firstStep);
    expect(steps.map((s) => s.action)).toEqual(file.map((i) => i.action));
    expect(steps.map((s) => s.action)).toContain(
      "Är någon i fara: ring 112. Är det ett hot men inte akut: ring polisen på 114 14. Meddela sedan krisledaren och distriktet.",
    );
    for (const item of file) expect(steps.map((s) => s.action)).not.toContain(item.title);

    const spokesperson = (await loadPlan(plan.id)).items.find((i) => i.templateKey === "talesperson")!;
    const notApplicable = { status: "not-applicable", notApplicableReason: "Distriktet svarar för oss.", ownerId: "", dueOn: "", note: "", link: "" };
    expect(await updateItem(editor, plan.id, spokesperson.id, notApplicable)).toEqual({ ok: true });
    expect((await crisisNow(plan.id)).steps.map((s) => s.action)).not.toContain(spokesperson.action);
  });

  it("a template refuses a first step without its action text", () => {
    const section = { key: "ledning", title: "Vem leder i en kris", items: [{ key: "krisledare", title: "Krisledare är utsedd", firstStep: true }] };
    const parsed = templateFile.safeParse({ kind: "crisis-template", title: "Mall", sections: [section] });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: ["sections", 0, "items", 0, "action"] });
  });

  it("first steps from before the action texts existed get the file's text at the next sync, in the template and in the plans", async () => {
    const plan = await ensurePlan(await branchId("Boden"));
    await db.crisisTemplateItem.updateMany({ where: { key: "larma" }, data: { action: "" } });
    await db.crisisPlanItem.updateMany({ where: { templateKey: "larma" }, data: { action: "" } });
    const own = await db.crisisPlanItem.create({
      data: { planId: plan.id, templateKey: null, sectionKey: "hot", sectionTitle: "Rapportera hot", sectionOrder: 6, order: 9, title: "Egen punkt" },
    });
    expect((await crisisNow(plan.id)).steps.map((s) => s.action)).not.toContainEqual(expect.stringContaining("ring 112"));

    expect(await ensureTemplate(MALL)).toBe(false);
    expect((await crisisNow(plan.id)).steps.map((s) => s.action)).toContainEqual(expect.stringContaining("ring 112"));
    expect(await db.crisisTemplateItem.count({ where: { key: "larma", action: "" } })).toBe(0);
    // Nothing else is touched: an item that is no first step keeps its empty text.
    expect((await db.crisisPlanItem.findUniqueOrThrow({ where: { id: own.id } })).action).toBe("");
  });
});
