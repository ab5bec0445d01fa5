import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePerson } from "~/modules/auth/session.server";
import { openManual } from "~/modules/manuals/manuals.server";
import { fileDownload } from "~/utils/http.server";

/** A manual's file, as an attachment of the type its bytes were found to be: a manual this person may not see is a 404. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requirePerson(request);
  const manual = await openManual(actor, params.manualId);
  return fileDownload(manual.body, { filename: manual.fileName, contentType: manual.contentType, size: manual.sizeBytes });
}
