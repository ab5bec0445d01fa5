import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { requirePermission } from "~/modules/auth/session.server";

export const meta: MetaFunction = () => [{ title: "Administration · Ledarlyftet" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "admin:access");
  return null;
}

export default function AdminIndex() {
  return (
    <>
      <h1>Administration</h1>
      <ul>
        <li>
          <Link to="/admin/people">Personer</Link>: sök, lägg till, redigera, inaktivera och importera.
        </li>
        <li>
          <Link to="/admin/branches">Arbetarekommuner</Link>: distriktets 14 arbetarekommuner.
        </li>
        <li>
          <Link to="/admin/outbox">Utkorg</Link>: e-post som plattformen har skickat (inbjudningar och lösenordslänkar).
        </li>
        <li>
          <Link to="/admin/people?status=review">Inaktiva konton att granska</Link>: konton som inte har använts på länge.
        </li>
        <li>
          <Link to="/admin/audit">Granskningslogg</Link>: vem som har ändrat och öppnat vad.
        </li>
      </ul>
    </>
  );
}
