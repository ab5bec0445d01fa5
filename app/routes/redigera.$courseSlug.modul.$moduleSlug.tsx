import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FormError, TextArea, TextField } from "~/components/field";
import { requirePermission } from "~/modules/auth/session.server";
import { courseForEditing, isStale, saveModule } from "~/modules/authoring/drafts.server";
import { redirectWithMessage } from "~/utils/flash.server";
import { useFormFailure } from "~/utils/form-failure";
import { formValues, parseForm, valueOf } from "~/utils/forms";
import { notFound } from "~/utils/http.server";
import { readForm } from "~/utils/read-form.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Redigera modulen ${data?.module.title ?? ""} · Ledarlyftet` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "content:edit");
  const editing = await courseForEditing(params.courseSlug);
  const module = editing.source.modules.find((candidate) => candidate.meta.module === params.moduleSlug);
  if (!module) throw notFound("Modulen finns inte i kursen.");
  return {
    course: { slug: editing.course.slug, title: editing.source.course.meta.title },
    revision: editing.draft?.revision ?? 0,
    module: { slug: module.meta.module, title: module.meta.title, required: module.meta.required !== false, body: module.body },
  };
}

const moduleFields = z.object({
  revision: z.coerce.number().int().min(0),
  title: z.string().trim().min(1, "Skriv modulens namn.").max(200, "Högst 200 tecken."),
  required: z.literal("on").optional(),
  body: z.string().max(20_000, "Högst 20 000 tecken."),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor } = await requirePermission(request, "content:edit");
  const editing = await courseForEditing(params.courseSlug);
  const formData = await readForm(request);
  const form = parseForm(moduleFields, formData);
  if (!form.ok) return data({ errors: form.errors, values: formValues(formData) }, { status: 400 });
  const saved = await saveModule(
    actor,
    editing,
    params.moduleSlug ?? "",
    { title: form.value.title, required: form.value.required === "on", body: form.value.body },
    form.value.revision,
  );
  if (!saved.ok) return data({ errors: saved.errors, values: formValues(formData) }, { status: isStale(saved) ? 409 : 400 });
  return redirectWithMessage(request, `/redigera/${editing.course.slug}#modul-${params.moduleSlug}`, `Modulen "${form.value.title}" är sparad i utkastet.`);
}

export default function EditModule() {
  const { course, module, revision } = useLoaderData<typeof loader>();
  const { errors, values, failed } = useFormFailure();
  const shown = (key: string, stored: string) => (failed ? valueOf(values, key) : stored);
  return (
    <>
      <p>
        <Link to={`/redigera/${course.slug}`}>← {course.title}</Link>
      </p>
      <h1>Redigera modulen {module.title}</h1>
      <Form method="post" noValidate className="editor">
        <FormError errors={errors._form} />
        <input type="hidden" name="revision" value={revision} />
        <TextField name="title" label="Namn" required defaultValue={shown("title", module.title)} errors={errors.title} />
        <label className="checkbox">
          <input type="checkbox" name="required" defaultChecked={failed ? valueOf(values, "required") === "on" : module.required} /> Obligatorisk för att bli
          klar med kursen
        </label>
        <TextArea name="body" label="Inledning (Markdown)" rows={8} defaultValue={shown("body", module.body)} errors={errors.body} />
        <button type="submit">Spara i utkastet</button>
      </Form>
    </>
  );
}
