import { db } from "~/db.server";
import { branchSlug, NORRBOTTEN_BRANCHES } from "./branches";

/** The district's branches exist in every deployment, demo or not. */
export async function ensureDistrictBranches() {
  for (const name of NORRBOTTEN_BRANCHES) {
    await db.branch.upsert({
      where: { slug: branchSlug(name) },
      create: { slug: branchSlug(name), name },
      update: {},
    });
  }
}

export function listBranches() {
  return db.branch.findMany({ orderBy: { name: "asc" } });
}

export async function listBranchesWithCounts() {
  const branches = await db.branch.findMany({
    orderBy: { name: "asc" },
    include: { _count: { select: { people: { where: { active: true } } } } },
  });
  return branches.map((b) => ({ id: b.id, name: b.name, slug: b.slug, activePeople: b._count.people }));
}
