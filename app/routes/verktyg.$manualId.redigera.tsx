import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { FormError } from "~/components/field";
import { ManualFields, ManualFileField, useFileSizeCheck } from "~/components/manual-form";
import { requirePermission } from "~/modules/auth/session.server";
import { describeFile, MANUAL_ARRAY_FIELDS, manualFields } from "~/modules/manuals/manuals";
import { checkUpload, replaceManualFile, requireManual, updateManual } from "~/modules/manuals/manuals.server";
import { formFailure } from "~/utils/action-result.server";
import { redirectWithMessage } from "~/utils/flash.server";
import { useFormFailure } from "~/utils/form-failure";
import { parseForm } from "~/utils/forms";
import { badRequest } from "~/utils/http.server";
import { readForm } from "~/utils/read-form.server";
import { formatCount } from "~/utils/format";
import { swedishDateTime } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: "Ändra manual · Verktyg · Ledarlyftet" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "manuals:manage");
  const manual = await requireManual(params.manualId);
  return {
    manual: {
      id: manual.id,
      title: manual.title,
      file: describeFile(manual.fileKind, manual.sizeBytes),
      fileName: manual.fileName,
      downloads: manual.downloads,
      updatedAt: manual.updatedAt.toISOString(),
    },
    values: {
      title: manual.title,
      description: manual.description,
      category: manual.category,
      visibility: manual.audience.length === 0 ? "everyone" : "roles",
      audience: manual.audience,
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  // Asked before the body is read: nobody else gets to send 20 MB here.
  const { actor } = await requirePermission(request, "manuals:manage");
  const manual = await requireManual(params.manualId);
  const formData = await readForm(request);
  switch (formData.get("intent")) {
    case "details": {
      const form = parseForm(manualFields, formData, MANUAL_ARRAY_FIELDS);
      if (!form.ok) return formFailure(form, formData);
      const result = await updateManual(actor, manual.id, form.value);
      if (!result.ok) return formFailure(result, formData);
      return redirectWithMessage(request, "/verktyg", `Ändringarna i ${form.value.title} är sparade.`);
    }
    case "replace": {
      const file = await checkUpload(formData.get("file"));
      if (!file.ok) return formFailure(file, formData);
      const result = await replaceManualFile(actor, manual.id, file.value);
      if (!result.ok) return formFailure(result, formData);
      return redirectWithMessage(request, "/verktyg", `${manual.title} har en ny fil. Länken till manualen är densamma.`);
    }
    default:
      throw badRequest("Okänd åtgärd.");
  }
}

export default function EditManual() {
  const { manual, values } = useLoaderData<typeof loader>();
  const failure = useFormFailure();
  const { tooLarge, onSubmit } = useFileSizeCheck();
  const failed = (intent: string) => failure.failed && failure.values.intent === intent;
  return (
    <>
      <p>
        <Link to="/verktyg">← Verktyg</Link>
      </p>
      <h1>Ändra {manual.title}</h1>
      <p>
        Hämtad {formatCount(manual.downloads, "gång", "gånger")}. Senast ändrad {swedishDateTime(manual.updatedAt)}.
      </p>

      <section aria-labelledby="details-title">
        <h2 id="details-title">Uppgifter</h2>
        <FormError errors={failed("details") ? failure.errors._form : undefined} />
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="details" />
          <ManualFields values={failed("details") ? failure.values : values} errors={failed("details") ? failure.errors : {}} />
          <div className="actions">
            <button type="submit">Spara ändringarna</button>
            <Link to="/verktyg">Avbryt</Link>
          </div>
        </Form>
      </section>

      <section aria-labelledby="file-title">
        <h2 id="file-title">Byt fil</h2>
        <p>
          Nu: {manual.fileName} ({manual.file}). Den nya filen ersätter den gamla under samma länk, så länkar som redan delats fortsätter att fungera.
        </p>
        <FormError errors={failed("replace") ? failure.errors._form : undefined} />
        <Form method="post" encType="multipart/form-data" noValidate onSubmit={onSubmit}>
          <input type="hidden" name="intent" value="replace" />
          <ManualFileField label="Ny fil" errors={tooLarge ? [tooLarge] : failed("replace") ? failure.errors.file : undefined} />
          <div className="actions">
            <button type="submit" className="secondary">
              Byt fil
            </button>
          </div>
        </Form>
      </section>

      <section aria-labelledby="delete-title">
        <h2 id="delete-title">Ta bort</h2>
        <p>
          <Link to={`/verktyg/${manual.id}/ta-bort`}>Ta bort manualen…</Link>
        </p>
      </section>
    </>
  );
}
