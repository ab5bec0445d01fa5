import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FormError } from "~/components/field";
import { requirePermission } from "~/modules/auth/session.server";
import { branchSlug } from "~/modules/branches/branches";
import { publishTemplate } from "~/modules/crisis/crisis.server";
import { latestTemplate } from "~/modules/crisis/template.server";
import { flashCookie } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms";
import { readForm } from "~/utils/read-form.server";
import { swedishDate } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: "Mall för krisplan · Ledarlyftet" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "crisis-template:edit");
  const t = await latestTemplate();
  const sections = [...new Map(t.items.map((i) => [i.sectionKey, i.sectionTitle])).entries()].map(([key, title]) => ({ key, title }));
  return { version: t.version, publishedAt: t.publishedAt.toISOString(), sections, items: t.items.map((i) => ({ key: i.key, section: i.sectionKey, title: i.title, guidance: i.guidance })) };
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
  if (!parsed.ok) return data({ errors: { ...parsed.errors, _form: ["Kontrollera fälten."] } }, { status: 400 });
  const current = await latestTemplate();
  const edits: Record<string, { title: string; guidance: string }> = {};
  for (const item of current.items) {
    const title = String(formData.get(`title-${item.key}`) ?? item.title).trim();
    const guidance = String(formData.get(`guidance-${item.key}`) ?? item.guidance).trim();
    if (title.length < 3) return data({ errors: { [`title-${item.key}`]: ["Rubriken måste vara minst 3 tecken."] } }, { status: 400 });
    if (title.length > 200) return data({ errors: { [`title-${item.key}`]: ["Rubriken får vara högst 200 tecken."] } }, { status: 400 });
    if (guidance.length > 2000) return data({ errors: { [`guidance-${item.key}`]: ["Vägledningen får vara högst 2 000 tecken."], _form: [`Vägledningen till "${item.title}" får vara högst 2 000 tecken.`] } }, { status: 400 });
    if (title !== item.title || guidance !== item.guidance) edits[item.key] = { title, guidance };
  }
  const { newTitle, newSection, newGuidance, note } = parsed.data;
  if (newTitle && newTitle.length < 3) return data({ errors: { newTitle: ["Rubriken måste vara minst 3 tecken."] } }, { status: 400 });
  const addition = newTitle ? { sectionKey: newSection, key: branchSlug(newTitle).slice(0, 60), title: newTitle, guidance: newGuidance } : undefined;
  if (!addition && Object.keys(edits).length === 0) return data({ errors: { _form: ["Inget är ändrat."] } }, { status: 400 });
  const result = await publishTemplate(actor, { edits, addition }, note);
  if (!result.ok) return data({ errors: { [result.field === "title" ? "newTitle" : "newSection"]: [result.message] } }, { status: 400 });
  return redirect("/admin/crisis-template", {
    headers: { "Set-Cookie": await flashCookie(request, `Version ${result.version} är publicerad.${addition ? " Den nya punkten erbjuds alla arbetarekommuner." : ""}`) },
  });
}

export default function CrisisTemplate() {
  const t = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const e = actionData?.errors as Record<string, string[] | undefined> | undefined;
  return (
    <>
      <p>
        <Link to="/crisis">← Krishanteringsplaner</Link>
      </p>
      <h1>Distriktets mall för krisplan</h1>
      <p className="muted">
        Version {t.version}, publicerad {swedishDate(t.publishedAt)}. Ändrade texter gäller nya planer; nya punkter erbjuds varje arbetarekommun, som väljer att ta in dem eller avböja. Ingen arbetarekommuns egen text skrivs över.
      </p>
      <Form method="post" noValidate>
        <FormError errors={e?._form} />
        {t.sections.map((s) => (
          <fieldset key={s.key} style={{ maxWidth: "44rem", marginBottom: "1rem" }}>
            <legend>{s.title}</legend>
            {t.items
              .filter((i) => i.section === s.key)
              .map((i) => (
                <div key={i.key} className="field">
                  <label htmlFor={`title-${i.key}`}>Rubrik</label>
                  {e?.[`title-${i.key}`] ? <p className="error">{e[`title-${i.key}`]!.join(" ")}</p> : null}
                  <input id={`title-${i.key}`} name={`title-${i.key}`} type="text" defaultValue={i.title} />
                  <label htmlFor={`guidance-${i.key}`} className="visually-hidden">
                    Vägledning för {i.title}
                  </label>
                  <textarea id={`guidance-${i.key}`} name={`guidance-${i.key}`} rows={2} defaultValue={i.guidance} />
                </div>
              ))}
          </fieldset>
        ))}
        <h2>Ny punkt</h2>
        <div className="field">
          <label htmlFor="newSection">Sektion</label>
          <select id="newSection" name="newSection">
            {t.sections.map((s) => (
              <option key={s.key} value={s.key}>
                {s.title}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="newTitle">Rubrik för ny punkt</label>
          {e?.newTitle ? (
            <p className="error" id="newTitle-error">
              {e.newTitle.join(" ")}
            </p>
          ) : null}
          <input id="newTitle" name="newTitle" type="text" aria-describedby={e?.newTitle ? "newTitle-error" : undefined} />
        </div>
        <div className="field">
          <label htmlFor="newGuidance">Vägledning för ny punkt</label>
          <textarea id="newGuidance" name="newGuidance" rows={2} />
        </div>
        <div className="field">
          <label htmlFor="note">Vad är nytt (visas i historiken)</label>
          <input id="note" name="note" type="text" />
        </div>
        <button type="submit">Publicera ny version</button>
      </Form>
    </>
  );
}
