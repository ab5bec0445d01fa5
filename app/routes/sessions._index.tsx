import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FormError } from "~/components/field";
import { may } from "~/modules/auth/permissions";
import { requirePerson } from "~/modules/auth/session.server";
import { ATTENDANCE_LABELS } from "~/modules/sessions/labels";
import { bookSlot, sessionsFor } from "~/modules/sessions/sessions.server";
import { formError } from "~/utils/action-result";
import { formFailure } from "~/utils/action-result.server";
import { redirectWithMessage } from "~/utils/flash.server";
import { useFormFailure } from "~/utils/form-failure";
import { parseForm } from "~/utils/forms";
import { readForm } from "~/utils/read-form.server";
import { swedishDateTime } from "~/utils/time";
import { formatCount } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Handledning · Ledarlyftet" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requirePerson(request);
  const { leading, invited, openSlots } = await sessionsFor(actor);
  const row = (session: (typeof leading)[number]) => ({
    id: session.id,
    title: session.title,
    startsAt: session.startsAt.toISOString(),
    status: session.status,
    isOpenSlot: session.isOpenSlot,
    cohort: session.cohort?.name ?? null,
    facilitator: session.facilitator.name,
    attendees: session.attendances.filter((a) => a.status !== "removed").length,
    mine: session.attendances.find((a) => a.personId === actor.id)?.status ?? null,
  });
  return {
    mayLead: may(actor, "sessions:schedule"),
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
  const { mayLead, leading, invited, openSlots } = useLoaderData<typeof loader>();
  const { errors } = useFormFailure();
  return (
    <>
      <h1>Handledning</h1>
      <FormError errors={errors._form} />
      {mayLead ? (
        <section aria-labelledby="leading-title">
          <h2 id="leading-title">Tillfällen jag leder</h2>
          <p>
            <Link to="/sessions/new" className="button">
              Boka handledning
            </Link>
          </p>
          {leading.length === 0 ? (
            <p className="empty">Du har inga kommande tillfällen.</p>
          ) : (
            <ul>
              {leading.map((session) => (
                <li key={session.id}>
                  <Link to={`/sessions/${session.id}`}>{session.title}</Link> {swedishDateTime(session.startsAt)}{" "}
                  <span className="muted">
                    {session.cohort ? `${session.cohort}, ` : ""}
                    {session.isOpenSlot ? "bokningsbar tid" : formatCount(session.attendees, "inbjuden", "inbjudna")}
                  </span>
                  {session.status === "cancelled" ? <span className="badge inactive">Inställt</span> : null}
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
      <section aria-labelledby="invited-title">
        <h2 id="invited-title">Mina tillfällen</h2>
        {invited.length === 0 ? (
          <p className="empty">Du är inte inbjuden till någon handledning just nu. Boka en ledig tid nedan.</p>
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
      <section aria-labelledby="slots-title">
        <h2 id="slots-title">Lediga tider för enskild handledning</h2>
        {openSlots.length === 0 ? (
          <p className="empty">Inga lediga tider just nu.</p>
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
    </>
  );
}
