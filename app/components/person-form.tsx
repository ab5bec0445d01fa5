import { Form, Link } from "@remix-run/react";
import { CheckboxGroup, FormError, SelectField, TextField } from "~/components/field";
import { POSITIONS } from "~/modules/people/positions";
import { ROLES } from "~/modules/people/roles";
import { valueOf, valuesOf, type FieldErrors } from "~/utils/forms";

interface Props {
  branches: { id: string; name: string }[];
  values?: Record<string, string | string[]>;
  errors?: FieldErrors;
  submitLabel: string;
  cancelTo: string;
}

export function PersonForm({ branches, values, errors, submitLabel, cancelTo }: Props) {
  return (
    <Form method="post" noValidate>
      <input type="hidden" name="intent" value="save" />
      <FormError errors={errors?._form} />
      <TextField name="name" label="Namn" autoComplete="off" required defaultValue={valueOf(values, "name")} errors={errors?.name} />
      <TextField name="email" label="E-postadress" type="email" autoComplete="off" required defaultValue={valueOf(values, "email")} errors={errors?.email} />
      <SelectField
        name="branchId"
        label="Arbetarekommun"
        required
        placeholder="Välj arbetarekommun"
        defaultValue={valueOf(values, "branchId")}
        options={branches.map((b) => ({ value: b.id, label: b.name }))}
        errors={errors?.branchId}
      />
      <SelectField
        name="position"
        label="Befattning"
        required
        placeholder="Välj befattning"
        hint="Befattningar markerade (ledande) räknas som ledande företrädare i distriktets mål."
        defaultValue={valueOf(values, "position")}
        options={POSITIONS.map((p) => ({ value: p.key, label: p.leading ? `${p.label} (ledande)` : p.label }))}
        errors={errors?.position}
      />
      <CheckboxGroup
        name="roles"
        label="Roller"
        hint="En person kan ha flera roller. En kursredaktör sköter manualerna i Verktyg utan att vara distriktsadmin."
        options={ROLES.map((r) => ({ value: r.key, label: r.label }))}
        checked={valuesOf(values, "roles")}
        errors={errors?.roles}
      />
      <div className="actions">
        <button type="submit">{submitLabel}</button>
        <Link to={cancelTo}>Avbryt</Link>
      </div>
    </Form>
  );
}
