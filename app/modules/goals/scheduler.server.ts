import { config } from "~/config.server";
import { ensureMonthlySnapshot } from "./goals.server";

const state = globalThis as unknown as { __snapshots?: { timer: NodeJS.Timeout; running: Promise<unknown> | null } };

/** Makes sure each month has its snapshot: at start and every six hours (cheap when it exists). */
export function startMonthlySnapshots() {
  if (config.NODE_ENV === "test" || state.__snapshots) return;
  const run = () => {
    if (!scheduler.running) {
      scheduler.running = ensureMonthlySnapshot()
        .catch((error) => console.error("indicator snapshot failed", error))
        .finally(() => {
          scheduler.running = null;
        });
    }
  };
  const scheduler: { timer: NodeJS.Timeout; running: Promise<unknown> | null } = { timer: setInterval(run, 6 * 60 * 60 * 1000), running: null };
  scheduler.timer.unref();
  state.__snapshots = scheduler;
  run();
}

/** Stops the schedule; resolves once a snapshot being taken is written. */
export async function stopMonthlySnapshots() {
  const scheduler = state.__snapshots;
  state.__snapshots = undefined;
  if (!scheduler) return;
  clearInterval(scheduler.timer);
  await scheduler.running;
}
