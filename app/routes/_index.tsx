import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePerson } from "~/modules/auth/session.server";
import { may } from "~/modules/auth/permissions";
import { peopleCounts } from "~/modules/people/people.server";
import { positionLabel } from "~/modules/people/positions";
import { rolesOf } from "~/modules/people/roles";

export const meta: MetaFunction = () => [{ title: "Hem · Ledarlyftet" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { person, actor } = await requirePerson(request);
  const district = may(actor, "people:manage") ? await peopleCounts() : null;
  return {
    firstName: person.name.split(" ")[0] ?? person.name,
    position: positionLabel(person.position),
    roles: rolesOf(person),
    district,
  };
}

export default function Home() {
  const { firstName, position, roles, district } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Hej {firstName}!</h1>
      <p className="muted">{position}</p>
      {district ? (
        <section aria-labelledby="admin-home">
          <h2 id="admin-home">Distriktsadmin: översikt</h2>
          <div className="cards">
            <Link to="/admin/people" className="card">
              <span className="stat">{district.active}</span> aktiva personer
            </Link>
            <Link to="/admin/people?role=facilitator" className="card">
              <span className="stat">{district.facilitators}</span> utvecklingsledare
            </Link>
            <Link to="/admin/people?role=participant" className="card">
              <span className="stat">{district.participants}</span> deltagare
            </Link>
            <Link to="/admin/outbox" className="card">
              <span className="stat">{district.pendingInvites}</span> har inte valt lösenord ännu
            </Link>
          </div>
          <div className="actions">
            <Link to="/admin/people/new" className="button">
              Lägg till person
            </Link>
            <Link to="/admin/people/import" className="button secondary">
              Importera från CSV
            </Link>
          </div>
        </section>
      ) : null}
      {roles.includes("facilitator") ? (
        <section aria-labelledby="facilitator-home">
          <h2 id="facilitator-home">Utvecklingsledare: mina omgångar och handledning</h2>
          <p className="empty">
            Du har inga omgångar eller handledningstillfällen ännu. När distriktet lägger upp en omgång där du är
            utvecklingsledare visas den här, med deltagarnas framsteg.
          </p>
        </section>
      ) : null}
      {roles.includes("participant") ? (
        <section aria-labelledby="participant-home">
          <h2 id="participant-home">Deltagare: min utbildning</h2>
          <p className="empty">
            Du är inte anmäld till någon utbildning ännu. Ledarskapsprogrammet, Kommunikatörsutbildningen och kursen om
            kommunikationsmodellen visas här när de öppnar för anmälan.
          </p>
        </section>
      ) : null}
    </>
  );
}
