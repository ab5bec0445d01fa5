import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { actorOf } from "./session.server";
import { cohortsRunBy, learnersSupportedBy } from "./scopes";
import { branchId, createPerson } from "../../../tests/integration/helpers";

// The fragments as Prisma runs them: the same rows the rule would allow one by one.
describe("row scopes against the database", () => {
  it("a cohort list shows an Utvecklingsledare the cohorts they run, an admin all of them, a participant none", async () => {
    const lead = await createPerson({ roles: ["facilitator"] });
    const other = await createPerson({ roles: ["facilitator"] });
    const admin = await createPerson({ roles: ["admin"] });
    const participant = await createPerson();
    const program = await db.program.create({ data: { slug: `scope-${Date.now()}`, title: "Scopes", descriptionHtml: "", order: 99 } });
    const day = new Date("2030-01-01T00:00:00Z");
    const cohort = (name: string, facilitatorId: string) =>
      db.cohort.create({
        data: {
          name,
          programId: program.id,
          startsOn: day,
          endsOn: day,
          enrolmentOpensAt: day,
          enrolmentClosesAt: day,
          capacity: 5,
          mode: "open",
          facilitators: { create: [{ personId: facilitatorId }] },
        },
      });
    const mine = await cohort("Min omgång", lead.id);
    const theirs = await cohort("Någon annans", other.id);
    // A participant still listed on a cohort (the role taken away since) runs nothing.
    const stale = await cohort("Gammal", participant.id);
    const ids = async (who: typeof lead) =>
      (await db.cohort.findMany({ where: { AND: [{ programId: program.id }, cohortsRunBy(actorOf(who))] }, select: { id: true } })).map((c) => c.id).sort();

    expect(await ids(lead)).toEqual([mine.id]);
    expect(await ids(admin)).toEqual([mine.id, theirs.id, stale.id].sort());
    expect(await ids(participant)).toEqual([]);
  });

  it("a learner list shows an Utvecklingsledare the people of the branches they support, an admin everyone, a participant nobody", async () => {
    const facilitator = await createPerson({ roles: ["facilitator"], branch: "Luleå" });
    const admin = await createPerson({ roles: ["admin"] });
    const inBoden = await createPerson({ branch: "Boden" });
    const inKiruna = await createPerson({ branch: "Kiruna" });
    await db.branchSupport.create({ data: { facilitatorId: facilitator.id, branchId: await branchId("Boden") } });
    const among = [inBoden.id, inKiruna.id];
    const ids = async (who: typeof admin) =>
      (await db.person.findMany({ where: { AND: [{ id: { in: among } }, learnersSupportedBy(actorOf(who))] }, select: { id: true } })).map((p) => p.id).sort();

    expect(await ids(facilitator)).toEqual([inBoden.id]);
    expect(await ids(admin)).toEqual([...among].sort());
    expect(await ids(inBoden)).toEqual([]);
  });
});
