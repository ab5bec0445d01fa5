import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { CheckboxGroup, FormError, SelectField, TextField } from "~/components/field";
import { requirePermission } from "~/modules/auth/session.server";
import { listBranches } from "~/modules/branches/branches.server";
import { COHORT_ARRAY_FIELDS, cohortFields } from "~/modules/enrolment/cohort-schema";
import { cohortFormChoices, createCohort } from "~/modules/enrolment/cohorts.server";
import { MODE_LABELS } from "~/modules/enrolment/eligibility";
import { POSITIONS } from "~/modules/people/positions";
import { formFailure } from "~/utils/action-result.server";
import { redirectWithMessage } from "~/utils/flash.server";
import { useFormFailure } from "~/utils/form-failure";
import { parseForm, valueOf, valuesOf } from "~/utils/forms";
import { readForm } from "~/utils/read-form.server";
import { stockholmDate } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: "Ny omgång · Ledarlyftet" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "cohort:create");
  const [{ programs, facilitators }, branches] = await Promise.all([cohortFormChoices(), listBranches()]);
  return { programs, facilitators, branches: branches.map((b) => ({ id: b.id, name: b.name })), today: stockholmDate(new Date()) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requirePermission(request, "cohort:create");
  const formData = await readForm(request);
  const form = parseForm(cohortFields, formData, COHORT_ARRAY_FIELDS);
  if (!form.ok) return formFailure(form, formData);
  const result = await createCohort(actor.id, form.value);
  if (!result.ok) return formFailure(result, formData);
  return redirectWithMessage(request, `/cohorts/${result.value.id}`, `Omgången ${form.value.name} är skapad.`);
}

export default function NewCohort() {
  const { programs, facilitators, branches, today } = useLoaderData<typeof loader>();
  const { errors: e, values: v } = useFormFailure();
  return (
    <>
      <p>
        <Link to="/cohorts">← Omgångar</Link>
      </p>
      <h1>Ny omgång</h1>
      <Form method="post" noValidate>
        <FormError errors={e._form} />
        <TextField name="name" label="Namn" required defaultValue={valueOf(v, "name")} errors={e.name} hint="Till exempel Ledarskapsprogrammet våren 2027" />
        <SelectField name="programId" label="Program" required placeholder="Välj program" defaultValue={valueOf(v, "programId")} options={programs.map((p) => ({ value: p.id, label: p.title }))} errors={e.programId} />
        <TextField name="startsOn" label="Startdatum" type="date" required defaultValue={valueOf(v, "startsOn")} errors={e.startsOn} />
        <TextField name="endsOn" label="Slutdatum" type="date" required defaultValue={valueOf(v, "endsOn")} errors={e.endsOn} />
        <TextField name="enrolmentOpensOn" label="Anmälan öppnar" type="date" required defaultValue={valueOf(v, "enrolmentOpensOn") || today} errors={e.enrolmentOpensOn} />
        <TextField name="enrolmentClosesOn" label="Anmälan stänger (sista dag)" type="date" required defaultValue={valueOf(v, "enrolmentClosesOn")} errors={e.enrolmentClosesOn} />
        <TextField name="capacity" label="Antal platser" type="number" required defaultValue={valueOf(v, "capacity") || "20"} errors={e.capacity} />
        <SelectField name="mode" label="Anmälan" required defaultValue={valueOf(v, "mode") || "open"} options={Object.entries(MODE_LABELS).map(([value, label]) => ({ value, label }))} errors={e.mode} />
        <CheckboxGroup name="facilitatorIds" label="Utvecklingsledare" options={facilitators.map((f) => ({ value: f.id, label: f.name }))} checked={valuesOf(v, "facilitatorIds")} errors={e.facilitatorIds} />
        <CheckboxGroup name="branchIds" label="Arbetarekommuner som kan söka" hint="Ingen vald: alla arbetarekommuner." options={branches.map((b) => ({ value: b.id, label: b.name }))} checked={valuesOf(v, "branchIds")} errors={e.branchIds} />
        <CheckboxGroup name="positions" label="Befattningar som kan söka" hint="Ingen vald: alla befattningar." options={POSITIONS.map((p) => ({ value: p.key, label: p.label }))} checked={valuesOf(v, "positions")} errors={e.positions} />
        <div className="actions">
          <button type="submit">Skapa omgång</button>
          <Link to="/cohorts">Avbryt</Link>
        </div>
      </Form>
    </>
  );
}
