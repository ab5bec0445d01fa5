import { describeChanges, namesFor } from "~/modules/audit/audit-words.server";
import { db, transaction, type Tx } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client.ts";
import { recordAudit } from "~/modules/audit/audit.server";
import { may, type Actor } from "~/modules/auth/permissions";
import { fieldError, ok, type ActionResult } from "~/utils/action-result";
import { forbidden, notFound } from "~/utils/http.server";
import { planProgress } from "./progress";
import { latestTemplate } from "./template.server";

/** The template's section for contacts and the phone tree: the plan's contact list is shown in it. */
export const CONTACTS_SECTION = "kontakter";

/** Who may do what with a branch's plan, as the rule table needs it. */
async function resourceFor(branchId: string) {
  const [supporters, krisansvariga, chairs] = await Promise.all([
    db.branchSupport.findMany({ where: { branchId }, select: { facilitatorId: true } }),
    db.branchRole.findMany({ where: { role: "krisansvarig", person: { branchId, active: true } }, select: { personId: true } }),
    db.person.findMany({ where: { branchId, position: "ordforande", active: true }, select: { id: true } }),
  ]);
  return {
    branchId,
    supportedBy: supporters.map((s) => s.facilitatorId),
    crisisEditors: [...krisansvariga.map((k) => k.personId), ...chairs.map((c) => c.id)],
  };
}

export type CrisisAccess = "edit" | "crisis-now" | null;

export async function crisisAccess(actor: Actor, branchId: string): Promise<CrisisAccess> {
  const resource = await resourceFor(branchId);
  if (may(actor, "crisis-plan:edit", resource)) return "edit";
  if (may(actor, "crisis-plan:crisis-now", resource)) return "crisis-now";
  return null;
}

export async function branchBySlug(slug: string | undefined) {
  // Only a slug's own characters reach the database: PostgreSQL refuses a NUL byte with an error, not an empty answer.
  const branch = slug && /^[a-z0-9-]{1,100}$/.test(slug) ? await db.branch.findUnique({ where: { slug } }) : null;
  if (!branch) throw notFound("Arbetarekommunen finns inte.");
  return branch;
}

/** Loads the plan for someone allowed at least `need`; everyone else gets 403. */
export async function requireCrisisAccess(actor: Actor, slug: string | undefined, need: "edit" | "crisis-now") {
  const branch = await branchBySlug(slug);
  const access = await crisisAccess(actor, branch.id);
  if (access === null || (need === "edit" && access !== "edit")) {
    throw forbidden(
      need === "edit"
        ? "Bara arbetarekommunens krisansvariga, ordförande, dess utvecklingsledare och distriktet kan öppna hela planen."
        : "Planen är arbetarekommunens egen.",
    );
  }
  return { branch, access, plan: await ensurePlan(branch.id) };
}

/** Every branch has a plan, made from the newest template the first time it is asked for. */
export async function ensurePlan(branchId: string, client: Tx | typeof db = db) {
  const existing = await client.crisisPlan.findUnique({ where: { branchId } });
  if (existing) return existing;
  const template = await latestTemplate();
  try {
    return await client.crisisPlan.create({
      data: {
        branchId,
        templateVersion: template.version,
        items: {
          create: template.items.map((i) => ({
            templateKey: i.key,
            sectionKey: i.sectionKey,
            sectionTitle: i.sectionTitle,
            sectionOrder: i.sectionOrder,
            order: i.order,
            title: i.title,
            guidance: i.guidance,
            firstStep: i.firstStep,
            action: i.action,
          })),
        },
      },
    });
  } catch {
    // Two first visits at once: the other one made it.
    return client.crisisPlan.findUniqueOrThrow({ where: { branchId } });
  }
}

export async function loadPlan(planId: string) {
  const plan = await db.crisisPlan.findUniqueOrThrow({
    where: { id: planId },
    include: {
      branch: true,
      items: { orderBy: [{ sectionOrder: "asc" }, { order: "asc" }], include: { owner: { select: { id: true, name: true } } } },
      contacts: { orderBy: { order: "asc" } },
      offers: { where: { decision: "pending" } },
    },
  });
  const reviewer = plan.reviewedById ? await db.person.findUnique({ where: { id: plan.reviewedById }, select: { name: true } }) : null;
  const template = plan.offers.length ? await latestTemplate() : null;
  return {
    ...plan,
    reviewerName: reviewer?.name ?? null,
    progress: planProgress(plan.items, plan.reviewedAt),
    pendingOffers: plan.offers.map((o) => ({ id: o.id, version: o.version, item: template?.items.find((i) => i.key === o.templateKey) ?? null })),
  };
}

