import { db } from "~/db.server";
import { ensurePlan } from "~/modules/crisis/crisis.server";
import { positionLabel } from "~/modules/people/positions";

/** Krisansvariga in the demo: a plain Deltagare in Kalix and one in Kiruna. */
export const DEMO_KRISANSVARIGA = ["per.sandberg@demo.ledarlyftet.se", "karin.hedlund@demo.ledarlyftet.se"];

/**
 * Branches whose social media the district runs: the two items about their own
 * accounts are "ej aktuell" there, with the reason that belongs to them. No other
 * item is marked so, since no reason written for one fits another.
 */
export const DEMO_WITHOUT_OWN_ACCOUNTS = ["Arjeplog", "Jokkmokk", "Pajala"];
const NOT_APPLICABLE_REASONS: Record<string, string> = {
  kontoagare: "Vi har inga egna konton i sociala medier; distriktet sköter arbetarekommunens sidor.",
  aterstallning: "Vi har inga egna konton i sociala medier, så det finns inga inloggningar att förvara.",
};

const MONTH = 30 * 86_400_000;

/**
 * Plans for all 14 branches in different states: well kept and reviewed,
 * half done, reviewed too long ago, and untouched. What a plan says agrees with
 * the rest of the demo: contacts carry the role their person really has, the
 * reviewer is someone who may edit the plan, and a contact list is "klar" only
 * when the branch has people in it to call.
 */
export async function seedDemoCrisisPlans() {
  if ((await db.crisisTemplateVersion.count()) === 0) return;
  const people = await db.person.findMany({ where: { email: { in: DEMO_KRISANSVARIGA } } });
  for (const p of people) await db.branchRole.create({ data: { personId: p.id, role: "krisansvarig" } });
  const branches = await db.branch.findMany({ orderBy: { name: "asc" } });
  for (const [i, branch] of branches.entries()) {
    const plan = await ensurePlan(branch.id);
    const items = await db.crisisPlanItem.findMany({ where: { planId: plan.id }, orderBy: [{ sectionOrder: "asc" }, { order: "asc" }] });
    const members = await db.person.findMany({
      where: { branchId: branch.id },
      select: { id: true, name: true, position: true, branchRoles: { select: { role: true } } },
      orderBy: { name: "asc" },
    });
    const chair = members.find((m) => m.position === "ordforande");
    const krisansvarig = members.find((m) => m.branchRoles.some((r) => r.role === "krisansvarig"));
    // The people the template's contact list asks for, each under the role they really have: chair, Krisansvarig, then group leader and kommunalråd.
    const listed = [
      ...(chair ? [{ name: chair.name, role: "Ordförande" }] : []),
      ...(krisansvarig ? [{ name: krisansvarig.name, role: "Krisansvarig" }] : []),
      ...members
        .filter((m) => m !== chair && m !== krisansvarig && (m.position === "gruppledare" || m.position === "kommunalrad"))
        .map((m) => ({ name: m.name, role: positionLabel(m.position) })),
    ];
    const contacts = listed.slice(0, 2);
    const share = [1, 0.6, 0.3, 0, 0.85][i % 5]!;
    for (const [k, item] of items.entries()) {
      const fraction = k / items.length;
      let status = fraction < share ? "done" : fraction < share + 0.15 ? "in-progress" : "not-started";
      const reason = item.templateKey ? NOT_APPLICABLE_REASONS[item.templateKey] : undefined;
      if (share > 0 && reason && DEMO_WITHOUT_OWN_ACCOUNTS.includes(branch.name)) status = "not-applicable";
      // A list of nobody is not an up-to-date contact list.
      const noOneToCall = item.templateKey === "kontaktlista" && contacts.length === 0 && status === "done";
      if (noOneToCall) status = "in-progress";
      await db.crisisPlanItem.update({
        where: { id: item.id },
        data: {
          status,
          notApplicableReason: status === "not-applicable" ? reason : null,
          note: noOneToCall ? "Vi saknar ännu ordförandes och krisansvarigs nummer; till dess ringer vi distriktet." : "",
          ownerId: members.length > 0 ? members[k % members.length]!.id : null,
          dueOn: status === "done" || status === "not-applicable" ? null : new Date(Date.now() + ((k % 4) + 1) * MONTH),
        },
      });
    }
    const reviewedMonthsAgo = [2, 14, null, null, 6][i % 5];
    if (reviewedMonthsAgo !== null && reviewedMonthsAgo !== undefined) {
      // Someone who may mark the plan reviewed: its Krisansvarig, its chair, or an Utvecklingsledare supporting the branch.
      const supporter = await db.branchSupport.findFirst({ where: { branchId: branch.id }, select: { facilitatorId: true } });
      await db.crisisPlan.update({
        where: { id: plan.id },
        data: {
          reviewedAt: new Date(Date.now() - reviewedMonthsAgo * MONTH),
          reviewedById: krisansvarig?.id ?? chair?.id ?? supporter?.facilitatorId ?? null,
        },
      });
    }
    const phones = [`070-${100 + i} 11 22`, `070-${200 + i} 33 44`];
    await db.crisisContact.createMany({
      data: [
        ...contacts.map((contact, k) => ({ ...contact, phone: phones[k]! })),
        { name: "Distriktets ombudsman", role: "Distriktet", phone: "0920-12 34 56" },
      ].map((contact, k) => ({ planId: plan.id, ...contact, order: k + 1 })),
    });
  }
}
