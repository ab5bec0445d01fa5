import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { TextField } from "~/components/field";
import { requirePermission } from "~/modules/auth/session.server";
import { branchForm } from "~/modules/branches/branch-schema";
import { findBranch, renameBranch } from "~/modules/branches/branches.server";
import { formFailure } from "~/utils/action-result.server";
import { redirectWithMessage } from "~/utils/flash.server";
import { useFormFailure } from "~/utils/form-failure";
import { parseForm, valueOf } from "~/utils/forms";
import { notFound } from "~/utils/http.server";
import { readForm } from "~/utils/read-form.server";

export const meta: MetaFunction = () => [{ title: "Byt namn på arbetarekommun · Ledarlyftet" }];

async function loadBranch(id: string | undefined) {
  const branch = await findBranch(id);
  if (!branch) throw notFound("Arbetarekommunen finns inte.");
  return branch;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "branches:manage");
  return { branch: await loadBranch(params.branchId) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor } = await requirePermission(request, "branches:manage");
  const branch = await loadBranch(params.branchId);
  const formData = await readForm(request);
  const form = parseForm(branchForm, formData);
  if (!form.ok) return formFailure(form, formData);
  const result = await renameBranch(actor.id, branch.id, form.value.name);
  if (!result.ok) return formFailure(result, { name: form.value.name });
  return redirectWithMessage(request, "/admin/branches", `${branch.name} heter nu ${form.value.name}.`);
}

export default function RenameBranch() {
  const { branch } = useLoaderData<typeof loader>();
  const { errors, values } = useFormFailure();
  return (
    <div className="narrow">
      <p>
        <Link to="/admin/branches">← Arbetarekommuner</Link>
      </p>
      <h1>Byt namn på {branch.name}</h1>
      <Form method="post" noValidate>
        <TextField name="name" label="Nytt namn" required defaultValue={valueOf(values, "name") || branch.name} errors={errors.name} />
        <div className="actions">
          <button type="submit">Spara</button>
          <Link to="/admin/branches">Avbryt</Link>
        </div>
      </Form>
      <h2>Framsteg</h2>
      <p>Alla aktiva personer i {branch.name} med framsteg och slutdatum i varje program och kurs.</p>
      <p>
        <a href={`/admin/branches/${branch.id}/export.csv`} className="button secondary" download>
          Ladda ner framsteg för {branch.name} (CSV)
        </a>
      </p>
    </div>
  );
}
