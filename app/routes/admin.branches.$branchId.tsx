import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { TextField } from "~/components/field";
import { db } from "~/db.server";
import { requirePermission } from "~/modules/auth/session.server";
import { branchForm } from "~/modules/branches/branch-schema";
import { renameBranch } from "~/modules/branches/branches.server";
import { flashCookie } from "~/utils/flash.server";
import { parseForm, valueOf } from "~/utils/forms";
import { notFound } from "~/utils/http.server";
import { readForm } from "~/utils/read-form.server";

export const meta: MetaFunction = () => [{ title: "Byt namn på arbetarekommun · Ledarlyftet" }];

async function loadBranch(id: string | undefined) {
  const branch = id ? await db.branch.findUnique({ where: { id }, select: { id: true, name: true } }) : null;
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
  const form = parseForm(branchForm, await readForm(request));
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  const result = await renameBranch(actor.id, branch.id, form.data.name);
  if (!result.ok) return data({ errors: { name: [result.message] }, values: { name: form.data.name } }, { status: 400 });
  return redirect("/admin/branches", {
    headers: { "Set-Cookie": await flashCookie(request, `${branch.name} heter nu ${form.data.name}.`) },
  });
}

export default function RenameBranch() {
  const { branch } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="narrow">
      <p>
        <Link to="/admin/branches">← Arbetarekommuner</Link>
      </p>
      <h1>Byt namn på {branch.name}</h1>
      <Form method="post" noValidate>
        <TextField name="name" label="Nytt namn" required defaultValue={valueOf(actionData?.values, "name") || branch.name} errors={actionData?.errors?.name} />
        <div className="actions">
          <button type="submit">Spara</button>
          <Link to="/admin/branches">Avbryt</Link>
        </div>
      </Form>
    </div>
  );
}
