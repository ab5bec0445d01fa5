import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FormError } from "~/components/field";
import { ScheduleActions } from "~/components/schedule-actions";
import { may } from "~/modules/auth/permissions";
import { requirePerson } from "~/modules/auth/session.server";
import { ATTENDANCE_LABELS } from "~/modules/sessions/labels";
import { bookSlot, sessionsFor } from "~/modules/sessions/sessions.server";
import { formError } from "~/utils/action-result";
import { formFailure } from "~/utils/action-result.server";
import { redirectWithMessage } from "~/utils/flash.server";
import { revalidateAfterRefusal, useFormFailure } from "~/utils/form-failure";
import { parseForm } from "~/utils/forms";
import { readForm } from "~/utils/read-form.server";
import { swedishDateTime } from "~/utils/time";
import { formatCount } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Handledning · Ledarlyftet" }];

// After losing a race for a free time the list shows at once that it is gone: single fetch does not reload after a 409 by itself.
export const shouldRevalidate = revalidateAfterRefusal;

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requirePerson(request);
  const now = new Date();
  const { leading, invited, openSlots } = await sessionsFor(actor, now);
  const row = (session: (typeof leading)[number]) => ({
    id: session.id,
    title: session.title,
    startsAt: session.startsAt.toISOString(),
    past: session.startsAt <= now,
    // Begun, not cancelled, and someone invited still has no närvarat/frånvarande: the organizer's to do.
    needsAttendance:
      session.startsAt <= now &&
      session.status === "scheduled" &&
      session.attendances.some((a) => a.status === "invited" || a.status === "accepted" || a.status === "tentative"),
    status: session.status,
    isOpenSlot: session.isOpenSlot,
    cohort: session.cohort?.name ?? null,
    facilitator: session.facilitator.name,
    attendees: session.attendances.filter((a) => a.status !== "removed").length,
    mine: session.attendances.find((a) => a.personId === actor.id)?.status ?? null,
  });
  return {
    mayLead: may(actor, "sessions:schedule"),
    mayBook: may(actor, "sessions:book"),
    leading: leading.map(row),
    invited: invited.map(row),
    openSlots: openSlots.map((slot) => ({
      id: slot.id,
      title: slot.title,
      startsAt: slot.startsAt.toISOString(),
      facilitator: slot.facilitator.name,
      location: slot.location || (slot.videoUrl ? "Video" : ""),
    })),
  };
}

const bookSchema = z.object({ intent: z.literal("book"), sessionId: z.string().min(1).max(40) });

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requirePerson(request);
  const form = parseForm(bookSchema, await readForm(request));
  if (!form.ok) return formFailure(formError("Välj en tid att boka."));
  const result = await bookSlot(actor, form.value.sessionId);
  if (!result.ok) return formFailure(result, undefined, 409);
  return redirectWithMessage(request, `/sessions/${result.value.id}`, "Tiden är bokad. En kalenderinbjudan är skickad till din e-post.");
}

export default function Sessions() {
  const { mayLead, mayBook, leading, invited, openSlots } = useLoaderData<typeof loader>();
  const { errors } = useFormFailure();
  const upcoming = leading.filter((session) => !session.past);
  const recent = leading.filter((session) => session.past);
  return (
    <>
      <h1>Handledning</h1>
      <FormError errors={errors._form} />
      {mayLead ? (
        <section aria-labelledby="leading-title">
          <h2 id="leading-title">Tillfällen jag leder</h2>
          <p className="muted">
            Grupphandledning för en omgång, enskilda samtal och lediga tider som deltagare själva bokar. Alla inbjudna får en kalenderinbjudan via e-post.
          </p>
          <ScheduleActions />
          <h3>Kommande</h3>
          {upcoming.length === 0 ? (
            <p className="empty">
              Du har inga kommande tillfällen. Boka grupphandledning för en omgång du leder eller ett enskilt samtal, eller publicera lediga tider som
              deltagarna kan boka.
            </p>
          ) : (
            <LedList sessions={upcoming} />
          )}
          {recent.length > 0 ? (
            <>
              <h3>Senaste 30 dagarna</h3>
              <LedList sessions={recent} />
            </>
          ) : null}
        </section>
      ) : null}
      {mayBook || invited.length > 0 ? (
        <section aria-labelledby="invited-title">
          <h2 id="invited-title">{mayLead ? "Handledning jag deltar i" : "Mina tillfällen"}</h2>
          {invited.length === 0 ? (
            <p className="empty">
              Du är inte inbjuden till någon handledning just nu.{" "}
              {openSlots.length > 0 ? "Boka en ledig tid nedan." : "När en utvecklingsledare bjuder in dig eller publicerar lediga tider syns de här."}
            </p>
          ) : (
            <ul>
              {invited.map((session) => (
                <li key={session.id}>
                  <Link to={`/sessions/${session.id}`}>{session.title}</Link> {swedishDateTime(session.startsAt)}{" "}
                  <span className="muted">med {session.facilitator}</span>{" "}
                  {session.status === "cancelled" ? (
                    <span className="badge inactive">Inställt</span>
                  ) : (
                    <span className="badge">{ATTENDANCE_LABELS[session.mine ?? "invited"]}</span>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
      {mayBook ? (
        <section aria-labelledby="slots-title">
          <h2 id="slots-title">Lediga tider för enskild handledning</h2>
          {openSlots.length === 0 ? (
            <p className="empty">Inga lediga tider just nu. Utvecklingsledarna publicerar nya tider här.</p>
          ) : (
            <ul className="lesson-list">
              {openSlots.map((slot) => (
                <li key={slot.id}>
                  <span>
                    {swedishDateTime(slot.startsAt)} med {slot.facilitator} <span className="muted">{slot.location}</span>
                  </span>
                  <Form method="post">
                    <input type="hidden" name="intent" value="book" />
                    <input type="hidden" name="sessionId" value={slot.id} />
                    <button type="submit" className="secondary" aria-label={`Boka ${swedishDateTime(slot.startsAt)} med ${slot.facilitator}`}>
                      Boka
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </>
  );
}

type LedSession = ReturnType<typeof useLoaderData<typeof loader>>["leading"][number];

/** The sessions a person leads, each with what it is (a cohort's, a free time, how many are invited) and what it waits for. */
function LedList({ sessions }: { sessions: LedSession[] }) {
  return (
    <ul>
      {sessions.map((session) => (
        <li key={session.id}>
          <Link to={`/sessions/${session.id}`}>{session.title}</Link> {swedishDateTime(session.startsAt)}{" "}
          <span className="muted">
            {session.cohort ? `${session.cohort}, ` : ""}
            {session.isOpenSlot ? (session.past ? "ledig tid som ingen bokade" : "bokningsbar tid") : formatCount(session.attendees, "inbjuden", "inbjudna")}
          </span>
          {session.status === "cancelled" ? (
            <>
              {" "}
              <span className="badge inactive">Inställt</span>
            </>
          ) : null}
          {session.needsAttendance ? (
            <>
              {" "}
              <span className="badge">Registrera närvaro</span>
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
