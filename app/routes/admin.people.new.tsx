import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { PersonForm } from "~/components/person-form";
import { requirePermission } from "~/modules/auth/session.server";
import { listBranches } from "~/modules/branches/branches.server";
import { invitePerson } from "~/modules/people/people.server";
import { personFields } from "~/modules/people/person-schema";
import { formFailure } from "~/utils/action-result.server";
import { redirectWithMessage } from "~/utils/flash.server";
import { useFormFailure } from "~/utils/form-failure";
import { parseForm } from "~/utils/forms";
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
  if (!form.ok) return formFailure(form, formData);
  const result = await invitePerson(actor.id, form.value);
  if (!result.ok) return formFailure(result, formData);
  return redirectWithMessage(request, `/admin/people/${result.value.personId}`, `${form.value.name} är tillagd och har fått en inbjudan via e-post.`);
}

export default function NewPerson() {
  const { branches } = useLoaderData<typeof loader>();
  const failure = useFormFailure();
  return (
    <div>
      <h1>Lägg till person</h1>
      <p>Personen får ett mejl med en länk för att välja lösenord. Länken gäller i 7 dagar.</p>
      <PersonForm
        branches={branches}
        values={failure.failed ? failure.values : { roles: ["participant"] }}
        errors={failure.errors}
        submitLabel="Lägg till och skicka inbjudan"
        cancelTo="/admin/people"
      />
    </div>
  );
}
