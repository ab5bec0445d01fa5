import type { Tx } from "~/db.server";

const normal = (name: string) => name.trim().replace(/\s+/g, " ").toLocaleLowerCase("sv");

/**
 * Crisis-plan contacts are free text (name, role, phone), not links to a
 * person. Entries carrying the person's name in the plans of their own
 * branch and of the branches they support are taken to be them; a namesake
 * in another branch is left alone.
 */
export async function crisisContactsNamed(client: Tx, person: { id: string; name: string; branchId: string }) {
  const supported = await client.branchSupport.findMany({ where: { facilitatorId: person.id }, select: { branchId: true } });
  const branchIds = [person.branchId, ...supported.map((s) => s.branchId)];
  const contacts = await client.crisisContact.findMany({
    where: { plan: { branchId: { in: branchIds } } },
    include: { plan: { select: { branch: { select: { name: true } } } } },
    orderBy: { order: "asc" },
  });
  const wanted = normal(person.name);
  return contacts.filter((c) => normal(c.name) === wanted);
}
