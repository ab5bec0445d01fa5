import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FormError, SelectField, TextArea, TextField } from "~/components/field";
import { requirePermission } from "~/modules/auth/session.server";
import { branchSlug } from "~/modules/branches/branches";
import { publishTemplate } from "~/modules/crisis/crisis.server";
import { latestTemplate } from "~/modules/crisis/template.server";
import { formError } from "~/utils/action-result";
import { formFailure } from "~/utils/action-result.server";
import { redirectWithMessage } from "~/utils/flash.server";
import { useFormFailure } from "~/utils/form-failure";
import { parseForm, valueOf } from "~/utils/forms";
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
    items: template.items.map((i) => ({ key: i.key, section: i.sectionKey, title: i.title, guidance: i.guidance, firstStep: i.firstStep, action: i.action })),
  };
}

type TemplateItem = Awaited<ReturnType<typeof latestTemplate>>["items"][number];

const text = (max: number, tooLong: string) => z.string().trim().max(max, tooLong);

/** One schema for the whole page: every item's fields by name (title-<key>, …), then the new item and the note. */
function templateSchema(items: TemplateItem[]) {
  const fields: Record<string, z.ZodTypeAny> = {};
  for (const item of items) {
    fields[`title-${item.key}`] = text(200, "Rubriken får vara högst 200 tecken.").min(3, "Rubriken måste vara minst 3 tecken.").default(item.title);
    fields[`guidance-${item.key}`] = text(2000, "Vägledningen får vara högst 2 000 tecken.").default(item.guidance);
    if (item.firstStep) {
      fields[`action-${item.key}`] = text(500, "Första steget får vara högst 500 tecken.")
        .min(1, "Skriv vad man gör i en kris, t.ex. Ring 112 om någon är i fara.")
        .default(item.action);
    }
  }
  return z.object({
    ...fields,
    note: z.string().trim().max(500).default(""),
    newSection: z.string().max(60).default(""),
    newTitle: text(200, "Rubriken får vara högst 200 tecken.")
      .refine((title) => title === "" || title.length >= 3, "Rubriken måste vara minst 3 tecken.")
      .default(""),
    newGuidance: text(2000, "Vägledningen får vara högst 2 000 tecken.").default(""),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requirePermission(request, "crisis-template:edit");
  const formData = await readForm(request);
  const current = await latestTemplate();
  const parsed = parseForm(templateSchema(current.items), formData);
  if (!parsed.ok) {
    // The page is long: the message at the top names the items whose fields are marked.
    const marked = current.items.filter((i) => ["title", "guidance", "action"].some((field) => parsed.errors[`${field}-${i.key}`]));
    const where = marked.length > 0 ? `: ${marked.map((i) => `"${i.title}"`).join(", ")}` : "";
    return formFailure({ errors: { ...parsed.errors, _form: [`Rätta de markerade fälten${where}.`] } }, formData);
  }
  const { newTitle, newSection, newGuidance, note } = parsed.value;
  const parsedFields = new Map<string, unknown>(Object.entries(parsed.value));
  const field = (name: string, stored: string) => {
    const value = parsedFields.get(name);
    return typeof value === "string" ? value : stored;
  };
  const edits: Record<string, { title: string; guidance: string; action: string }> = {};
  for (const item of current.items) {
    const edited = {
      title: field(`title-${item.key}`, item.title),
      guidance: field(`guidance-${item.key}`, item.guidance),
      action: field(`action-${item.key}`, item.action),
    };
    if (edited.title !== item.title || edited.guidance !== item.guidance || edited.action !== item.action) edits[item.key] = edited;
  }
  const addition = newTitle ? { sectionKey: newSection, key: branchSlug(newTitle).slice(0, 60), title: newTitle, guidance: newGuidance } : undefined;
  if (!addition && Object.keys(edits).length === 0) return formFailure(formError("Inget är ändrat."), formData);
  const result = await publishTemplate(actor, { edits, addition }, note);
  if (!result.ok) return formFailure(result, formData);
  return redirectWithMessage(
    request,
    "/admin/crisis-template",
    `Version ${result.value.version} är publicerad.${addition ? " Den nya punkten erbjuds alla arbetarekommuner." : ""}`,
  );
}

export default function CrisisTemplate() {
  const template = useLoaderData<typeof loader>();
  const { failed, errors, values } = useFormFailure();
  // After a refusal every field shows what was typed, not what is stored.
  const shown = (name: string, stored: string) => (failed ? valueOf(values, name) : stored);
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
      <Form method="post" noValidate className="template-form">
        <FormError errors={errors._form} />
        {template.sections.map((section) => (
          <section key={section.key} aria-labelledby={`section-${section.key}`}>
            <h2 id={`section-${section.key}`}>{section.title}</h2>
            {template.items
              .filter((i) => i.section === section.key)
              .map((i) => (
                // The group names the item, so each "Rubrik" and "Vägledning" is read out with the item it belongs to.
                <fieldset key={i.key} className="template-item">
                  <legend>{i.title}</legend>
                  <TextField
                    id={`title-${i.key}`}
                    name={`title-${i.key}`}
                    label="Rubrik"
                    defaultValue={shown(`title-${i.key}`, i.title)}
                    errors={errors[`title-${i.key}`]}
                  />
                  <TextArea
                    id={`guidance-${i.key}`}
                    name={`guidance-${i.key}`}
                    label="Vägledning"
                    rows={2}
                    defaultValue={shown(`guidance-${i.key}`, i.guidance)}
                    errors={errors[`guidance-${i.key}`]}
                  />
                  {i.firstStep ? (
                    <TextArea
                      id={`action-${i.key}`}
                      name={`action-${i.key}`}
                      label="Första steget i en kris"
                      hint="Visas i ”I en kris nu” under Första stegen. Skriv vad man gör, inte vad planen har."
                      rows={2}
                      defaultValue={shown(`action-${i.key}`, i.action)}
                      errors={errors[`action-${i.key}`]}
                    />
                  ) : null}
                </fieldset>
              ))}
          </section>
        ))}
        <fieldset className="template-item">
          <legend>Ny punkt</legend>
          <SelectField
            name="newSection"
            label="Sektion"
            options={template.sections.map((section) => ({ value: section.key, label: section.title }))}
            defaultValue={failed ? valueOf(values, "newSection") : undefined}
            errors={errors.newSection}
          />
          <TextField name="newTitle" label="Rubrik för ny punkt" defaultValue={shown("newTitle", "")} errors={errors.newTitle} />
          <TextArea name="newGuidance" label="Vägledning för ny punkt" rows={2} defaultValue={shown("newGuidance", "")} errors={errors.newGuidance} />
        </fieldset>
        <TextField name="note" label="Vad är nytt (visas i historiken)" defaultValue={shown("note", "")} errors={errors.note} />
        <button type="submit">Publicera ny version</button>
      </Form>
    </>
  );
}
