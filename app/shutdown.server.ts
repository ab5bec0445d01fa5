import { closeDatabase } from "~/db.server";
import { stopReplyMailbox } from "~/modules/calendar/reply-mailbox.server";
import { stopFollowUpMail } from "~/modules/follow-up/follow-up-jobs.server";
import { stopMonthlySnapshots } from "~/modules/goals/scheduler.server";
import { stopHousekeeping } from "~/modules/housekeeping/retention.server";
import { stopMailDelivery } from "~/modules/mail/worker.server";
import { flushLessonVisits } from "~/modules/progress/lesson-visits.server";
import { stopSessionReminders } from "~/modules/sessions/reminders.server";

/**
 * The server process's background work stops first (server.js calls this as
 * soon as a SIGTERM arrives): the mail worker finishes the message in hand and
 * claims no more, a snapshot being taken is written.
 */
export async function stopBackgroundWork() {
  await Promise.all([stopMailDelivery(), stopMonthlySnapshots(), stopHousekeeping(), stopSessionReminders(), stopReplyMailbox(), stopFollowUpMail()]);
}

/** Last, after every open request has been answered: write the lesson visits still held, checkpoint the WAL and close the database. */
export async function closeDatabases() {
  await flushLessonVisits();
  await closeDatabase();
}
