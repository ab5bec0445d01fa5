import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FormError, SelectField, TextArea, TextField } from "~/components/field";
import { requirePermission } from "~/modules/auth/session.server";
import { branchSlug } from "~/modules/branches/branches";
import { publishTemplate } from "~/modules/crisis/crisis.server";
import { latestTemplate } from "~/modules/crisis/template.server";
import { fieldError, formError } from "~/utils/action-result";
import { formFailure } from "~/utils/action-result.server";
import { redirectWithMessage } from "~/utils/flash.server";
import { useFormFailure } from "~/utils/form-failure";
import { parseForm } from "~/utils/forms";
import { readForm } from "~/utils/read-form.server";
import { swedishDate } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: "Mall för krisplan · Ledarlyftet" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "crisis-template:edit");
  const template = await latestTemplate();
  const sections = [...new Map(template.items.map((i) => [i.sectionKey, i.sectionTitle])).entries()].map(([key, title]) => ({ key, title }));
  return {
    version: template.version,
    publishedAt: template.publishedAt.toISOString(),
    sections,
    items: template.items.map((i) => ({ key: i.key, section: i.sectionKey, title: i.title, guidance: i.guidance })),
  };
}

const schema = z.object({
  note: z.string().trim().max(500).default(""),
  newSection: z.string().max(60).default(""),
  newTitle: z.string().trim().max(200, "Rubriken får vara högst 200 tecken.").default(""),
  newGuidance: z.string().trim().max(2000, "Vägledningen får vara högst 2 000 tecken.").default(""),
});

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requirePermission(request, "crisis-template:edit");
  const formData = await readForm(request);
  const parsed = parseForm(schema, formData);
  if (!parsed.ok) return formFailure({ errors: { ...parsed.errors, _form: ["Kontrollera fälten."] } });
  const current = await latestTemplate();
  const edits: Record<string, { title: string; guidance: string }> = {};
  for (const item of current.items) {
    const title = String(formData.get(`title-${item.key}`) ?? item.title).trim();
    const guidance = String(formData.get(`guidance-${item.key}`) ?? item.guidance).trim();
    if (title.length < 3) return formFailure(fieldError(`title-${item.key}`, "Rubriken måste vara minst 3 tecken."));
    if (title.length > 200) return formFailure(fieldError(`title-${item.key}`, "Rubriken får vara högst 200 tecken."));
    if (guidance.length > 2000) {
      return formFailure({
        errors: {
          [`guidance-${item.key}`]: ["Vägledningen får vara högst 2 000 tecken."],
          _form: [`Vägledningen till "${item.title}" får vara högst 2 000 tecken.`],
        },
      });
    }
    if (title !== item.title || guidance !== item.guidance) edits[item.key] = { title, guidance };
  }
  const { newTitle, newSection, newGuidance, note } = parsed.value;
  if (newTitle && newTitle.length < 3) return formFailure(fieldError("newTitle", "Rubriken måste vara minst 3 tecken."));
  const addition = newTitle ? { sectionKey: newSection, key: branchSlug(newTitle).slice(0, 60), title: newTitle, guidance: newGuidance } : undefined;
  if (!addition && Object.keys(edits).length === 0) return formFailure(formError("Inget är ändrat."));
  const result = await publishTemplate(actor, { edits, addition }, note);
  if (!result.ok) return formFailure(result);
  return redirectWithMessage(
    request,
    "/admin/crisis-template",
    `Version ${result.value.version} är publicerad.${addition ? " Den nya punkten erbjuds alla arbetarekommuner." : ""}`,
  );
}

export default function CrisisTemplate() {
  const template = useLoaderData<typeof loader>();
  const { errors } = useFormFailure();
  return (
    <>
      <p>
        <Link to="/crisis">← Krishanteringsplaner</Link>
      </p>
      <h1>Distriktets mall för krisplan</h1>
      <p className="muted">
        Version {template.version}, publicerad {swedishDate(template.publishedAt)}. Ändrade texter gäller nya planer; nya punkter erbjuds varje arbetarekommun,
        som väljer att ta in dem eller avböja. Ingen arbetarekommuns egen text skrivs över.
      </p>
      <Form method="post" noValidate>
        <FormError errors={errors._form} />
        {template.sections.map((section) => (
          <fieldset key={section.key} style={{ maxWidth: "44rem", marginBottom: "1rem" }}>
            <legend>{section.title}</legend>
            {template.items
              .filter((i) => i.section === section.key)
              .map((i) => (
                <div key={i.key}>
                  <TextField name={`title-${i.key}`} label="Rubrik" defaultValue={i.title} errors={errors[`title-${i.key}`]} />
                  <TextArea
                    name={`guidance-${i.key}`}
                    label={`Vägledning för ${i.title}`}
                    hideLabel
                    rows={2}
                    defaultValue={i.guidance}
                    errors={errors[`guidance-${i.key}`]}
                  />
                </div>
              ))}
          </fieldset>
        ))}
        <h2>Ny punkt</h2>
        <SelectField
          name="newSection"
          label="Sektion"
          options={template.sections.map((section) => ({ value: section.key, label: section.title }))}
          errors={errors.newSection}
        />
        <TextField name="newTitle" label="Rubrik för ny punkt" errors={errors.newTitle} />
        <TextArea name="newGuidance" label="Vägledning för ny punkt" rows={2} errors={errors.newGuidance} />
        <TextField name="note" label="Vad är nytt (visas i historiken)" errors={errors.note} />
        <button type="submit">Publicera ny version</button>
      </Form>
    </>
  );
}
