import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePerson } from "~/modules/auth/session.server";
import { may } from "~/modules/auth/permissions";
import { cohortsFor } from "~/modules/enrolment/cohorts.server";
import { MODE_LABELS, STATUS_LABELS } from "~/modules/enrolment/eligibility";
import { swedishDate } from "~/utils/time";
import { formatCount, formatNumber } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Omgångar · Ledarlyftet" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requirePerson(request);
  return { ...(await cohortsFor(actor)), mayCreate: may(actor, "cohort:create") };
}

export default function Cohorts() {
  const { open, mine, running, mayCreate } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Omgångar</h1>
      <p className="muted">En omgång är ett tillfälle att gå ett program tillsammans med andra, med utvecklingsledare och handledning.</p>
      {running.length > 0 || mayCreate ? (
        <section aria-labelledby="running-title">
          <h2 id="running-title">{mayCreate ? "Alla omgångar" : "Omgångar jag leder"}</h2>
          {mayCreate ? (
            <p>
              <Link to="/admin/cohorts/new" className="button">
                Ny omgång
              </Link>
            </p>
          ) : null}
          {running.length === 0 ? (
            <p className="empty">Inga omgångar ännu.</p>
          ) : (
            <ul>
              {running.map((cohort) => (
                <li key={cohort.id}>
                  <Link to={`/cohorts/${cohort.id}`}>{cohort.name}</Link>{" "}
                  <span className="muted">
                    {cohort.program}, start {swedishDate(cohort.startsOn)}, {formatNumber(cohort.seatsTaken)} av{" "}
                    {formatCount(cohort.capacity, "plats", "platser")}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
      <section aria-labelledby="mine-title">
        <h2 id="mine-title">Mina anmälningar</h2>
        {mine.length === 0 ? (
          <p className="empty">Du är inte anmäld till någon omgång.</p>
        ) : (
          <ul>
            {mine.map((enrolment) => (
              <li key={enrolment.enrolmentId}>
                <Link to={`/cohorts/${enrolment.cohortId}`}>{enrolment.name}</Link> <span className="badge">{STATUS_LABELS[enrolment.status]}</span>
                {enrolment.place ? <span> plats {enrolment.place} på väntelistan</span> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="open-title">
        <h2 id="open-title">Öppna för anmälan</h2>
        {open.length === 0 ? (
          <p className="empty">Just nu finns ingen omgång som du kan anmäla dig till.</p>
        ) : (
          <div className="course-grid">
            {open.map((cohort) => (
              <article key={cohort.id} className="card course-card">
                <h3>
                  <Link to={`/cohorts/${cohort.id}`}>{cohort.name}</Link>
                </h3>
                <p>
                  {cohort.program}
                  <br />
                  {swedishDate(cohort.startsOn)}–{swedishDate(cohort.endsOn)}
                  <br />
                  {MODE_LABELS[cohort.mode]}, anmälan senast {swedishDate(cohort.closes)}
                  <br />
                  {cohort.seatsLeft > 0
                    ? formatCount(cohort.seatsLeft, "ledig plats", "lediga platser")
                    : cohort.mode === "approval"
                      ? "Fullbokad: en godkänd ansökan hamnar på väntelistan"
                      : "Fullbokad: du hamnar på väntelistan"}
                </p>
              </article>
            ))}
          </div>
        )}
      </section>
    </>
  );
}
