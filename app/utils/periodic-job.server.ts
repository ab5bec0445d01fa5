import { config } from "~/config.server";
import { runAsBackgroundWork } from "./background-work.server";

interface Job {
  timer: NodeJS.Timeout;
  running: Promise<unknown> | null;
}

// On globalThis so a dev reload does not start a second copy of a job.
const registry = ((globalThis as unknown as { __periodicJobs?: Map<string, Job> }).__periodicJobs ??= new Map());

/**
 * Background work of the server process: runs `work` at once and then every
 * `everyMs`, never two runs at a time; a failure is logged and the next run
 * tries again. Runs as background work (background-work.server.ts), so a
 * long run on SQLite cannot keep requests waiting. Not in tests, which call
 * the work themselves.
 */
export function startPeriodicJob(name: string, everyMs: number, work: () => Promise<unknown>) {
  if (config.NODE_ENV === "test" || registry.has(name)) return;
  const run = () => {
    if (job.running) return;
    job.running = runAsBackgroundWork(work)
      .catch((error) => console.error(`${name} failed`, error))
      .finally(() => {
        job.running = null;
      });
  };
  const job: Job = { timer: setInterval(run, everyMs), running: null };
  job.timer.unref();
  registry.set(name, job);
  run();
}

/** Stops the schedule; resolves once a run under way is done. */
export async function stopPeriodicJob(name: string) {
  const job = registry.get(name);
  registry.delete(name);
  if (!job) return;
  clearInterval(job.timer);
  await job.running;
}
