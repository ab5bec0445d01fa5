import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePerson } from "~/modules/auth/session.server";
import { exportPersonalData } from "~/modules/privacy/export.server";
import { stockholmDate } from "~/utils/time";
import { fileDownload } from "~/utils/http.server";

/** The signed-in person's own data as a JSON download. There is no id in the URL: it is always the caller's. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { person } = await requirePerson(request);
  const data = await exportPersonalData(person.id);
  return fileDownload(JSON.stringify(data, null, 2), {
    filename: `ledarlyftet-mina-uppgifter-${stockholmDate(new Date())}.json`,
    contentType: "application/json; charset=utf-8",
  });
}
