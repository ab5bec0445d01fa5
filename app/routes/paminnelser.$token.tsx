import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { personOfUnsubscribeToken, setSessionReminders } from "~/modules/sessions/reminders.server";
import { notFound } from "~/utils/http.server";
import { readForm } from "~/utils/read-form.server";

/**
 * /paminnelser/<token>: the "stop" link in every reminder e-mail. The token is
 * the person's id signed with the server's secret, so no login is needed and
 * nobody can stop someone else's reminders. Opening the link only asks; the
 * button (or a mail client's one-click POST, RFC 8058) turns them off.
 */
export const meta: MetaFunction = () => [{ title: "Påminnelser om handledning · Ledarlyftet" }, { name: "robots", content: "noindex" }];

function requireToken(token: string | undefined) {
  const personId = token ? personOfUnsubscribeToken(token) : null;
  if (!personId) throw notFound("Länken är inte giltig.");
  return personId;
}

export async function loader({ params }: LoaderFunctionArgs) {
  requireToken(params.token);
  return null;
}

export async function action({ request, params }: ActionFunctionArgs) {
  // A mail client's one-click unsubscribe posts "List-Unsubscribe=One-Click"; our own button posts nothing more.
  // Read first, as every action does: a body that is not a form is a 400 whatever the link.
  await readForm(request);
  const personId = requireToken(params.token);
  await setSessionReminders(personId, false);
  return { stopped: true as const };
}

export default function StopReminders() {
  const done = useActionData<typeof action>();
  return (
    <div className="narrow">
      <h1>Påminnelser om handledning</h1>
      {done ? (
        <>
          <p role="status">Klart: du får inte längre påminnelser om handledning via e-post. Inbjudningar och ändringar får du som förut.</p>
          <p>
            Vill du ha dem igen? Slå på dem på <Link to="/account">Mitt konto</Link>.
          </p>
        </>
      ) : (
        <>
          <p>Ledarlyftet skickar ett e-brev före varje handledning du är inbjuden till. Vill du sluta få dem?</p>
          <Form method="post">
            <button type="submit">Sluta skicka påminnelser</button>
          </Form>
          <p className="muted">Du kan slå på dem igen på Mitt konto.</p>
        </>
      )}
    </div>
  );
}
