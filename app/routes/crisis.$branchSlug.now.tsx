import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePerson } from "~/modules/auth/session.server";
import { crisisNow, requireCrisisAccess } from "~/modules/crisis/crisis.server";
import { telHref } from "~/utils/urls";

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
      {/* Tap targets a thumb can hit (at least 44 px), and numbers that never break in the middle. */}
      <ul className="call-list">
        <li>
          <a href="tel:112" className="button danger">
            Vid fara för liv: ring <span className="phone">112</span>
          </a>
        </li>
        <li>
          <a href="tel:11414" className="button secondary">
            Hot som inte är akut: polisen <span className="phone">114 14</span>
          </a>
        </li>
      </ul>
      <h2>Ring</h2>
      {contacts.length === 0 ? (
        <p className="empty">Kontaktlistan är tom. Be krisansvarig fylla i den.</p>
      ) : (
        <ol className="call-list">
          {contacts.map((contact) => (
            <li key={contact.id}>
              <a href={telHref(contact.phone)} className="button">
                {contact.name}, {contact.role}: <span className="phone">{contact.phone}</span>
              </a>
            </li>
          ))}
        </ol>
      )}
      <h2>Första stegen</h2>
      {steps.length === 0 ? (
        <p className="empty">Planen har inga första steg ännu. Be krisansvarig gå igenom planen.</p>
      ) : (
        <ol className="first-steps">
          {steps.map((step) => (
            <li key={step.id}>{step.action}</li>
          ))}
        </ol>
      )}
      <p>
        <Link to="/crisis">Alla planer</Link>
      </p>
    </div>
  );
}
