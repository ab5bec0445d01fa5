import { config } from "~/config.server";
import { startPeriodicJob, stopPeriodicJob } from "~/utils/periodic-job.server";
import { sendDueNudges } from "./nudges.server";
import { sendDueDigests } from "./weekly-digest.server";

const JOB = "follow-up e-mail";
const EVERY_MS = 10 * 60_000;

const hourFormat = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm", hour: "2-digit", hourCycle: "h23" });

/** Whether nudges may go out now: within NUDGE_HOURS, Swedish time. */
export function inNudgeHours(now: Date, [from, to] = config.NUDGE_HOURS): boolean {
  const hour = Number(hourFormat.format(now));
  return hour >= from && hour < to;
}

async function followUp() {
  const now = new Date();
  if (inNudgeHours(now)) await sendDueNudges(now);
  await sendDueDigests(now);
}

/** Looks for due nudges and digests at start and every ten minutes; both are decided once per person whichever server looks. */
export function startFollowUpMail() {
  startPeriodicJob(JOB, EVERY_MS, followUp);
}

export function stopFollowUpMail() {
  return stopPeriodicJob(JOB);
}
