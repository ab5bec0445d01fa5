import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { TextField } from "~/components/field";
import { requirePermission } from "~/modules/auth/session.server";
import { branchForm } from "~/modules/branches/branch-schema";
import { createBranch, listBranchesWithCounts } from "~/modules/branches/branches.server";
import { formFailure } from "~/utils/action-result.server";
import { redirectWithMessage } from "~/utils/flash.server";
import { useFormFailure } from "~/utils/form-failure";
import { parseForm, valueOf } from "~/utils/forms";
import { readForm } from "~/utils/read-form.server";

export const meta: MetaFunction = () => [{ title: "Arbetarekommuner · Ledarlyftet" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "branches:manage");
  return { branches: await listBranchesWithCounts() };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requirePermission(request, "branches:manage");
  const formData = await readForm(request);
  const form = parseForm(branchForm, formData);
  if (!form.ok) return formFailure(form, formData);
  const result = await createBranch(actor.id, form.value.name);
  if (!result.ok) return formFailure(result, { name: form.value.name });
  return redirectWithMessage(request, "/admin/branches", `${form.value.name} är tillagd.`);
}

export default function Branches() {
  const { branches } = useLoaderData<typeof loader>();
  const { errors, values } = useFormFailure();
  return (
    <>
      <h1>Arbetarekommuner</h1>
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">Arbetarekommuner och antal aktiva personer</caption>
          <thead>
            <tr>
              <th scope="col">Arbetarekommun</th>
              <th scope="col">Aktiva personer</th>
              <th scope="col">
                <span className="visually-hidden">Åtgärder</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {branches.map((b) => (
              <tr key={b.id}>
                <td>
                  <Link to={`/admin/people?branchId=${b.id}`}>{b.name}</Link>
                </td>
                <td>{b.activePeople}</td>
                <td>
                  <Link to={`/admin/branches/${b.id}`} aria-label={`Byt namn på ${b.name}`}>
                    Byt namn
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Lägg till arbetarekommun</h2>
      <Form method="post" noValidate>
        <TextField name="name" label="Namn" required defaultValue={valueOf(values, "name")} errors={errors.name} />
        <button type="submit">Lägg till</button>
      </Form>
    </>
  );
}
