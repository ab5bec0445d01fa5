import { config } from "~/config.server";
import { transaction } from "~/db.server";
import { queueEmail } from "~/modules/mail/outbox.server";
import { stopFooter } from "~/modules/mail/preferences.server";
import { Prisma } from "~/generated/prisma/client.ts";
import { column, executeSql, selectRows, row } from "~/sql.server";
import { startPeriodicJob, stopPeriodicJob } from "~/utils/periodic-job.server";
import { swedishDateTime } from "~/utils/time";

/*
 * A reminder e-mail before each handledning session, REMINDER_HOURS ahead (24
 * by default), to everyone invited who has not said no and has not turned
 * reminders off. Each is claimed by setting Attendance.remindedAt with a
 * conditional update in the same transaction as its outbox row, so with
 * several app servers (or a restart half-way) each person gets it once.
 */

const JOB = "session reminders";
const EVERY_MS = 60_000;

const dueRow = row({
  attendanceId: column.text,
  personId: column.text,
  name: column.text,
  email: column.text,
  sessionId: column.text,
  title: column.text,
  location: column.text,
  videoUrl: column.text.nullable(),
  startsAt: column.date,
  facilitator: column.text,
});

/** Attendances whose session starts within the reminder window and that have had no reminder yet. */
function dueReminders(now: Date, hours: number) {
  return selectRows(
    dueRow,
    Prisma.sql`
      SELECT a."id" AS "attendanceId", p."id" AS "personId", p."name", p."email", s."id" AS "sessionId", s."title", s."location", s."videoUrl",
             s."startsAt", f."name" AS "facilitator"
      FROM "Attendance" a
      JOIN "HandledningSession" s ON s."id" = a."sessionId"
      JOIN "Person" p ON p."id" = a."personId"
      JOIN "Person" f ON f."id" = s."facilitatorId"
      WHERE a."remindedAt" IS NULL AND a."status" IN ('invited', 'accepted', 'tentative')
        AND s."status" = 'scheduled' AND s."startsAt" > ${now} AND s."startsAt" <= ${new Date(now.getTime() + hours * 3_600_000)}
        AND p."active" = ${true} AND p."sessionReminders" = ${true}
      ORDER BY s."startsAt"
      LIMIT 500`,
  );
}

/** Queues the reminders that are due; answers how many. Safe to run on every server at once. */
export async function sendDueReminders(now = new Date(), hours = config.REMINDER_HOURS): Promise<number> {
  let queued = 0;
  for (const due of await dueReminders(now, hours)) {
    const claimed = await transaction(async (tx) => {
      // Whoever sets remindedAt first sends it; a second server (or a second run) finds it set.
      const count = await executeSql(Prisma.sql`UPDATE "Attendance" SET "remindedAt" = ${now} WHERE "id" = ${due.attendanceId} AND "remindedAt" IS NULL`, tx);
      if (count !== 1) return false;
      const when = swedishDateTime(due.startsAt);
      await queueEmail(
        {
          to: due.email,
          personId: due.personId,
          kind: "session-reminder",
          subject: `Påminnelse: ${due.title}, ${when}`,
          text: [
            `Hej ${due.name}!`,
            "",
            `Påminnelse: handledningen "${due.title}" med ${due.facilitator} är ${when} (svensk tid).`,
            due.location ? `Plats: ${due.location}` : null,
            due.videoUrl ? `Videolänk: ${due.videoUrl}` : null,
            "",
            `Mer om tillfället, och ditt svar: ${new URL(`/sessions/${due.sessionId}`, config.PUBLIC_URL).toString()}`,
            "",
            stopFooter(due.personId, "session-reminders"),
          ]
            .filter((line) => line !== null)
            .join("\n"),
        },
        tx,
      );
      return true;
    });
    if (claimed) queued++;
  }
  return queued;
}

/** Looks for due reminders at start and every minute. */
export function startSessionReminders() {
  startPeriodicJob(JOB, EVERY_MS, () => sendDueReminders());
}

export function stopSessionReminders() {
  return stopPeriodicJob(JOB);
}