/** Who can own an item of a branch's plan: its active members, by name. */
export function planMembers(branchId: string) {
  return db.person.findMany({ where: { branchId, active: true }, select: { id: true, name: true }, orderBy: { name: "asc" } });
}

/**
 * The phone-sized "I en kris nu" view: the contact list in calling order and the first steps that
 * apply, as what to do now. An item's title says what the plan has in place ("Kontaktlistan är
 * uppdaterad"), which is no instruction in a crisis, so a step without its action text is left out.
 */
export async function crisisNow(planId: string) {
  const [contacts, steps] = await Promise.all([
    db.crisisContact.findMany({ where: { planId }, orderBy: { order: "asc" } }),
    db.crisisPlanItem.findMany({
      where: { planId, firstStep: true, status: { not: "not-applicable" }, action: { not: "" } },
      orderBy: [{ sectionOrder: "asc" }, { order: "asc" }],
    }),
  ]);
  return {
    contacts: contacts.map((c) => ({ id: c.id, name: c.name, role: c.role, phone: c.phone })),
    steps: steps.map((s) => ({ id: s.id, action: s.action })),
  };
}

/** Plans the actor may see, with progress, for the overview and the goals; `among` narrows the branches asked about (a facilitator's own, for their home page). */
export async function plansOverview(actor: Actor, among: Prisma.BranchWhereInput = {}) {
  const branches = await db.branch.findMany({ where: among, orderBy: { name: "asc" } });
  const rows = [];
  for (const branch of branches) {
    const access = await crisisAccess(actor, branch.id);
    if (!access) continue;
    const plan = await db.crisisPlan.findUnique({ where: { branchId: branch.id }, include: { items: { select: { status: true } } } });
    rows.push({
      slug: branch.slug,
      name: branch.name,
      access,
      hasPlan: plan !== null,
      reviewedAt: plan?.reviewedAt ?? null,
      progress: planProgress(plan?.items ?? [], plan?.reviewedAt ?? null),
    });
  }
  return rows;
}

/** Every branch's plan progress as of a moment, in one read: for the goals' indicator and the district's summary. */
export async function branchPlanProgress(asOf = new Date()) {
  const branches = await db.branch.findMany({ select: { id: true, crisisPlan: { select: { reviewedAt: true, items: { select: { status: true } } } } } });
  return branches.map((b) => ({
    branchId: b.id,
    hasPlan: b.crisisPlan !== null,
    progress: planProgress(b.crisisPlan?.items ?? [], b.crisisPlan?.reviewedAt ?? null, asOf),
  }));
}

/**
 * How the district's plans stand, for the admin's overview: how many branches
 * reviewed theirs in the last 12 months, how many have every item settled (done
 * or not relevant), and how many have not settled a single one yet.
 */
export async function crisisPlansSummary(now = new Date()) {
  const plans = await branchPlanProgress(now);
  return {
    branches: plans.length,
    reviewed: plans.filter((p) => !p.progress.reviewOverdue).length,
    complete: plans.filter((p) => p.progress.total > 0 && p.progress.settled === p.progress.total).length,
    notStarted: plans.filter((p) => p.progress.settled === 0).length,
  };
}

export interface ItemUpdate {
  status: string;
  notApplicableReason: string;
  ownerId: string;
  dueOn: string;
  note: string;
  link: string;
}

