import { db, transaction } from "~/db.server";
import { hashPassword } from "~/modules/auth/password.server";
import { ensureDistrictBranches } from "~/modules/branches/branches.server";
import { roleFlags } from "~/modules/people/roles";
import { DEMO_LOGINS, DEMO_PASSWORD, demoParticipants } from "./demo-people";
import { seedDemoCohorts } from "./demo-cohorts.server";
import { seedDemoCompletions, seedOneLessonLeft } from "./demo-completions.server";
import { seedDemoCrisisPlans } from "./demo-crisis.server";
import { seedDemoGoalHistory } from "./demo-goals.server";
import { ensureGoals } from "~/modules/goals/seed-goals.server";
import { seedDemoLearning } from "./demo-learning.server";
import { seedDemoManuals } from "./demo-manuals.server";
import { seedDemoSessions } from "./demo-sessions.server";

export { DEMO_DOMAIN, DEMO_LOGINS, DEMO_PASSWORD, demoParticipants } from "./demo-people";

export type SeedOutcome = "seeded" | "skipped-not-empty" | "skipped-disabled";

/**
 * Branches always; demo people only into an empty person table, so a
 * restart never duplicates them and a real district's data is never touched.
 */
export async function seedDistrict({ demo }: { demo: boolean }): Promise<SeedOutcome> {
  await ensureDistrictBranches();
  await ensureGoals();
  if (!demo) return "skipped-disabled";
  if ((await db.person.count()) > 0) return "skipped-not-empty";
  const branches = new Map((await db.branch.findMany()).map((b) => [b.name, b.id]));
  const hash = await hashPassword(DEMO_PASSWORD);
  const people = [...DEMO_LOGINS, ...demoParticipants()];
  const ids = await transaction(async (tx) => {
    const created: string[] = [];
    for (const p of people) {
      const row = await tx.person.create({
        data: {
          name: p.name,
          email: p.email,
          position: p.position,
          branchId: branches.get(p.branch)!,
          ...roleFlags(p.roles),
          password: { create: { hash } },
        },
      });
      created.push(row.id);
    }
    return created;
  });
  // The named demo Deltagare first, so the README's login has progress to show.
  const participantIds = [ids[3]!, ...ids.slice(DEMO_LOGINS.length)];
  await seedDemoLearning(participantIds, ids[1]!);
  await seedDemoCohorts();
  await seedDemoSessions();
  await seedDemoCrisisPlans();
  await seedDemoCompletions();
  await seedOneLessonLeft();
  await seedDemoGoalHistory();
  await seedDemoManuals();
  return "seeded";
}
