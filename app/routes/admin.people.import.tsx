import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { FormError, TextArea } from "~/components/field";
import { requirePermission } from "~/modules/auth/session.server";
import { CSV_FORMATS, decodeCsvBytes } from "~/utils/csv";
import { commitImport, previewImport, type ImportPreview } from "~/modules/people/import.server";
import type { FieldErrors } from "~/utils/action-result";
import { redirectWithMessage } from "~/utils/flash.server";
import { useFormFailure } from "~/utils/form-failure";
import { readForm } from "~/utils/read-form.server";
import { formatCount, formatNumber } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Importera personer · Ledarlyftet" }];

const MAX_BYTES = 2 * 1024 * 1024;

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "people:manage");
  return null;
}

type ActionData = { csvText: string; preview: ImportPreview | null; errors?: FieldErrors };

async function readCsv(formData: FormData): Promise<string> {
  const file = formData.get("csvFile");
  if (file instanceof File && file.size > 0) return decodeCsvBytes(new Uint8Array(await file.arrayBuffer()));
  const text = formData.get("csvText");
  return typeof text === "string" ? text : "";
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requirePermission(request, "people:manage");
  if (Number(request.headers.get("Content-Length") ?? 0) > MAX_BYTES) {
    return data<ActionData>({ csvText: "", preview: null, errors: { csv: ["Filen är för stor (högst 2 MB)."] } }, { status: 413 });
  }
  const formData = await readForm(request, { maxFieldLength: 2 * MAX_BYTES });
  const csvText = await readCsv(formData);
  // Content-Length can be missing (a chunked upload): measure what arrived too.
  if (csvText.length > MAX_BYTES) {
    return data<ActionData>({ csvText: "", preview: null, errors: { csv: ["Filen är för stor (högst 2 MB)."] } }, { status: 413 });
  }
  if (csvText.trim() === "") {
    return data<ActionData>({ csvText, preview: null, errors: { csv: ["Välj en CSV-fil eller klistra in innehållet."] } }, { status: 400 });
  }
  if (formData.get("intent") === "commit") {
    const result = await commitImport(actor.id, csvText);
    if (result.ok)
      return redirectWithMessage(request, "/admin/people", `${formatCount(result.value.created, "person", "personer")} importerades och fick en inbjudan.`);
    if (result.retryAt) return data<ActionData>({ csvText, preview: null, errors: result.errors }, { status: 429 });
    // The refusal names no rows: the preview shows which ones are wrong now.
    return data<ActionData>({ csvText, preview: await previewImport(csvText), errors: result.errors }, { status: 400 });
  }
  return data<ActionData>({ csvText, preview: await previewImport(csvText) });
}

function PreviewTable({ preview }: { preview: Extract<ImportPreview, { ok: true }> }) {
  return (
    <div className="table-wrap">
      <table>
        <caption>
          Förhandsgranskning: {formatCount(preview.valid, "rad", "rader")} kan importeras, {formatNumber(preview.invalid)} har fel
        </caption>
        <thead>
          <tr>
            <th scope="col">Rad</th>
            <th scope="col">Namn</th>
            <th scope="col">E-post</th>
            <th scope="col">Arbetarekommun</th>
            <th scope="col">Befattning</th>
            <th scope="col">Roller</th>
            <th scope="col">Utfall</th>
          </tr>
        </thead>
        <tbody>
          {preview.rows.map((row) => (
            <tr key={row.line} className={row.errors.length ? "row-error" : undefined}>
              <td>{row.line}</td>
              <td>{row.name}</td>
              <td>{row.email}</td>
              <td>{row.branchName}</td>
              <td>{row.position}</td>
              <td>{row.roles}</td>
              <td>{row.errors.length ? <strong>Fel: {row.errors.join("; ")}</strong> : "Läggs till och bjuds in"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function ImportPeople() {
  const actionData = useActionData<typeof action>();
  const preview = actionData?.preview;
  const { errors } = useFormFailure();
  return (
    <>
      <p>
        <Link to="/admin/people">← Alla personer</Link>
      </p>
      <h1>Importera personer från CSV</h1>
      <p>
        Första raden är rubriker: <code>namn;e-post;arbetarekommun;befattning;roller</code>. Spara listan i Excel som CSV eller Unicode-text, eller kopiera
        raderna i Excel och klistra in dem nedan. {CSV_FORMATS} Flera roller skiljs med <code>|</code>, t.ex. <code>Deltagare|Utvecklingsledare</code>. Tom roll
        blir Deltagare.
      </p>
      <p>Importen är allt eller inget: finns ett enda fel skrivs ingenting.</p>
      <FormError errors={errors._form} />
      <Form method="post" encType="multipart/form-data" noValidate>
        <input type="hidden" name="intent" value="preview" />
        <div className="field">
          <label htmlFor="csvFile">CSV-fil</label>
          <input
            id="csvFile"
            name="csvFile"
            type="file"
            accept=".csv,.txt,.tsv,text/csv,text/plain,text/tab-separated-values"
            aria-describedby={errors.csv ? "csvText-error" : undefined}
          />
        </div>
        <TextArea name="csvText" label="…eller klistra in innehållet" rows={6} defaultValue={actionData?.csvText ?? ""} errors={errors.csv} />
        <button type="submit" className="secondary">
          Förhandsgranska
        </button>
      </Form>
      {preview && !preview.ok ? (
        <div className="alert alert-error" role="alert">
          {preview.fileError}
        </div>
      ) : null}
      {preview?.ok ? (
        <section aria-labelledby="preview-title">
          <h2 id="preview-title">Förhandsgranskning</h2>
          <PreviewTable preview={preview} />
          {preview.invalid === 0 ? (
            <Form method="post" className="actions">
              <input type="hidden" name="intent" value="commit" />
              <input type="hidden" name="csvText" value={actionData?.csvText ?? ""} />
              <button type="submit">Importera {formatCount(preview.valid, "person", "personer")}</button>
            </Form>
          ) : (
            <p className="alert alert-error" role="alert">
              {formatCount(preview.invalid, "rad", "rader")} har fel. Rätta filen och förhandsgranska igen; inget har sparats.
            </p>
          )}
        </section>
      ) : null}
    </>
  );
}
