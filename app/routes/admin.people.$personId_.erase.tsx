import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FormError, TextField } from "~/components/field";
import { requirePermission } from "~/modules/auth/session.server";
import { requireExistingPerson } from "~/modules/people/people.server";
import { erasePerson, erasurePreview } from "~/modules/privacy/erasure.server";
import { fieldError } from "~/utils/action-result";
import { formFailure } from "~/utils/action-result.server";
import { redirectWithMessage } from "~/utils/flash.server";
import { useFormFailure } from "~/utils/form-failure";
import { parseForm } from "~/utils/forms";
import { readForm } from "~/utils/read-form.server";
import { swedishDateTime } from "~/utils/time";
import { formatCount } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Radera personuppgifter · Ledarlyftet" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requirePermission(request, "people:manage");
  const person = await requireExistingPerson(params.personId);
  if (person.erasedAt) throw redirect(`/admin/people/${person.id}`);
  const preview = await erasurePreview(person.id);
  return {
    person: { id: person.id, name: person.name, email: person.email, branch: person.branch.name },
    self: person.id === actor.id,
    sessionsLed: preview.sessionsLed.map((session) => ({ ...session, startsAt: session.startsAt.toISOString() })),
    sessionsInvited: preview.sessionsInvited,
    enrolments: preview.enrolments,
  };
}

const missing = "Skriv personens e-postadress för att bekräfta.";
const schema = z.object({ confirmEmail: z.string({ required_error: missing }).trim().toLowerCase().min(1, missing).max(200) });

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor } = await requirePermission(request, "people:manage");
  const person = await requireExistingPerson(params.personId);
  const form = parseForm(schema, await readForm(request));
  if (!form.ok) return formFailure(form);
  if (form.value.confirmEmail !== person.email)
    return formFailure(fieldError("confirmEmail", "E-postadressen stämmer inte. Skriv personens e-postadress exakt."));
  const result = await erasePerson(actor, person.id);
  if (!result.ok) return formFailure(result);
  const cancelled = result.value.sessionsCancelled;
  const message = `Personuppgifterna är raderade.${cancelled > 0 ? ` ${formatCount(cancelled, "handledningstillfälle", "handledningstillfällen")} ställdes in och deltagarna har fått en avbokning.` : ""}`;
  return redirectWithMessage(request, `/admin/people/${person.id}`, message);
}

export default function ErasePerson() {
  const { person, self, sessionsLed, sessionsInvited, enrolments } = useLoaderData<typeof loader>();
  const { errors } = useFormFailure();
  return (
    <>
      <p>
        <Link to={`/admin/people/${person.id}`}>← {person.name}</Link>
      </p>
      <h1>Radera personuppgifter för {person.name}</h1>
      {self ? (
        <p className="alert alert-error" role="alert">
          Du kan inte radera dina egna uppgifter. Be en annan distriktsadmin.
        </p>
      ) : (
        <div className="danger-zone">
          <h2 id="warning">Det här går inte att ångra</h2>
          <div id="warning-text">
            <p>
              Namn, e-postadress, lösenord, inloggningar, reflektioner, svar, inlämnade texter och återkoppling, kalenderprenumeration och roller raderas.
              Personen kan inte längre logga in. E-post som ännu inte har skickats till personen tas bort.
            </p>
            <p>
              Kvar blir en anonym rad, &quot;Raderad person&quot;, med arbetarekommun ({person.branch}) och befattning, och vad personen har genomfört och
              närvarat vid, så att statistiken och målen inte ändras.
            </p>
            <ul>
              <li>
                {sessionsLed.length === 0
                  ? "Personen leder inga kommande handledningstillfällen."
                  : `${formatCount(sessionsLed.length, "kommande handledningstillfälle", "kommande handledningstillfällen")} som personen leder ställs in, och deltagarna får en avbokning:`}
                {sessionsLed.length > 0 ? (
                  <ul>
                    {sessionsLed.map((session) => (
                      <li key={session.id}>
                        {session.title}, {swedishDateTime(session.startsAt)} ({session.participants} deltagare)
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
              <li>Personen tas bort från {formatCount(sessionsInvited, "kommande tillfälle", "kommande tillfällen")} där hen är inbjuden.</li>
              <li>
                {formatCount(enrolments, "pågående anmälan, ansökan eller plats", "pågående anmälningar, ansökningar eller platser")} på väntelistan avslutas.
              </li>
            </ul>
          </div>
          <FormError errors={errors._form} />
          <Form method="post" noValidate aria-describedby="warning-text">
            <TextField
              name="confirmEmail"
              label={`Skriv personens e-postadress (${person.email}) för att bekräfta`}
              type="email"
              autoComplete="off"
              required
              errors={errors.confirmEmail}
            />
            <div className="actions">
              <button type="submit" className="danger">
                Radera personuppgifter
              </button>
              <Link to={`/admin/people/${person.id}`}>Avbryt</Link>
            </div>
          </Form>
        </div>
      )}
    </>
  );
}
