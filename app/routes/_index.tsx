import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePerson } from "~/modules/auth/session.server";
import { may } from "~/modules/auth/permissions";
import { config } from "~/config.server";
import { crisisPlansSummary, plansOverview } from "~/modules/crisis/crisis.server";
import { goalsSummary } from "~/modules/goals/goals.server";
import { outboxCounts } from "~/modules/mail/outbox.server";
import { dormantCutoff, peopleCounts } from "~/modules/people/people.server";
import { positionLabel } from "~/modules/people/positions";
import { rolesOf } from "~/modules/people/roles";
import { CourseCard } from "~/components/course-card";
import { ProgressBar } from "~/components/progress-bar";
import { ScheduleActions } from "~/components/schedule-actions";
import { getCatalog } from "~/modules/progress/learning.server";
import { whereToContinue } from "~/modules/progress/continue.server";
import { reviewQueue } from "~/modules/progress/review.server";
import { cohortsAheadFor, facilitatorFollowUp } from "~/modules/enrolment/cohorts.server";
import { branchesSupportedBy } from "~/modules/auth/scopes";
import { facilitatorSessionSummary } from "~/modules/sessions/sessions.server";
import { shelfSummary } from "~/modules/manuals/manuals.server";
import { formatCount, formatNumber, formatPercent, plural } from "~/utils/format";
import { swedishDate, swedishDateTime } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: "Hem · Ledarlyftet" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { person, actor } = await requirePerson(request);
  const leads = may(actor, "cohorts:lead");
  const [district, goals, crisis, outbox, catalog, queue, followUp, cohortsAhead, sessions, crisisPlans, continueAt, shelf] = await Promise.all([
    may(actor, "people:manage") ? peopleCounts(dormantCutoff(config.INACTIVE_AFTER_DAYS)) : null,
    may(actor, "goals:read") ? goalsSummary() : null,
    may(actor, "admin:access") ? crisisPlansSummary() : null,
    may(actor, "outbox:read") ? outboxCounts() : null,
    person.isParticipant ? getCatalog(person.id) : null,
    leads ? reviewQueue(actor) : null,
    leads ? facilitatorFollowUp(person.id) : [],
    // What a facilitator can do next: decide applications, record attendance, schedule, support their branches' crisis plans.
    leads ? cohortsAheadFor(person.id) : [],
    leads ? facilitatorSessionSummary(actor) : null,
    leads ? plansOverview(actor, branchesSupportedBy(person.id)) : [],
    person.isParticipant ? whereToContinue(person.id) : null,
    person.isCourseEditor ? shelfSummary() : null,
  ]);
  const courses = (catalog ?? []).flatMap((program) => program.courses.map((course) => ({ ...course, program: program.title })));
  return {
    courses,
    continueAt,
    followUp,
    cohortsAhead,
    sessions,
    crisisPlans: crisisPlans.filter((plan) => plan.access === "edit"),
    toReview: queue ? { submissions: queue.submissions.length, reflections: queue.reflections.length } : null,
    firstName: person.name.split(" ")[0] ?? person.name,
    position: positionLabel(person.position),
    roles: rolesOf(person),
    leads,
    district,
    // The district's headline numbers beside the people's; the admin overview (/admin) has them in full.
    goals: goals ? { period: goals.period, onTrack: goals.onTrack, indicators: goals.indicators.length } : null,
    crisis,
    outbox,
    shelf,
  };
}

