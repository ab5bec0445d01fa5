import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { DiffView } from "~/components/diff-view";
import { FormError, SelectField } from "~/components/field";
import { requirePermission } from "~/modules/auth/session.server";
import { courseForEditing, courseVersions, isStale, restoreVersion, versionChanges } from "~/modules/authoring/drafts.server";
import { redirectWithMessage } from "~/utils/flash.server";
import { useFormFailure } from "~/utils/form-failure";
import { formValues, parseForm } from "~/utils/forms";
import { readForm } from "~/utils/read-form.server";
import { swedishDateTime } from "~/utils/time";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Versioner av ${data?.course.title ?? "kursen"} · Ledarlyftet` }];

const compare = z.object({ fran: z.coerce.number().int().min(1), till: z.coerce.number().int().min(1) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "content:edit");
  const editing = await courseForEditing(params.courseSlug);
  const versions = await courseVersions(editing.course.id);
  const url = new URL(request.url);
  const asked = compare.safeParse({ fran: url.searchParams.get("fran") ?? undefined, till: url.searchParams.get("till") ?? undefined });
  const latest = versions[0]!.number;
  const pair = asked.success ? asked.data : { fran: Math.max(1, latest - 1), till: latest };
  const known = new Set(versions.map((version) => version.number));
  return {
    course: { slug: editing.course.slug, title: editing.source.course.meta.title },
    revision: editing.draft?.revision ?? 0,
    hasDraft: editing.draft !== null,
    versions: versions.map((version) => ({ ...version, publishedAt: version.publishedAt.toISOString(), publishedBy: version.publishedBy?.name ?? null })),
    pair,
    changes: known.has(pair.fran) && known.has(pair.till) && pair.fran !== pair.till ? await versionChanges(editing.course.id, pair.fran, pair.till) : [],
  };
}

const restore = z.object({ revision: z.coerce.number().int().min(0), number: z.coerce.number().int().min(1) });

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor } = await requirePermission(request, "content:edit");
  const editing = await courseForEditing(params.courseSlug);
  const formData = await readForm(request);
  const form = parseForm(restore, formData);
  if (!form.ok) return data({ errors: form.errors, values: formValues(formData) }, { status: 400 });
  const restored = await restoreVersion(actor, editing, form.value.number, form.value.revision);
  if (!restored.ok) return data({ errors: restored.errors, values: formValues(formData) }, { status: isStale(restored) ? 409 : 400 });
  return redirectWithMessage(
    request,
    `/redigera/${editing.course.slug}`,
    `Version ${form.value.number} är hämtad som utkast. Publicera den för att göra den gällande igen.`,
  );
}

export default function Versions() {
  const { course, versions, pair, changes, revision, hasDraft } = useLoaderData<typeof loader>();
  const { errors } = useFormFailure();
  const options = versions.map((version) => ({ value: String(version.number), label: `Version ${version.number}` }));
  return (
    <>
      <p>
        <Link to={`/redigera/${course.slug}`}>← {course.title}</Link>
      </p>
      <h1>Versioner av {course.title}</h1>
      <FormError errors={errors._form} />
      <table>
        <caption className="visually-hidden">Publicerade versioner, den senaste först</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Publicerad</th>
            <th scope="col">Av</th>
            <th scope="col">Anteckning</th>
            <th scope="col">
              <span className="visually-hidden">Åtgärd</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {versions.map((version, i) => (
            <tr key={version.number}>
              <td>
                {version.number}
                {i === 0 ? <span className="badge on">gäller nu</span> : null}
              </td>
              <td>{swedishDateTime(version.publishedAt)}</td>
              <td>{version.origin === "app" ? (version.publishedBy ?? "okänd") : "innehållsfilerna"}</td>
              <td>{version.note ?? ""}</td>
              <td>
                {i > 0 ? (
                  <Form method="post">
                    <input type="hidden" name="revision" value={revision} />
                    <input type="hidden" name="number" value={version.number} />
                    <button type="submit" className="secondary small">
                      Hämta som utkast<span className="visually-hidden"> (version {version.number})</span>
                    </button>
                  </Form>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {hasDraft ? <p className="muted">Att hämta en version ersätter kursens nuvarande utkast.</p> : null}
      <h2>Jämför</h2>
      {versions.length < 2 ? (
        <p className="empty">Det finns bara en version än.</p>
      ) : (
        <>
          <Form method="get" className="filters">
            <SelectField name="fran" label="Från" defaultValue={String(pair.fran)} options={options} />
            <SelectField name="till" label="Till" defaultValue={String(pair.till)} options={options} />
            <button type="submit" className="secondary">
              Visa skillnader
            </button>
          </Form>
          <DiffView changes={changes} />
        </>
      )}
    </>
  );
}
