import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { PersonForm } from "~/components/person-form";
import { requirePermission } from "~/modules/auth/session.server";
import { listBranches } from "~/modules/branches/branches.server";
import { invitePerson } from "~/modules/people/people.server";
import { personFields } from "~/modules/people/person-schema";
import { flashCookie } from "~/utils/flash.server";
import { formValues, parseForm } from "~/utils/forms";
import { readForm } from "~/utils/read-form.server";

export const meta: MetaFunction = () => [{ title: "Lägg till person · Ledarlyftet" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "people:manage");
  const branches = await listBranches();
  return { branches: branches.map((b) => ({ id: b.id, name: b.name })) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requirePermission(request, "people:manage");
  const formData = await readForm(request);
  const form = parseForm(personFields, formData, ["roles"]);
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  const result = await invitePerson(actor.id, form.data);
  if (!result.ok) {
    return data({ errors: { [result.field]: [result.message] }, values: formValues(formData) }, { status: 400 });
  }
  return redirect(`/admin/people/${result.personId}`, {
    headers: { "Set-Cookie": await flashCookie(request, `${form.data.name} är tillagd och har fått en inbjudan via e-post.`) },
  });
}

export default function NewPerson() {
  const { branches } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div>
      <h1>Lägg till person</h1>
      <p>Personen får ett mejl med en länk för att välja lösenord. Länken gäller i 7 dagar.</p>
      <PersonForm
        branches={branches}
        values={actionData?.values ?? { roles: ["participant"] }}
        errors={actionData?.errors}
        submitLabel="Lägg till och skicka inbjudan"
        cancelTo="/admin/people"
      />
    </div>
  );
}
