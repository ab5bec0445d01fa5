import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePerson } from "~/modules/auth/session.server";
import { publishIcs } from "~/modules/calendar/ics.server";
import { asCalendar, getSessionFor } from "~/modules/sessions/sessions.server";
import { fileDownload } from "~/utils/http.server";
import { stockholmDate } from "~/utils/time";

/** "Lägg till i kalender": one session as an .ics file, for people who may see it. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requirePerson(request);
  const session = await getSessionFor(actor, params.sessionId);
  return fileDownload(publishIcs([asCalendar(session)]), {
    // The day in Swedish time: a session at 00:30 is on that day, not the UTC day before.
    filename: `handledning-${stockholmDate(session.startsAt)}.ics`,
    contentType: "text/calendar; charset=utf-8",
  });
}
