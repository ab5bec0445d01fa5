import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { EMAIL_CHOICES, readUnsubscribeToken, setEmailChoice } from "~/modules/mail/preferences.server";
import { notFound } from "~/utils/http.server";
import { readForm } from "~/utils/read-form.server";

/**
 * /e-post/<token>: the stop link in every e-mail a person may turn off
 * (reminders, nudges, the weekly digest). The token names the person and the
 * kind of e-mail, signed with the server's secret, so no login is needed and
 * nobody can stop someone else's. Opening the link only asks; the button (or
 * a mail client's one-click POST, RFC 8058) turns that kind off.
 */
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.label ?? "E-post"} · Ledarlyftet` }, { name: "robots", content: "noindex" }];

function requireToken(token: string | undefined) {
  const found = token ? readUnsubscribeToken(token) : null;
  if (!found) throw notFound("Länken är inte giltig.");
  return found;
}

export async function loader({ params }: LoaderFunctionArgs) {
  const { choice } = requireToken(params.token);
  return { label: EMAIL_CHOICES[choice].label, on: EMAIL_CHOICES[choice].on };
}

export async function action({ request, params }: ActionFunctionArgs) {
  // A mail client's one-click unsubscribe posts "List-Unsubscribe=One-Click"; our own button posts nothing more.
  // Read first, as every action does: a body that is not a form is a 400 whatever the link.
  await readForm(request);
  const { personId, choice } = requireToken(params.token);
  await setEmailChoice(personId, choice, false);
  return { stopped: EMAIL_CHOICES[choice].stopped };
}

export default function StopEmails() {
  const { label, on } = useLoaderData<typeof loader>();
  const done = useActionData<typeof action>();
  return (
    <div className="narrow">
      <h1>{label}</h1>
      {done ? (
        <>
          <p role="status">Klart: {done.stopped} Inbjudningar, ändringar och besked om dina ansökningar får du som förut.</p>
          <p>
            Vill du ha dem igen? Slå på dem på <Link to="/account#e-post">Mitt konto</Link>.
          </p>
        </>
      ) : (
        <>
          <p>{on} Vill du sluta få dem?</p>
          <Form method="post">
            <button type="submit">Sluta skicka dem</button>
          </Form>
          <p className="muted">Du kan slå på dem igen på Mitt konto.</p>
        </>
      )}
    </div>
  );
}
