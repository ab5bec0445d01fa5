import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { createBranch, ensureDistrictBranches, renameBranch } from "./branches.server";

describe("branches", () => {
  it("the district's 14 branches are loaded once however often start-up runs", async () => {
    await ensureDistrictBranches();
    await ensureDistrictBranches();
    expect(await db.branch.count()).toBe(14);
  });

  it("refuses a new branch whose name matches an existing one up to å/ä/ö and case", async () => {
    await ensureDistrictBranches();
    expect(await createBranch("admin", "lulea")).toMatchObject({ ok: false, errors: { name: [expect.stringContaining("finns redan")] } });
    const created = await createBranch("admin", "Testby");
    expect(created.ok).toBe(true);
  });

  it("renames a branch and records before and after", async () => {
    await ensureDistrictBranches();
    const boden = await db.branch.findUniqueOrThrow({ where: { name: "Boden" } });
    expect(await renameBranch("admin", boden.id, "Piteå")).toMatchObject({ ok: false });
    expect(await renameBranch("admin", boden.id, "Bodens arbetarekommun")).toEqual({ ok: true, value: { id: boden.id } });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { subjectId: boden.id, action: "branch.renamed" } });
    expect(JSON.parse(audit.detail)).toEqual({ before: { name: "Boden" }, after: { name: "Bodens arbetarekommun" } });
  });
});

describe("branches after a rename", () => {
  it("a restart does not bring the old name back", async () => {
    await ensureDistrictBranches();
    const kalix = await db.branch.findUniqueOrThrow({ where: { name: "Kalix" } });
    await renameBranch("admin", kalix.id, "Kalix AK");
    const before = await db.branch.count();
    await ensureDistrictBranches();
    expect(await db.branch.findUnique({ where: { name: "Kalix" } })).toBeNull();
    expect(await db.branch.count()).toBe(before);
  });
});
