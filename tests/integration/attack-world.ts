import path from "node:path";
import { db } from "~/db.server";
import { syncContent } from "~/modules/catalog/sync.server";
import { ensureTemplate } from "~/modules/crisis/template.server";
import { createCohort } from "~/modules/enrolment/cohorts.server";
import { ensureGoals } from "~/modules/goals/seed-goals.server";
import { isoDay } from "../support/dates";
import { basicContent, writeContent } from "./content-fixture";
import { branchId, signedIn } from "./helpers";

export type Person = Awaited<ReturnType<typeof signedIn>>;

/**
 * The world the attack tests (attack-access, -xss, -input, -form-bodies)
 * start from, in the per-file test database: the test catalog (basicContent,
 * plus any files `content` adds or replaces), the crisis template and the
 * goals, and four people signed in through the real login:
 *
 *   admin     the district admin
 *   f1        an Utvecklingsledare in Luleå who supports Luleå
 *   learner   a Deltagare in Luleå (f1's)
 *   chair     the chair (ordförande) of Luleå
 *
 * A file adds the people and rows its own attacks need (approvalCohort below for a cohort).
 */
export async function attackWorld({ content = {} }: { content?: Record<string, string> } = {}) {
  await syncContent(writeContent({ ...basicContent(), ...content }));
  await ensureTemplate(path.resolve("content/krisplan/mall.md"));
  await ensureGoals();
  const admin = await signedIn({ roles: ["admin"] });
  const f1 = await signedIn({ roles: ["facilitator"], branch: "Luleå" });
  const learner = await signedIn({ branch: "Luleå" });
  const chair = await signedIn({ branch: "Luleå", position: "ordforande" });
  const lulea = await branchId("Luleå");
  await db.branchSupport.create({ data: { facilitatorId: f1.id, branchId: lulea } });
  const programId = (await db.program.findUniqueOrThrow({ where: { slug: "testprogram" } })).id;
  return { admin, f1, learner, chair, lulea, programId };
}

/** A cohort of the test program that takes applications now (decided by `facilitator`), 10 seats, starting in 5 days. */
export async function approvalCohort(world: { admin: Person; programId: string }, facilitator: Person, name = "Omgång") {
  const result = await createCohort(world.admin.id, {
    name,
    programId: world.programId,
    startsOn: isoDay(5),
    endsOn: isoDay(50),
    enrolmentOpensOn: isoDay(-1),
    enrolmentClosesOn: isoDay(3),
    capacity: 10,
    mode: "approval",
    facilitatorIds: [facilitator.id],
    branchIds: [],
    positions: [],
  });
  if (!result.ok) throw new Error(result.message);
  return result.value.id;
}