export async function updateItem(actor: Actor, planId: string, itemId: string, input: ItemUpdate): Promise<ActionResult> {
  const item = await db.crisisPlanItem.findUnique({ where: { id: itemId }, include: { plan: true } });
  if (!item || item.planId !== planId) throw notFound("Punkten finns inte i den här planen.");
  if (input.ownerId) {
    const owner = await db.person.findUnique({ where: { id: input.ownerId }, select: { branchId: true, active: true } });
    if (!owner || !owner.active || owner.branchId !== item.plan.branchId) return fieldError("ownerId", "Ansvarig ska vara en aktiv person i arbetarekommunen.");
  }
  const after = {
    status: input.status,
    notApplicableReason: input.status === "not-applicable" ? input.notApplicableReason : null,
    ownerId: input.ownerId || null,
    dueOn: input.dueOn ? new Date(`${input.dueOn}T12:00:00Z`) : null,
    note: input.note,
    link: input.link || null,
  };
  await transaction(async (tx) => {
    await tx.crisisPlanItem.update({ where: { id: itemId }, data: after });
    await recordAudit(
      {
        actorId: actor.id,
        action: "crisis.item-updated",
        subjectType: "crisis-plan",
        subjectId: planId,
        detail: {
          item: item.title,
          before: {
            status: item.status,
            notApplicableReason: item.notApplicableReason,
            ownerId: item.ownerId,
            dueOn: item.dueOn,
            note: item.note,
            link: item.link,
          },
          after,
        },
      },
      tx,
    );
  });
  return ok();
}

export async function addOwnItem(actor: Actor, planId: string, input: { sectionKey: string; title: string; guidance: string }): Promise<ActionResult> {
  const section = await db.crisisPlanItem.findFirst({ where: { planId, sectionKey: input.sectionKey }, orderBy: { order: "desc" } });
  if (!section) return fieldError("sectionKey", "Välj en sektion i planen.");
  await transaction(async (tx) => {
    const created = await tx.crisisPlanItem.create({
      data: {
        planId,
        templateKey: null,
        sectionKey: section.sectionKey,
        sectionTitle: section.sectionTitle,
        sectionOrder: section.sectionOrder,
        order: section.order + 1,
        title: input.title,
        guidance: input.guidance,
      },
    });
    await recordAudit(
      {
        actorId: actor.id,
        action: "crisis.item-added",
        subjectType: "crisis-plan",
        subjectId: planId,
        detail: { after: { id: created.id, title: input.title, section: section.sectionTitle } },
      },
      tx,
    );
  });
  return ok();
}

export async function markReviewed(actor: Actor, planId: string, now = new Date()) {
  await transaction(async (tx) => {
    const before = await tx.crisisPlan.findUniqueOrThrow({ where: { id: planId } });
    await tx.crisisPlan.update({ where: { id: planId }, data: { reviewedAt: now, reviewedById: actor.id } });
    await recordAudit(
      {
        actorId: actor.id,
        action: "crisis.reviewed",
        subjectType: "crisis-plan",
        subjectId: planId,
        detail: { before: { reviewedAt: before.reviewedAt }, after: { reviewedAt: now } },
      },
      tx,
    );
  });
}

export async function addContact(actor: Actor, planId: string, input: { name: string; role: string; phone: string }) {
  await transaction(async (tx) => {
    const last = await tx.crisisContact.findFirst({ where: { planId }, orderBy: { order: "desc" } });
    await tx.crisisContact.create({ data: { planId, ...input, order: (last?.order ?? 0) + 1 } });
    await recordAudit({ actorId: actor.id, action: "crisis.contact-added", subjectType: "crisis-plan", subjectId: planId, detail: { after: input } }, tx);
  });
}

export async function removeContact(actor: Actor, planId: string, contactId: string) {
  await transaction(async (tx) => {
    const contact = await tx.crisisContact.findUnique({ where: { id: contactId } });
    if (!contact || contact.planId !== planId) throw notFound();
    await tx.crisisContact.delete({ where: { id: contactId } });
    await recordAudit(
      {
        actorId: actor.id,
        action: "crisis.contact-removed",
        subjectType: "crisis-plan",
        subjectId: planId,
        detail: { before: { name: contact.name, role: contact.role, phone: contact.phone } },
      },
      tx,
    );
  });
}

/** Accepting adds the template's new item to the plan; the branch's own text is never touched. */
export async function decideOffer(actor: Actor, planId: string, offerId: string, decision: "accepted" | "declined") {
  const offer = await db.crisisOffer.findUnique({ where: { id: offerId } });
  if (!offer || offer.planId !== planId) throw notFound();
  if (offer.decision !== "pending") return;
  const template = await latestTemplate();
  const item = template.items.find((i) => i.key === offer.templateKey);
  await transaction(async (tx) => {
    await tx.crisisOffer.update({ where: { id: offerId }, data: { decision, decidedAt: new Date(), decidedById: actor.id } });
    if (decision === "accepted" && item) {
      await tx.crisisPlanItem.create({
        data: {
          planId,
          templateKey: item.key,
          sectionKey: item.sectionKey,
          sectionTitle: item.sectionTitle,
          sectionOrder: item.sectionOrder,
          order: item.order,
          title: item.title,
          guidance: item.guidance,
          firstStep: item.firstStep,
          action: item.action,
        },
      });
    }
    await recordAudit(
      {
        actorId: actor.id,
        action: `crisis.offer-${decision}`,
        subjectType: "crisis-plan",
        subjectId: planId,
        detail: { templateKey: offer.templateKey, version: offer.version },
      },
      tx,
    );
  });
}

