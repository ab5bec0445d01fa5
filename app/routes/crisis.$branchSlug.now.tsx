import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePerson } from "~/modules/auth/session.server";
import { crisisNow, requireCrisisAccess } from "~/modules/crisis/crisis.server";

export const meta: MetaFunction = () => [{ title: "I en kris nu · Ledarlyftet" }];

/** Readable in one phone screen: who to call and the first steps. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requirePerson(request);
  const { branch, plan } = await requireCrisisAccess(actor, params.branchSlug, "crisis-now");
  return { branch: branch.name, ...(await crisisNow(plan.id)) };
}

export default function CrisisNow() {
  const { branch, contacts, steps } = useLoaderData<typeof loader>();
  return (
    <div className="crisis-now">
      <h1>I en kris nu: {branch}</h1>
      <p className="alert alert-error">
        Vid fara för liv: ring <a href="tel:112">112</a>. Hot som inte är akut: polisen <a href="tel:11414">114 14</a>.
      </p>
      <h2>Ring</h2>
      {contacts.length === 0 ? (
        <p className="empty">Kontaktlistan är tom. Be krisansvarig fylla i den.</p>
      ) : (
        <ol className="call-list">
          {contacts.map((contact) => (
            <li key={contact.id}>
              <a href={`tel:${contact.phone.replace(/[^+\d]/g, "")}`} className="button">
                {contact.name}, {contact.role}: {contact.phone}
              </a>
            </li>
          ))}
        </ol>
      )}
      <h2>Första stegen</h2>
      <ol>
        {steps.map((step) => (
          <li key={step.id}>
            <strong>{step.title}.</strong> {step.guidance}
          </li>
        ))}
      </ol>
      <p>
        <Link to="/crisis">Alla planer</Link>
      </p>
    </div>
  );
}
