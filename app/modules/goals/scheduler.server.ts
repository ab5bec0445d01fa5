import { config } from "~/config.server";
import { ensureMonthlySnapshot } from "./goals.server";

const state = globalThis as unknown as { __snapshots?: NodeJS.Timeout };

/** Makes sure each month has its snapshot: at start and every six hours (cheap when it exists). */
export function startMonthlySnapshots() {
  if (config.NODE_ENV === "test" || state.__snapshots) return;
  const run = () => ensureMonthlySnapshot().catch((error) => console.error("indicator snapshot failed", error));
  void run();
  state.__snapshots = setInterval(run, 6 * 60 * 60 * 1000);
  state.__snapshots.unref();
}
