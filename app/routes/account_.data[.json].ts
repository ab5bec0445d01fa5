import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePerson } from "~/modules/auth/session.server";
import { exportPersonalData } from "~/modules/privacy/export.server";
import { stockholmDate } from "~/utils/time";

/** The signed-in person's own data as a JSON download. There is no id in the URL: it is always the caller's. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { person } = await requirePerson(request);
  const data = await exportPersonalData(person.id);
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="ledarlyftet-mina-uppgifter-${stockholmDate(new Date())}.json"`,
      "Cache-Control": "no-store",
    },
  });
}
