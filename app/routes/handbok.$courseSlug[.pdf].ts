import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePerson } from "~/modules/auth/session.server";
import { handbookPdf } from "~/modules/handbook/handbook-pdf.server";
import { requireHandbook } from "~/modules/handbook/handbook.server";
import { fileDownload } from "~/utils/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requirePerson(request);
  const handbook = await requireHandbook(actor, params.courseSlug);
  return fileDownload(await handbookPdf(handbook), { filename: `handbok-${handbook.courseSlug}.pdf`, contentType: "application/pdf" });
}
