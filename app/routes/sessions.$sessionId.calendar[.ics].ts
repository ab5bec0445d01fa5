import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePerson } from "~/modules/auth/session.server";
import { publishIcs } from "~/modules/calendar/ics.server";
import { asCalendar, getSessionFor } from "~/modules/sessions/sessions.server";

/** "Lägg till i kalender": one session as an .ics file, for people who may see it. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requirePerson(request);
  const session = await getSessionFor(actor, params.sessionId);
  return new Response(publishIcs([asCalendar(session)]), {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="handledning-${session.startsAt.toISOString().slice(0, 10)}.ics"`,
    },
  });
}