/**
 * Publishes a new template version: the latest with the edits and additions
 * made. Items with new keys are offered to every existing plan.
 */
export async function publishTemplate(
  actor: Actor,
  change: {
    edits: Record<string, { title: string; guidance: string; action?: string }>;
    addition?: { sectionKey: string; key: string; title: string; guidance: string };
  },
  note: string,
): Promise<ActionResult<{ version: number }>> {
  const latest = await latestTemplate();
  const version = latest.version + 1;
  const items = latest.items.map((i) => ({
    key: i.key,
    sectionKey: i.sectionKey,
    sectionTitle: i.sectionTitle,
    sectionOrder: i.sectionOrder,
    order: i.order,
    title: change.edits[i.key]?.title ?? i.title,
    guidance: change.edits[i.key]?.guidance ?? i.guidance,
    firstStep: i.firstStep,
    action: change.edits[i.key]?.action ?? i.action,
  }));
  if (change.addition) {
    const section = latest.items.filter((i) => i.sectionKey === change.addition!.sectionKey);
    if (section.length === 0) return fieldError("newSection", "Välj en sektion.");
    if (latest.items.some((i) => i.key === change.addition!.key)) return fieldError("newTitle", "Det finns redan en punkt med den nyckeln.");
    items.push({
      ...change.addition,
      sectionTitle: section[0]!.sectionTitle,
      sectionOrder: section[0]!.sectionOrder,
      order: Math.max(...section.map((i) => i.order)) + 1,
      firstStep: false,
      action: "",
    });
  }
  await transaction(async (tx) => {
    await tx.crisisTemplateVersion.create({ data: { version, publishedBy: actor.id, note, items: { create: items } } });
    if (change.addition) {
      const plans = await tx.crisisPlan.findMany({ select: { id: true } });
      for (const p of plans) await tx.crisisOffer.create({ data: { planId: p.id, templateKey: change.addition.key, version } });
    }
    await tx.crisisPlan.updateMany({ data: { templateVersion: version } });
    await recordAudit(
      {
        actorId: actor.id,
        action: "crisis.template-published",
        subjectType: "crisis-template",
        subjectId: String(version),
        detail: { note, edits: change.edits, addition: change.addition ?? null },
      },
      tx,
    );
  });
  return ok({ version });
}

export async function isKrisansvarig(personId: string) {
  return (await db.branchRole.count({ where: { personId, role: "krisansvarig" } })) > 0;
}

export async function setKrisansvarig(actorId: string, personId: string, on: boolean) {
  await transaction(async (tx) => {
    if (on)
      await tx.branchRole.upsert({ where: { personId_role: { personId, role: "krisansvarig" } }, create: { personId, role: "krisansvarig" }, update: {} });
    else await tx.branchRole.deleteMany({ where: { personId, role: "krisansvarig" } });
    await recordAudit({ actorId, action: on ? "person.krisansvarig-on" : "person.krisansvarig-off", subjectType: "person", subjectId: personId }, tx);
  });
}

export async function planHistory(planId: string) {
  const events = await db.auditEvent.findMany({ where: { subjectType: "crisis-plan", subjectId: planId }, orderBy: { createdAt: "desc" }, take: 100 });
  const names = await namesFor(events);
  return events.map((e) => {
    const detail = JSON.parse(e.detail) as Record<string, unknown>;
    return {
      id: e.id,
      action: e.action,
      at: e.createdAt,
      actor: e.actorId ? (names.get(e.actorId) ?? "okänd") : "systemet",
      item: typeof detail.item === "string" ? detail.item : null,
      /** Field by field, in words: who became responsible, not which id. */
      changes: describeChanges(detail, names),
    };
  });
}
