import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePerson } from "~/modules/auth/session.server";
import { may } from "~/modules/auth/permissions";
import { config } from "~/config.server";
import { crisisPlansSummary } from "~/modules/crisis/crisis.server";
import { goalsSummary } from "~/modules/goals/goals.server";
import { outboxCounts } from "~/modules/mail/outbox.server";
import { dormantCutoff, peopleCounts } from "~/modules/people/people.server";
import { positionLabel } from "~/modules/people/positions";
import { rolesOf } from "~/modules/people/roles";
import { CourseCard } from "~/components/course-card";
import { ProgressBar } from "~/components/progress-bar";
import { getCatalog } from "~/modules/progress/learning.server";
import { reviewQueue } from "~/modules/progress/review.server";
import { facilitatorFollowUp } from "~/modules/enrolment/cohorts.server";
import { formatCount, formatNumber, plural } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Hem · Ledarlyftet" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { person, actor } = await requirePerson(request);
  const [district, goals, crisis, outbox, catalog, queue, followUp] = await Promise.all([
    may(actor, "people:manage") ? peopleCounts(dormantCutoff(config.INACTIVE_AFTER_DAYS)) : null,
    may(actor, "goals:read") ? goalsSummary() : null,
    may(actor, "admin:access") ? crisisPlansSummary() : null,
    may(actor, "outbox:read") ? outboxCounts() : null,
    person.isParticipant ? getCatalog(person.id) : null,
    may(actor, "cohorts:lead") ? reviewQueue(actor) : null,
    may(actor, "cohorts:lead") ? facilitatorFollowUp(person.id) : [],
  ]);
  const courses = (catalog ?? []).flatMap((program) => program.courses.map((course) => ({ ...course, program: program.title })));
  return {
    courses,
    followUp,
    toReview: queue ? { submissions: queue.submissions.length, reflections: queue.reflections.length } : null,
    firstName: person.name.split(" ")[0] ?? person.name,
    position: positionLabel(person.position),
    roles: rolesOf(person),
    leads: may(actor, "cohorts:lead"),
    district,
    // The district's headline numbers beside the people's; the admin overview (/admin) has them in full.
    goals: goals ? { period: goals.period, onTrack: goals.onTrack, indicators: goals.indicators.length } : null,
    crisis,
    outbox,
  };
}

export default function Home() {
  const { firstName, position, roles, leads, district, goals, crisis, outbox, courses, toReview, followUp } = useLoaderData<typeof loader>();
  const ongoing = courses.filter((course) => course.started && !course.completedAt);
  return (
    <>
      <h1>Hej {firstName}!</h1>
      <p className="muted">{position}</p>
      {district ? (
        <section aria-labelledby="admin-home">
          <h2 id="admin-home">Distriktsadmin: översikt</h2>
          <div className="cards">
            <Link to="/admin/people" className="card">
              <span className="stat">{formatNumber(district.active)}</span> {plural(district.active, "aktiv person", "aktiva personer")}
            </Link>
            <Link to="/admin/people?role=facilitator" className="card">
              <span className="stat">{formatNumber(district.facilitators)}</span> utvecklingsledare
            </Link>
            <Link to="/admin/people?role=participant" className="card">
              <span className="stat">{formatNumber(district.participants)}</span> deltagare
            </Link>
            <Link to="/admin/people?status=invited" className="card">
              <span className="stat">{formatNumber(district.pendingInvites)}</span> har inte valt lösenord ännu
            </Link>
            <Link to="/admin/people?status=review" className="card">
              <span className="stat">{formatNumber(district.dormant)}</span> {plural(district.dormant, "inaktivt konto", "inaktiva konton")} att granska
            </Link>
            {goals && goals.indicators > 0 ? (
              <Link to={`/admin/goals?period=${goals.period}`} className="card">
                <span className="stat">
                  {goals.onTrack} av {goals.indicators}
                </span>{" "}
                indikatorer i fas {goals.period}
              </Link>
            ) : null}
            {crisis && crisis.branches > 0 ? (
              <Link to="/crisis" className="card">
                <span className="stat">
                  {crisis.reviewed} av {crisis.branches}
                </span>{" "}
                krisplaner granskade det senaste året
              </Link>
            ) : null}
            {outbox ? (
              <Link to="/admin/outbox" className="card">
                <span className="stat">{formatNumber(outbox.waiting)}</span> {plural(outbox.waiting, "e-postmeddelande väntar", "e-postmeddelanden väntar")} i
                utkorgen
              </Link>
            ) : null}
          </div>
          <div className="actions">
            <Link to="/admin/people/new" className="button">
              Lägg till person
            </Link>
            <Link to="/admin/people/import" className="button secondary">
              Importera från CSV
            </Link>
            <Link to="/admin/audit" className="button secondary">
              Granskningslogg
            </Link>
            <Link to="/admin" className="button secondary">
              Översikt över mål och krisplaner
            </Link>
          </div>
        </section>
      ) : null}
      {leads ? (
        <section aria-labelledby="facilitator-home">
          <h2 id="facilitator-home">Utvecklingsledare: mina omgångar och handledning</h2>
          {toReview ? (
            <p>
              <Link to="/review">{formatCount(toReview.submissions, "uppgift", "uppgifter")} väntar på din granskning</Link>
              {toReview.reflections > 0 ? `, ${formatCount(toReview.reflections, "delad reflektion", "delade reflektioner")}` : ""}.
            </p>
          ) : null}
          {followUp.length === 0 ? (
            <p className="empty">Du leder ingen pågående omgång. När en omgång där du är utvecklingsledare har startat visas deltagarnas framsteg här.</p>
          ) : (
            followUp.map((cohort) => (
              <article key={cohort.id} className="card" style={{ marginBottom: "1rem" }}>
                <h3 style={{ marginTop: 0 }}>
                  <Link to={`/cohorts/${cohort.id}`}>{cohort.name}</Link>
                </h3>
                <ProgressBar
                  percent={cohort.average}
                  label={`Genomsnittligt framsteg, ${cohort.participants} deltagare`}
                  detail={`omgången har gått ${cohort.expected} %`}
                />
                {cohort.behind.length === 0 ? (
                  <p>Ingen ligger efter.</p>
                ) : (
                  <>
                    <p>
                      <strong>Ligger efter ({cohort.behind.length}):</strong>
                    </p>
                    <ul>
                      {cohort.behind.map((b) => (
                        <li key={b.name}>
                          {b.name}: {b.percent} %
                        </li>
                      ))}
                    </ul>
                  </>
                )}
              </article>
            ))
          )}
          <p>
            <Link to="/sessions">Handledning</Link> · <Link to="/cohorts">Omgångar</Link>
          </p>
        </section>
      ) : null}
      {roles.includes("participant") ? (
        <section aria-labelledby="participant-home">
          <h2 id="participant-home">Deltagare: min utbildning</h2>
          {ongoing.length === 0 ? (
            <p className="empty">
              Du har ingen pågående kurs. <Link to="/courses">Välj en kurs</Link>, till exempel Kommunikationsmodellen.
            </p>
          ) : (
            <div className="course-grid">
              {ongoing.map((course) => (
                <CourseCard key={course.slug} slug={course.slug} title={course.title} program={course.program} percent={course.percent} />
              ))}
            </div>
          )}
          <p>
            <Link to="/my-courses">Mina kurser och intyg</Link> · <Link to="/courses">Alla kurser</Link>
          </p>
        </section>
      ) : null}
    </>
  );
}
