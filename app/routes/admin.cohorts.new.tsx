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
  const { errors, values } = useFormFailure();
  return (
    <>
      <p>
        <Link to="/cohorts">← Omgångar</Link>
      </p>
      <h1>Ny omgång</h1>
      <Form method="post" noValidate>
        <FormError errors={errors._form} />
        <TextField
          name="name"
          label="Namn"
          required
          defaultValue={valueOf(values, "name")}
          errors={errors.name}
          hint="Till exempel Ledarskapsprogrammet våren 2027"
        />
        <SelectField
          name="programId"
          label="Program"
          required
          placeholder="Välj program"
          defaultValue={valueOf(values, "programId")}
          options={programs.map((program) => ({ value: program.id, label: program.title }))}
          errors={errors.programId}
        />
        <TextField name="startsOn" label="Startdatum" type="date" required defaultValue={valueOf(values, "startsOn")} errors={errors.startsOn} />
        <TextField name="endsOn" label="Slutdatum" type="date" required defaultValue={valueOf(values, "endsOn")} errors={errors.endsOn} />
        <TextField
          name="enrolmentOpensOn"
          label="Anmälan öppnar"
          type="date"
          required
          defaultValue={valueOf(values, "enrolmentOpensOn") || today}
          errors={errors.enrolmentOpensOn}
        />
        <TextField
          name="enrolmentClosesOn"
          label="Anmälan stänger (sista dag)"
          type="date"
          required
          defaultValue={valueOf(values, "enrolmentClosesOn")}
          errors={errors.enrolmentClosesOn}
        />
        <TextField name="capacity" label="Antal platser" type="number" required defaultValue={valueOf(values, "capacity") || "20"} errors={errors.capacity} />
        <SelectField
          name="mode"
          label="Anmälan"
          required
          defaultValue={valueOf(values, "mode") || "open"}
          options={Object.entries(MODE_LABELS).map(([value, label]) => ({ value, label }))}
          errors={errors.mode}
        />
        <CheckboxGroup
          name="facilitatorIds"
          label="Utvecklingsledare"
          options={facilitators.map((facilitator) => ({ value: facilitator.id, label: facilitator.name }))}
          checked={valuesOf(values, "facilitatorIds")}
          errors={errors.facilitatorIds}
        />
        <CheckboxGroup
          name="branchIds"
          label="Arbetarekommuner som kan söka"
          hint="Ingen vald: alla arbetarekommuner."
          options={branches.map((b) => ({ value: b.id, label: b.name }))}
          checked={valuesOf(values, "branchIds")}
          errors={errors.branchIds}
        />
        <CheckboxGroup
          name="positions"
          label="Befattningar som kan söka"
          hint="Ingen vald: alla befattningar."
          options={POSITIONS.map((position) => ({ value: position.key, label: position.label }))}
          checked={valuesOf(values, "positions")}
          errors={errors.positions}
        />
        <div className="actions">
          <button type="submit">Skapa omgång</button>
          <Link to="/cohorts">Avbryt</Link>
        </div>
      </Form>
    </>
  );
}
