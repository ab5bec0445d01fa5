import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { CheckboxGroup, FormError, SelectField, TextArea, TextField } from "~/components/field";
import { requirePermission } from "~/modules/auth/session.server";
import { SCHEDULE_ARRAY_FIELDS, scheduleFields } from "~/modules/sessions/session-schema";
import { scheduleSessions, schedulingChoices } from "~/modules/sessions/sessions.server";
import { formFailure } from "~/utils/action-result.server";
import { redirectWithMessage } from "~/utils/flash.server";
import { useFormFailure } from "~/utils/form-failure";
import { parseForm, valueOf, valuesOf } from "~/utils/forms";
import { readForm } from "~/utils/read-form.server";

export const meta: MetaFunction = () => [{ title: "Boka handledning · Ledarlyftet" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requirePermission(request, "sessions:schedule");
  const { cohorts, people } = await schedulingChoices(actor);
  return { cohorts, people: people.map((person) => ({ value: person.id, label: `${person.name} (${person.branch.name})` })) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requirePermission(request, "sessions:schedule");
  const formData = await readForm(request);
  const form = parseForm(scheduleFields, formData, SCHEDULE_ARRAY_FIELDS);
  if (!form.ok) return formFailure(form, formData);
  const result = await scheduleSessions(actor, form.value);
  if (!result.ok) return formFailure(result, formData);
  // A free time invites nobody yet: it waits on the Handledning page for a Deltagare to book it.
  const { ids, openSlot } = result.value;
  const message = openSlot
    ? ids.length > 1
      ? `${ids.length} lediga tider är publicerade. Deltagarna kan boka dem under Handledning.`
      : "Den lediga tiden är publicerad. Deltagarna kan boka den under Handledning."
    : ids.length > 1
      ? `${ids.length} tillfällen är bokade och inbjudningar skickade.`
      : "Tillfället är bokat och inbjudningar skickade.";
  return redirectWithMessage(request, `/sessions/${ids[0]}`, message);
}

export default function NewSession() {
  const { cohorts, people } = useLoaderData<typeof loader>();
  const { failed, errors, values } = useFormFailure();
  // "Publicera lediga tider" opens the same form set for a free one-to-one time.
  const freeTime = useSearchParams()[0].get("kind") === "open-slot";
  return (
    <>
      <p>
        <Link to="/sessions">← Handledning</Link>
      </p>
      <h1>{freeTime ? "Publicera lediga tider" : "Boka handledning"}</h1>
      <p className="muted">
        {freeTime
          ? "En ledig tid är ett enskilt samtal som en deltagare själv bokar under Handledning. Välj Upprepa för att lägga ut samma tid flera veckor. Ange tider i svensk tid."
          : "Ange tider i svensk tid. Deltagarna får en kalenderinbjudan via e-post."}
      </p>
      <Form method="post" noValidate>
        <FormError errors={errors._form} />
        <SelectField
          name="kind"
          label="Typ"
          defaultValue={valueOf(values, "kind") || (freeTime ? "one-to-one" : "group")}
          options={[
            { value: "group", label: "Grupphandledning" },
            { value: "one-to-one", label: "Enskild handledning" },
          ]}
          errors={errors.kind}
        />
        <TextField
          name="title"
          label="Rubrik"
          required
          defaultValue={failed ? valueOf(values, "title") : freeTime ? "Ledig tid för enskild handledning" : undefined}
          errors={errors.title}
        />
        <TextArea name="agenda" label="Agenda" rows={4} defaultValue={valueOf(values, "agenda")} errors={errors.agenda} />
        <TextField name="date" label="Datum" type="date" required defaultValue={valueOf(values, "date")} errors={errors.date} />
        <TextField name="startTime" label="Starttid" type="time" required defaultValue={valueOf(values, "startTime") || "18:00"} errors={errors.startTime} />
        <TextField name="endTime" label="Sluttid" type="time" required defaultValue={valueOf(values, "endTime") || "19:30"} errors={errors.endTime} />
        <TextField name="location" label="Plats" defaultValue={valueOf(values, "location")} errors={errors.location} hint="Plats, videolänk eller båda." />
        <TextField name="videoUrl" label="Videolänk" type="url" defaultValue={valueOf(values, "videoUrl")} errors={errors.videoUrl} />
        <SelectField
          name="cohortId"
          label="Omgång"
          placeholder="Ingen (fristående)"
          defaultValue={valueOf(values, "cohortId")}
          options={cohorts.map((cohort) => ({ value: cohort.id, label: cohort.name }))}
          errors={errors.cohortId}
          hint="Alla antagna i omgången bjuds in."
        />
        <CheckboxGroup
          name="participantIds"
          label="Deltagare"
          options={people}
          checked={valuesOf(values, "participantIds")}
          errors={errors.participantIds}
          hint="För enskild handledning: välj en person, eller publicera tiden som bokningsbar."
        />
        <label className="checkbox">
          <input type="checkbox" name="openSlot" defaultChecked={failed ? valueOf(values, "openSlot") === "on" : freeTime} /> Publicera som ledig tid som en
          deltagare kan boka (enskild)
        </label>
        <TextField name="capacity" label="Antal platser (grupp)" type="number" defaultValue={valueOf(values, "capacity")} errors={errors.capacity} />
        <SelectField
          name="repeatWeeks"
          label="Upprepa"
          defaultValue={valueOf(values, "repeatWeeks") || "0"}
          options={[
            { value: "0", label: "Upprepas inte" },
            { value: "1", label: "Varje vecka" },
            { value: "2", label: "Varannan vecka" },
            { value: "4", label: "Var fjärde vecka" },
          ]}
          errors={errors.repeatWeeks}
        />
        <TextField name="occurrences" label="Antal tillfällen" type="number" defaultValue={valueOf(values, "occurrences") || "1"} errors={errors.occurrences} />
        <div className="actions">
          <button type="submit">{freeTime ? "Publicera" : "Boka och skicka inbjudningar"}</button>
          <Link to="/sessions">Avbryt</Link>
        </div>
      </Form>
    </>
  );
}
