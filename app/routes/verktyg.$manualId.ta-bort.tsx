import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/modules/auth/session.server";
import { describeFile } from "~/modules/manuals/manuals";
import { deleteManual, requireManual } from "~/modules/manuals/manuals.server";
import { formFailure } from "~/utils/action-result.server";
import { redirectWithMessage } from "~/utils/flash.server";
import { badRequest } from "~/utils/http.server";
import { readForm } from "~/utils/read-form.server";
import { formatCount } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Ta bort manual · Verktyg · Ledarlyftet" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "manuals:manage");
  const manual = await requireManual(params.manualId);
  return {
    manual: {
      id: manual.id,
      title: manual.title,
      file: `${manual.fileName} (${describeFile(manual.fileKind, manual.sizeBytes)})`,
      downloads: manual.downloads,
    },
  };
}

/** The confirmation is this page's one button: a post without it (a forged or stray one) deletes nothing. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { actor } = await requirePermission(request, "manuals:manage");
  const manual = await requireManual(params.manualId);
  const formData = await readForm(request);
  if (formData.get("intent") !== "delete") throw badRequest("Okänd åtgärd.");
  const result = await deleteManual(actor, manual.id);
  if (!result.ok) return formFailure(result);
  return redirectWithMessage(request, "/verktyg", `${result.value.title} är borttagen från Verktyg.`);
}

export default function DeleteManual() {
  const { manual } = useLoaderData<typeof loader>();
  return (
    <>
      <p>
        <Link to={`/verktyg/${manual.id}/redigera`}>← {manual.title}</Link>
      </p>
      <h1>Ta bort {manual.title}?</h1>
      <div className="danger-zone">
        <p id="delete-warning">
          Manualen och filen {manual.file} tas bort för gott. Ingen kan hämta den längre, och länkar till den slutar fungera. Den har hämtats{" "}
          {formatCount(manual.downloads, "gång", "gånger")}.
        </p>
        <Form method="post" aria-describedby="delete-warning">
          <input type="hidden" name="intent" value="delete" />
          <div className="actions">
            <button type="submit" className="danger">
              Ta bort manualen
            </button>
            <Link to={`/verktyg/${manual.id}/redigera`}>Avbryt</Link>
          </div>
        </Form>
      </div>
    </>
  );
}
