import { db, transaction } from "~/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { fieldError, ok, type ActionResult } from "~/utils/action-result";
import { branchSlug, NORRBOTTEN_BRANCHES } from "./branches";

/**
 * Every deployment starts with the district's 14 branches. Only into an empty
 * table: afterwards they are the admins' to rename, and a restart must not
 * bring an old name back.
 */
export async function ensureDistrictBranches() {
  if ((await db.branch.count()) > 0) return;
  await db.branch.createMany({ data: NORRBOTTEN_BRANCHES.map((name) => ({ name, slug: branchSlug(name) })) });
}

export function listBranches() {
  return db.branch.findMany({ orderBy: { name: "asc" } });
}

/** One branch's id and name, or null: for pages that show it. */
export function findBranch(id: string | undefined) {
  return id ? db.branch.findUnique({ where: { id }, select: { id: true, name: true } }) : Promise.resolve(null);
}

export async function listBranchesWithCounts() {
  const branches = await db.branch.findMany({
    orderBy: { name: "asc" },
    include: { _count: { select: { people: { where: { active: true } } } } },
  });
  return branches.map((b) => ({ id: b.id, name: b.name, slug: b.slug, activePeople: b._count.people }));
}

/** Name and slug are both unique; "Lulea" and "Luleå" are one branch. */
async function nameTaken(name: string, exceptId?: string) {
  const clash = await db.branch.findFirst({ where: { OR: [{ name }, { slug: branchSlug(name) }] }, select: { id: true } });
  return clash !== null && clash.id !== exceptId;
}

const NAME_TAKEN = "Det finns redan en arbetarekommun med det namnet.";

export async function createBranch(actorId: string, name: string): Promise<ActionResult<{ id: string }>> {
  if (await nameTaken(name)) return fieldError("name", NAME_TAKEN);
  const branch = await transaction(async (tx) => {
    const created = await tx.branch.create({ data: { name, slug: branchSlug(name) } });
    await recordAudit({ actorId, action: "branch.created", subjectType: "branch", subjectId: created.id, detail: { after: { name } } }, tx);
    return created;
  });
  return ok({ id: branch.id });
}

export async function renameBranch(actorId: string, id: string, name: string): Promise<ActionResult<{ id: string }>> {
  const before = await db.branch.findUnique({ where: { id } });
  if (!before) return fieldError("name", "Arbetarekommunen finns inte.");
  if (await nameTaken(name, id)) return fieldError("name", NAME_TAKEN);
  await transaction(async (tx) => {
    await tx.branch.update({ where: { id }, data: { name, slug: branchSlug(name) } });
    await recordAudit(
      { actorId, action: "branch.renamed", subjectType: "branch", subjectId: id, detail: { before: { name: before.name }, after: { name } } },
      tx,
    );
  });
  return ok({ id });
}
