import { db } from "~/db.server";
import { takeSnapshots } from "~/modules/goals/goals.server";

/**
 * Survey values as the action plan states them, and monthly snapshots for the
 * past months computed from the demo data as it stood then, so the trend
 * charts have a history to show.
 */
export async function seedDemoGoalHistory(now = new Date()) {
  const year = String(now.getUTCFullYear());
  const survey: Record<string, number> = {
    "utatriktad-verksamhet": 22,
    "leder-debatten": 38,
    oppenhet: 47,
    "framtidens-politik": 52,
    "aktivitet-manad": 16,
    "ratt-riktning": 41,
    forvantningar: 43,
    "nya-medlemmar": 310,
  };
  for (const [key, value] of Object.entries(survey)) {
    const indicator = await db.indicator.findUnique({ where: { key } });
    if (!indicator) continue;
    await db.indicatorEntry.create({
      data: {
        indicatorId: indicator.id,
        period: year,
        value,
        source: key === "nya-medlemmar" ? "Medlemsregistret (demo)" : "Medlemstrendundersökningen (demo)",
        measuredOn: new Date(`${year}-09-15T12:00:00Z`),
      },
    });
  }
  for (let monthsAgo = 5; monthsAgo >= 0; monthsAgo--) {
    const at = new Date(now);
    at.setUTCDate(15);
    at.setUTCMonth(at.getUTCMonth() - monthsAgo);
    if (at.getUTCFullYear() !== now.getUTCFullYear()) continue;
    await takeSnapshots(monthsAgo === 0 ? now : at);
  }
}