export default function Home() {
  const {
    firstName,
    position,
    roles,
    leads,
    district,
    goals,
    crisis,
    outbox,
    courses,
    continueAt,
    toReview,
    followUp,
    cohortsAhead,
    sessions,
    crisisPlans,
    shelf,
  } = useLoaderData<typeof loader>();
  const applications = cohortsAhead.filter((cohort) => cohort.pending > 0);
  const nextCohort = cohortsAhead.find((cohort) => !cohort.started);
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
      {shelf ? (
        <section aria-labelledby="editor-home">
          <h2 id="editor-home">Kursredaktör: Verktyg</h2>
          <p>
            {shelf.manuals === 0
              ? "Verktyg har inga manualer ännu."
              : `${formatCount(shelf.manuals, "manual", "manualer")} i Verktyg, hämtade ${formatCount(shelf.downloads, "gång", "gånger")} sammanlagt.`}
          </p>
          <div className="actions">
            <Link to="/verktyg/ny" className="button">
              Ladda upp en manual
            </Link>
            <Link to="/verktyg" className="button secondary">
              Till Verktyg
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
          {applications.length > 0 || (sessions?.toRecord.length ?? 0) > 0 ? (
            <>
              <h3>Att göra</h3>
              <ul>
                {applications.map((cohort) => (
                  <li key={cohort.id}>
                    <Link to={`/cohorts/${cohort.id}`}>
                      {formatCount(cohort.pending, "ansökan", "ansökningar")} till {cohort.name}
                    </Link>{" "}
                    väntar på ditt beslut.
                  </li>
                ))}
                {sessions?.toRecord.map((session) => (
                  <li key={session.id}>
                    Registrera närvaro för <Link to={`/sessions/${session.id}`}>{session.title}</Link>, {swedishDateTime(session.startsAt)}.
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <h3>Pågående omgångar</h3>
          {followUp.length === 0 ? (
            <p className="empty">
              Du leder ingen pågående omgång.{" "}
              {nextCohort ? (
                <>
                  Nästa är <Link to={`/cohorts/${nextCohort.id}`}>{nextCohort.name}</Link>, som startar {swedishDate(nextCohort.startsOn)}. När den har startat
                  visas deltagarnas framsteg här.
                </>
              ) : (
                "När en omgång där du är utvecklingsledare har startat visas deltagarnas framsteg här."
              )}
            </p>
          ) : (
            followUp.map((cohort) => (
              <article key={cohort.id} className="card" style={{ marginBottom: "1rem" }}>
                <h4 style={{ marginTop: 0 }}>
                  <Link to={`/cohorts/${cohort.id}`}>{cohort.name}</Link>
                </h4>
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
            <Link to="/cohorts">Alla omgångar</Link>
          </p>
          {sessions ? (
            <>
              <h3>Handledning</h3>
              {sessions.next.length === 0 ? (
                <p className="empty">Du har inga kommande handledningstillfällen. Boka grupphandledning eller enskilda samtal, eller publicera lediga tider.</p>
              ) : (
                <ul>
                  {sessions.next.map((session) => (
                    <li key={session.id}>
                      <Link to={`/sessions/${session.id}`}>{session.title}</Link> {swedishDateTime(session.startsAt)}
                    </li>
                  ))}
                </ul>
              )}
              {sessions.freeTimes > 0 ? (
                <p>
                  {sessions.freeTimes === 1
                    ? "1 ledig tid du har publicerat är inte bokad än."
                    : `${sessions.freeTimes} lediga tider du har publicerat är inte bokade än.`}
                </p>
              ) : null}
              <ScheduleActions>
                <Link to="/sessions">Alla tillfällen</Link>
              </ScheduleActions>
            </>
          ) : null}
          <h3>Krisplaner</h3>
          {crisisPlans.length === 0 ? (
            <p className="empty">
              Du stöder ingen arbetarekommun ännu. Distriktsadmin väljer vilka du stöder, och då kan du hjälpa dem med deras krishanteringsplaner här.
            </p>
          ) : (
            <>
              <p>Du stöder {formatCount(crisisPlans.length, "arbetarekommun", "arbetarekommuner")} med deras krishanteringsplaner:</p>
              <ul>
                {crisisPlans.map((plan) => (
                  <li key={plan.slug}>
                    <Link to={`/crisis/${plan.slug}`}>{plan.name}</Link>: {formatPercent(plan.progress.percent)} klart
                    {plan.progress.reviewOverdue ? (
                      <>
                        {" "}
                        <span className="badge inactive">Granskning försenad</span>
                      </>
                    ) : null}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      ) : null}
      {roles.includes("participant") ? (
        <section aria-labelledby="participant-home">
          <h2 id="participant-home">Deltagare: min utbildning</h2>
          {continueAt ? (
            <div className="card continue-card">
              <h3>Fortsätt där du slutade</h3>
              <p>
                <strong>{continueAt.lessonTitle}</strong> i {continueAt.courseTitle} <span className="muted">({continueAt.programTitle})</span>
              </p>
              <ProgressBar percent={continueAt.percent} spokenLabel={`Framsteg i ${continueAt.courseTitle}`} />
              <Link to={`/courses/${continueAt.courseSlug}/${continueAt.lessonSlug}`} className="button">
                {continueAt.fresh ? "Börja" : "Fortsätt"}
                <span className="visually-hidden"> med {continueAt.lessonTitle}</span>
              </Link>
            </div>
          ) : null}
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
