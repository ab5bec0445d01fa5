import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FormError, RadioGroup, TextField } from "~/components/field";
import { requirePerson } from "~/modules/auth/session.server";
import { acceptCounter, closeCounter, openCounters, replyCommentsFor } from "~/modules/calendar/calendar-replies.server";
import { ATTENDANCE_LABELS } from "~/modules/sessions/labels";
import { sessionTimesFields } from "~/modules/sessions/session-schema";
import { cancelSession, getSessionFor, mayEditSession, moveSession, recordAttendance, removeAttendee, respond } from "~/modules/sessions/sessions.server";
import { formFailure } from "~/utils/action-result.server";
import { redirectWithMessage } from "~/utils/flash.server";
import { revalidateAfterRefusal, useFormFailure } from "~/utils/form-failure";
import { parseForm, valueOf } from "~/utils/forms";
import { badRequest } from "~/utils/http.server";
import { readForm } from "~/utils/read-form.server";
import { stockholmDate, swedishClock, swedishDateTime } from "~/utils/time";
import { linkableUrl } from "~/utils/urls";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.session.title ?? "Handledning"} · Ledarlyftet` }];

// A refused change (the session began, someone answered meanwhile) shows the session as it now is.
export const shouldRevalidate = revalidateAfterRefusal;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requirePerson(request);
  const session = await getSessionFor(actor, params.sessionId);
  const organizer = mayEditSession(actor, session);
  const mine = session.attendances.find((a) => a.personId === actor.id);
  // Who else is invited, how they answered and what times they propose are the organizer's business.
  const [counters, comments] = organizer ? await Promise.all([openCounters(session.id), replyCommentsFor(session.id)]) : [[], new Map<string, string>()];
  return {
    session: {
      id: session.id,
      title: session.title,
      agenda: session.agenda,
      location: session.location,
      videoUrl: session.videoUrl,
      startsAt: session.startsAt.toISOString(),
      endsAt: session.endsAt.toISOString(),
      date: stockholmDate(session.startsAt),
      startTime: swedishClock(session.startsAt),
      endTime: swedishClock(session.endsAt),
      status: session.status,
      kind: session.kind,
      isOpenSlot: session.isOpenSlot,
      started: session.startsAt <= new Date(),
      facilitator: session.facilitator.name,
      cohort: session.cohort?.name ?? null,
      sequence: session.sequence,
    },
    organizer,
    mine: mine ? mine.status : null,
    attendees: organizer
      ? session.attendances.map((a) => ({
          personId: a.personId,
          name: a.person.name,
          status: a.status,
          byCalendar: a.respondedVia === "calendar",
          comment: comments.get(a.personId) ?? "",
        }))
      : [],
    counters: counters.map((counter) => ({
      id: counter.id,
      name: counter.person?.name ?? "En deltagare",
      startsAt: counter.proposedStartsAt!.toISOString(),
      endTime: swedishClock(counter.proposedEndsAt!),
      comment: counter.comment,
    })),
  };
}

const intents = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("rsvp"), answer: z.enum(["accepted", "tentative", "declined"]) }),
  z.object({ intent: z.literal("accept-counter"), counterId: z.string().min(1).max(40) }),
  z.object({ intent: z.literal("keep-time"), counterId: z.string().min(1).max(40) }),
  z.object({ intent: z.literal("cancel") }),
  z.object({ intent: z.literal("remove"), personId: z.string().min(1).max(40) }),
  z.object({ intent: z.literal("attendance") }).passthrough(),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor } = await requirePerson(request);
  const id = params.sessionId ?? "";
  const formData = await readForm(request);
  const back = (message: string) => redirectWithMessage(request, `/sessions/${id}`, message);
  if (formData.get("intent") === "move") {
    const form = parseForm(sessionTimesFields, formData);
    if (!form.ok) return formFailure(form, formData);
    const result = await moveSession(actor, id, form.value);
    if (!result.ok) return formFailure(result, formData);
    return back("Tiden är ändrad och deltagarna har fått en uppdaterad inbjudan.");
  }
  const form = parseForm(intents, formData);
  if (!form.ok) throw badRequest("Okänd åtgärd.");
  const input = form.value;
  let result;
  switch (input.intent) {
    case "rsvp":
      result = await respond(actor, id, input.answer);
      break;
    case "cancel":
      result = await cancelSession(actor, id);
      break;
    case "remove":
      result = await removeAttendee(actor, id, input.personId);
      break;
    case "accept-counter":
      result = await acceptCounter(actor, input.counterId);
      break;
    case "keep-time":
      await closeCounter(actor, input.counterId);
      result = { ok: true as const, value: { id } };
      break;
    case "attendance": {
      const marks: Record<string, "attended" | "absent"> = {};
      for (const [key, value] of formData) {
        if (key.startsWith("mark-") && (value === "attended" || value === "absent")) marks[key.slice(5)] = value;
      }
      result = await recordAttendance(actor, id, marks);
      break;
    }
  }
  if (!result.ok) return formFailure(result, undefined, 409);
  const messages = {
    rsvp: "Tack för ditt svar.",
    cancel: "Tillfället är inställt och alla inbjudna har meddelats.",
    remove: "Personen är borttagen och har fått en avbokning.",
    "accept-counter": "Tillfället är flyttat till den föreslagna tiden och alla inbjudna har fått den nya tiden.",
    "keep-time": "Tiden ligger kvar. Förslaget är besvarat.",
    attendance: "Närvaron är sparad.",
  };
  return back(messages[input.intent]);
}

const ATTENDANCE_MARKS = [
  { value: "attended", label: "Närvarade" },
  { value: "absent", label: "Frånvarande" },
];

export default function SessionPage() {
  const { session, organizer, mine, attendees, counters } = useLoaderData<typeof loader>();
  const { errors, values } = useFormFailure();
  const cancelled = session.status === "cancelled";
  return (
    <>
      <p>
        <Link to="/sessions">← Handledning</Link>
      </p>
      <h1>
        {session.title} {cancelled ? <span className="badge inactive">Inställt</span> : null}
      </h1>
      <dl className="card">
        <dt>Tid (svensk tid)</dt>
        <dd>
          {swedishDateTime(session.startsAt)}–{session.endTime}
        </dd>
        <dt>Utvecklingsledare</dt>
        <dd>{session.facilitator}</dd>
        {session.cohort ? (
          <>
            <dt>Omgång</dt>
            <dd>{session.cohort}</dd>
          </>
        ) : null}
        {session.location ? (
          <>
            <dt>Plats</dt>
            <dd>{session.location}</dd>
          </>
        ) : null}
        {session.videoUrl ? (
          <>
            <dt>Video</dt>
            <dd>
              {linkableUrl(session.videoUrl) ? (
                <a href={linkableUrl(session.videoUrl)!} rel="noopener noreferrer">
                  {session.videoUrl}
                </a>
              ) : (
                session.videoUrl
              )}
            </dd>
          </>
        ) : null}
      </dl>
      {session.agenda ? <div className="written">{session.agenda}</div> : null}
      <FormError errors={errors._form} />
      <p>
        <a href={`/sessions/${session.id}/calendar.ics`} className="button secondary" download>
          Lägg till i kalender
        </a>
      </p>
      {mine && !cancelled && mine !== "removed" ? (
        <section aria-labelledby="rsvp-title">
          <h2 id="rsvp-title">Ditt svar</h2>
          <p>
            <span className="badge">{ATTENDANCE_LABELS[mine]}</span>
          </p>
          {!session.started ? (
            <Form method="post" className="actions">
              <input type="hidden" name="intent" value="rsvp" />
              <button type="submit" name="answer" value="accepted">
                Jag kommer
              </button>
              <button type="submit" name="answer" value="tentative" className="secondary">
                Kanske
              </button>
              <button type="submit" name="answer" value="declined" className="secondary">
                Jag kan inte
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}
      {organizer && !cancelled ? (
        <section aria-labelledby="manage-title">
          <h2 id="manage-title">{session.started ? "Närvaro" : "Hantera tillfället"}</h2>
          {session.started ? (
            <p className="muted">Tillfället har redan börjat, så det kan inte längre flyttas eller ställas in.</p>
          ) : (
            <>
              <Form method="post" noValidate>
                <input type="hidden" name="intent" value="move" />
                <TextField name="date" label="Nytt datum" type="date" required defaultValue={valueOf(values, "date") || session.date} errors={errors.date} />
                <TextField
                  name="startTime"
                  label="Ny starttid"
                  type="time"
                  required
                  defaultValue={valueOf(values, "startTime") || session.startTime}
                  errors={errors.startTime}
                />
                <TextField
                  name="endTime"
                  label="Ny sluttid"
                  type="time"
                  required
                  defaultValue={valueOf(values, "endTime") || session.endTime}
                  errors={errors.endTime}
                />
                <button type="submit" className="secondary">
                  Flytta tillfället
                </button>
              </Form>
              <Form method="post" className="actions">
                <input type="hidden" name="intent" value="cancel" />
                <button type="submit" className="secondary">
                  Ställ in tillfället
                </button>
              </Form>
            </>
          )}
          {counters.length > 0 && !session.started ? (
            <section aria-labelledby="counters-title" className="card">
              <h3 id="counters-title">Förslag på ny tid</h3>
              <ul className="counter-list">
                {counters.map((counter) => (
                  <li key={counter.id}>
                    <p>
                      <strong>{counter.name}</strong> föreslår {swedishDateTime(counter.startsAt)}–{counter.endTime}.
                      {counter.comment ? <> ”{counter.comment}”</> : null}
                    </p>
                    <Form method="post" className="actions">
                      <input type="hidden" name="counterId" value={counter.id} />
                      <button type="submit" name="intent" value="accept-counter">
                        Flytta till den tiden
                      </button>
                      <button type="submit" name="intent" value="keep-time" className="secondary">
                        Behåll nuvarande tid
                      </button>
                    </Form>
                  </li>
                ))}
              </ul>
              <p className="muted">Ett förslag ändrar ingenting förrän du väljer. Flyttar du får alla inbjudna den nya tiden.</p>
            </section>
          ) : null}
          <h3>Inbjudna</h3>
          {attendees.length === 0 ? (
            <p className="empty">
              {!session.isOpenSlot ? "Ingen är inbjuden." : session.started ? "Ingen bokade tiden." : "Tiden är ledig och kan bokas av en deltagare."}
            </p>
          ) : (
            <Form method="post">
              <input type="hidden" name="intent" value="attendance" />
              <table>
                <thead>
                  <tr>
                    <th scope="col">Namn</th>
                    <th scope="col">Svar</th>
                    {session.started ? <th scope="col">Närvaro</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {attendees.map((a) => (
                    <tr key={a.personId}>
                      <td>{a.name}</td>
                      <td>
                        {ATTENDANCE_LABELS[a.status]}
                        {a.byCalendar ? <span className="muted"> (svar från kalendern)</span> : null}
                        {a.comment ? <div className="muted">”{a.comment}”</div> : null}
                      </td>
                      {session.started ? (
                        <td>
                          {a.status === "removed" ? null : (
                            <RadioGroup
                              name={`mark-${a.personId}`}
                              label={`Närvaro för ${a.name}`}
                              hideLabel
                              options={ATTENDANCE_MARKS}
                              defaultValue={a.status}
                            />
                          )}
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
              {session.started ? <button type="submit">Spara närvaro</button> : null}
            </Form>
          )}
          {!session.started
            ? attendees
                .filter((a) => a.status !== "removed")
                .map((a) => (
                  <Form method="post" key={a.personId} style={{ display: "inline-block", marginRight: "1rem" }}>
                    <input type="hidden" name="intent" value="remove" />
                    <input type="hidden" name="personId" value={a.personId} />
                    <button type="submit" className="linklike">
                      Ta bort {a.name}
                    </button>
                  </Form>
                ))
            : null}
        </section>
      ) : null}
    </>
  );
}
