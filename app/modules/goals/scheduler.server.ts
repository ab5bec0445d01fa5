import { startPeriodicJob, stopPeriodicJob } from "~/utils/periodic-job.server";
import { ensureMonthlySnapshot } from "./goals.server";

const JOB = "indicator snapshot";

/** Makes sure each month has its snapshot: at start and every six hours (cheap when it exists). */
export function startMonthlySnapshots() {
  startPeriodicJob(JOB, 6 * 60 * 60 * 1000, ensureMonthlySnapshot);
}

/** Stops the schedule; resolves once a snapshot being taken is written. */
export function stopMonthlySnapshots() {
  return stopPeriodicJob(JOB);
}
