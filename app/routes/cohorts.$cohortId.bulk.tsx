import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requirePerson } from "~/modules/auth/session.server";
import { listBranches } from "~/modules/branches/branches.server";
import { selectByCsv, selectByFilter, type BulkSelection } from "~/modules/enrolment/bulk-sources.server";
import { commitBulk, previewBulk, requireManagedCohort, type BulkRow } from "~/modules/enrolment/enrolment.server";
import { FormError, SelectField, TextArea } from "~/components/field";
import { branchOptions, positionOptions } from "~/components/filters";
import { decodeCsvBytes } from "~/utils/csv";
import { POSITION_KEYS } from "~/modules/people/positions";
import { formError } from "~/utils/action-result";
import { formFailure } from "~/utils/action-result.server";
import { redirectWithMessage } from "~/utils/flash.server";
import { useFormFailure } from "~/utils/form-failure";
import { parseForm } from "~/utils/forms";
import { readForm } from "~/utils/read-form.server";
import { formatCount } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Anmäl flera · Ledarlyftet" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requirePerson(request);
  const cohort = await requireManagedCohort(actor, params.cohortId);
  const branches = await listBranches();
  return { cohort: { id: cohort.id, name: cohort.name }, branches: branches.map((b) => ({ id: b.id, name: b.name })) };
}

const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("preview-csv"), csvText: z.string().max(500_000, "För stor text (högst 500 kB).").default("") }),
  z.object({
    intent: z.literal("preview-filter"),
    branchId: z.string().max(40).optional(),
    position: z.enum(POSITION_KEYS).or(z.literal("leading")).or(z.literal("")).optional(),
  }),
  z.object({ intent: z.literal("commit"), personIds: z.array(z.string().min(1).max(40)).min(1, "Ingen att anmäla.").max(5000) }),
]);

type Preview = { rows: BulkRow[]; problems: BulkSelection["problems"]; csvText?: string };

const OUTCOME_LABELS: Record<BulkRow["outcome"], string> = {
  enrol: "Antas",
  waitlist: "Hamnar på väntelistan",
  already: "Redan anmäld",
  "not-eligible": "Kan inte anmälas",
};

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor } = await requirePerson(request);
  const cohort = await requireManagedCohort(actor, params.cohortId);
  const formData = await readForm(request, { maxFields: 5_100, maxFieldLength: 1_000_000 });
  const file = formData.get("csvFile");
  // A file's bytes go to the CSV reader, which tells a binary file apart; only the typed text goes through the form schema.
  let fileText: string | undefined;
  if (file instanceof File && file.size > 0) {
    if (file.size > 500_000) return formFailure(formError("Filen är för stor (högst 500 kB)."), undefined, 413);
    fileText = decodeCsvBytes(new Uint8Array(await file.arrayBuffer()));
  }
  formData.delete("csvFile");
  const form = parseForm(schema, formData, ["personIds"]);
  // The page shows one message above its forms, so every field's messages are joined into it.
  if (!form.ok) return formFailure(formError(Object.values(form.errors).flat().join(" ")));
  const input = form.value;
  if (input.intent === "commit") {
    const counts = await commitBulk(actor, cohort, input.personIds);
    return redirectWithMessage(
      request,
      `/cohorts/${cohort.id}`,
      `${counts.enrolled} antogs, ${counts.waitlisted} på väntelistan, ${counts.skipped} hoppades över.`,
    );
  }
  let selection: BulkSelection;
  let csvText: string | undefined;
  if (input.intent === "preview-csv") {
    csvText = fileText ?? input.csvText;
    if (csvText.trim() === "") return formFailure(formError("Välj en CSV-fil eller klistra in e-postadresser."));
    const result = await selectByCsv(csvText);
    if ("fileError" in result) return formFailure(formError(result.fileError));
    selection = result;
  } else {
    selection = await selectByFilter({
      branchId: input.branchId || undefined,
      position: input.position && input.position !== "leading" ? input.position : undefined,
      leadingOnly: input.position === "leading",
    });
  }
  const preview: Preview = { rows: await previewBulk(cohort, selection.personIds), problems: selection.problems, csvText };
  return data({ preview });
}

export default function BulkEnrol() {
  const { cohort, branches } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const preview = actionData && "preview" in actionData ? actionData.preview : undefined;
  const { errors } = useFormFailure();
  const toEnrol = preview?.rows.filter((row) => row.outcome === "enrol" || row.outcome === "waitlist") ?? [];
  return (
    <>
      <p>
        <Link to={`/cohorts/${cohort.id}`}>← {cohort.name}</Link>
      </p>
      <h1>Anmäl flera till {cohort.name}</h1>
      <p>Välj personer ur registret eller ladda upp en lista. Du ser vad som händer med var och en innan något sparas.</p>
      <FormError errors={errors._form} />
      <div className="course-grid">
        <Form method="post" className="card">
          <input type="hidden" name="intent" value="preview-filter" />
          <h2>Ur personregistret</h2>
          <SelectField placeholder="Alla" name="branchId" label="Arbetarekommun" options={branchOptions(branches)} />
          <SelectField
            placeholder="Alla"
            name="position"
            label="Befattning"
            options={[{ value: "leading", label: "Alla ledande företrädare" }, ...positionOptions]}
          />
          <button type="submit" className="secondary">
            Förhandsgranska urvalet
          </button>
        </Form>
        <Form method="post" encType="multipart/form-data" className="card">
          <input type="hidden" name="intent" value="preview-csv" />
          <h2>Från en lista</h2>
          <div className="field">
            <label htmlFor="csvFile">CSV-fil med kolumnen e-post</label>
            <input id="csvFile" name="csvFile" type="file" accept=".csv,text/csv,text/plain" />
          </div>
          <TextArea name="csvText" label="…eller en e-postadress per rad" rows={5} defaultValue={preview?.csvText ?? ""} />
          <button type="submit" className="secondary">
            Förhandsgranska listan
          </button>
        </Form>
      </div>
      {preview ? (
        <section aria-labelledby="preview-title">
          <h2 id="preview-title">Förhandsgranskning</h2>
          {preview.problems.length > 0 ? (
            <div className="alert alert-error" role="alert">
              <p>{formatCount(preview.problems.length, "rad", "rader")} kunde inte användas och hoppas över:</p>
              <ul>
                {preview.problems.map((problem) => (
                  <li key={`${problem.line}-${problem.value}`}>
                    Rad {problem.line}: {problem.value || "(tom)"}: {problem.message}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {preview.rows.length === 0 ? (
            <p className="empty">Urvalet innehåller ingen person.</p>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Namn</th>
                    <th scope="col">E-post</th>
                    <th scope="col">Arbetarekommun</th>
                    <th scope="col">Utfall</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.rows.map((row) => (
                    <tr key={row.personId} className={row.outcome === "not-eligible" ? "row-error" : undefined}>
                      <td>{row.name}</td>
                      <td>{row.email}</td>
                      <td>{row.branch}</td>
                      <td>
                        {OUTCOME_LABELS[row.outcome]}
                        {row.detail ? `: ${row.detail}` : ""}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {toEnrol.length > 0 ? (
            <Form method="post" className="actions">
              <input type="hidden" name="intent" value="commit" />
              {toEnrol.map((row) => (
                <input key={row.personId} type="hidden" name="personIds" value={row.personId} />
              ))}
              <button type="submit">Anmäl {formatCount(toEnrol.length, "person", "personer")}</button>
            </Form>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
