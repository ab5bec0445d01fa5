import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link } from "@remix-run/react";
import { FormError } from "~/components/field";
import { ManualFields, ManualFileField, useFileSizeCheck } from "~/components/manual-form";
import { requirePermission } from "~/modules/auth/session.server";
import { parseManualUpload, uploadManual } from "~/modules/manuals/manuals.server";
import { formFailure } from "~/utils/action-result.server";
import { redirectWithMessage } from "~/utils/flash.server";
import { useFormFailure } from "~/utils/form-failure";
import { readForm } from "~/utils/read-form.server";

export const meta: MetaFunction = () => [{ title: "Ladda upp en manual · Verktyg · Ledarlyftet" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manuals:manage");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  // Asked before the body is read: nobody else gets to send 20 MB here.
  const { actor } = await requirePermission(request, "manuals:manage");
  const formData = await readForm(request);
  const upload = await parseManualUpload(formData);
  if (!upload.ok) return formFailure(upload, formData);
  const result = await uploadManual(actor, upload.value.input, upload.value.file);
  if (!result.ok) return formFailure(result, formData);
  return redirectWithMessage(request, "/verktyg", `${upload.value.input.title} ligger nu i Verktyg.`);
}

export default function NewManual() {
  const { errors, values } = useFormFailure();
  const { tooLarge, onSubmit } = useFileSizeCheck();
  return (
    <>
      <p>
        <Link to="/verktyg">← Verktyg</Link>
      </p>
      <h1>Ladda upp en manual</h1>
      <p>Manualen hamnar i Verktyg, där de som får se den kan hämta den. Du kan byta fil senare utan att länken till manualen ändras.</p>
      <FormError errors={errors._form} />
      <Form method="post" encType="multipart/form-data" noValidate onSubmit={onSubmit}>
        <ManualFileField label="Fil" errors={tooLarge ? [tooLarge] : errors.file} />
        <ManualFields values={values} errors={errors} />
        <div className="actions">
          <button type="submit">Ladda upp</button>
          <Link to="/verktyg">Avbryt</Link>
        </div>
      </Form>
    </>
  );
}
