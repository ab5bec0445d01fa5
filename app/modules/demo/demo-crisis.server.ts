import { db } from "~/db.server";
import { ensurePlan } from "~/modules/crisis/crisis.server";

/** Krisansvariga in the demo: a plain Deltagare in Kalix and one in Kiruna. */
export const DEMO_KRISANSVARIGA = ["per.sandberg@demo.ledarlyftet.se", "karin.hedlund@demo.ledarlyftet.se"];

const MONTH = 30 * 86_400_000;

/**
 * Plans for all 14 branches in different states: well kept and reviewed,
 * half done, reviewed too long ago, and untouched.
 */
export async function seedDemoCrisisPlans() {
  if ((await db.crisisTemplateVersion.count()) === 0) return;
  const people = await db.person.findMany({ where: { email: { in: DEMO_KRISANSVARIGA } } });
  for (const p of people) await db.branchRole.create({ data: { personId: p.id, role: "krisansvarig" } });
  const branches = await db.branch.findMany({ orderBy: { name: "asc" } });
  for (const [i, branch] of branches.entries()) {
    const plan = await ensurePlan(branch.id);
    const items = await db.crisisPlanItem.findMany({ where: { planId: plan.id }, orderBy: [{ sectionOrder: "asc" }, { order: "asc" }] });
    const members = await db.person.findMany({ where: { branchId: branch.id }, select: { id: true, name: true }, take: 3 });
    const share = [1, 0.6, 0.3, 0, 0.85][i % 5]!;
    for (const [k, item] of items.entries()) {
      const fraction = k / items.length;
      const status = fraction < share ? (k % 7 === 3 ? "not-applicable" : "done") : fraction < share + 0.15 ? "in-progress" : "not-started";
      await db.crisisPlanItem.update({
        where: { id: item.id },
        data: {
          status,
          notApplicableReason: status === "not-applicable" ? "Vi har inga egna konton i sociala medier." : null,
          ownerId: members[k % Math.max(1, members.length)]?.id ?? null,
          dueOn: status === "done" ? null : new Date(Date.now() + ((k % 4) + 1) * MONTH),
        },
      });
    }
    const reviewedMonthsAgo = [2, 14, null, null, 6][i % 5];
    if (reviewedMonthsAgo !== null && reviewedMonthsAgo !== undefined) {
      await db.crisisPlan.update({
        where: { id: plan.id },
        data: { reviewedAt: new Date(Date.now() - reviewedMonthsAgo * MONTH), reviewedById: members[0]?.id ?? null },
      });
    }
    if (members.length > 0) {
      await db.crisisContact.createMany({
        data: [
          { planId: plan.id, name: members[0]!.name, role: "Ordförande", phone: `070-${100 + i} 11 22`, order: 1 },
          {
            planId: plan.id,
            name: members[1]?.name ?? "Distriktets jour",
            role: members[1] ? "Krisansvarig" : "Distriktet",
            phone: `070-${200 + i} 33 44`,
            order: 2,
          },
          { planId: plan.id, name: "Distriktets ombudsman", role: "Distriktet", phone: "0920-12 34 56", order: 3 },
        ],
      });
    }
  }
}
