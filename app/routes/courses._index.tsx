import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ProgressBar } from "~/components/progress-bar";
import { requirePerson } from "~/modules/auth/session.server";
import { handbookFor, handbookPath } from "~/modules/handbook/handbooks";
import { getCatalog } from "~/modules/progress/learning.server";
import { formatCount, formatNumber } from "~/utils/format";
import { swedishDate } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: "Kurser · Ledarlyftet" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { person } = await requirePerson(request);
  return { programs: await getCatalog(person.id) };
}

type Program = ReturnType<typeof useLoaderData<typeof loader>>["programs"][number];

/** Where the person stands on each of the program's requirements, and the confirmation once all are met. */
function ProgramMilestones({ program }: { program: Program }) {
  const required = program.courses.filter((course) => course.required);
  const coursesDone = required.filter((course) => course.completedAt).length;
  const sessionsDone = Math.min(program.attendedSessions, program.requiredSessions);
  if (program.completedAt) {
    return (
      <div className="alert alert-ok milestone" id="genomfort">
        <p>
          <strong>Du har genomfört {program.title}</strong> {swedishDate(program.completedAt)}: alla kurser
          {program.requiredSessions > 0 ? ` och ${formatCount(program.requiredSessions, "handledningstillfälle", "handledningstillfällen")}` : ""}. Grattis!
        </p>
        {program.certificateCode ? (
          <p>
            <Link to={`/certificates/${program.certificateCode}`} className="button">
              Visa programintyg
            </Link>
          </p>
        ) : null}
      </div>
    );
  }
  if (required.length === 0 && program.requiredSessions === 0) return null;
  return (
    <div className="card milestones">
      <h3 className="visually-hidden">Krav för att bli klar med {program.title}</h3>
      <ul>
        {required.length > 0 ? (
          <li>
            Kurser:{" "}
            <strong>
              {formatNumber(coursesDone)} av {formatNumber(required.length)} klara
            </strong>
            <ProgressBar percent={Math.round((coursesDone / required.length) * 100)} label="Kurser" spokenLabel={`Kurser klara i ${program.title}`} />
          </li>
        ) : null}
        {program.requiredSessions > 0 ? (
          <li>
            Handledning:{" "}
            <strong>
              {formatNumber(sessionsDone)} av {formatCount(program.requiredSessions, "handledningstillfälle", "handledningstillfällen")}
            </strong>
            <ProgressBar
              percent={Math.round((sessionsDone / program.requiredSessions) * 100)}
              label="Handledning"
              spokenLabel={`Handledning genomförd i ${program.title}`}
            />
          </li>
        ) : null}
      </ul>
    </div>
  );
}

export default function Catalog() {
  const { programs } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Kurser</h1>
      {programs.length === 0 ? <p className="empty">Inga kurser är publicerade ännu.</p> : null}
      {programs.map((program) => (
        <section key={program.slug} aria-labelledby={`program-${program.slug}`}>
          <h2 id={`program-${program.slug}`}>
            {program.title} {program.completedAt ? <span className="badge on">Genomfört</span> : null}
          </h2>
          <div className="lesson-body" dangerouslySetInnerHTML={{ __html: program.descriptionHtml }} />
          <ProgramMilestones program={program} />
          <div className="course-grid">
            {program.courses.map((course) => (
              <article key={course.slug} className="card course-card">
                <h3>
                  <Link to={`/courses/${course.slug}`}>{course.title}</Link>
                </h3>
                <div dangerouslySetInnerHTML={{ __html: course.summaryHtml }} />
                <ProgressBar percent={course.percent} spokenLabel={`Framsteg i ${course.title}`} />
                {course.completedAt ? (
                  <p>
                    <strong>Klar.</strong> <Link to={`/certificates/${course.certificateCode}`}>Visa intyg</Link>
                  </p>
                ) : (
                  <Link to={`/courses/${course.slug}`} className="button secondary">
                    {course.started ? "Fortsätt" : "Börja"}
                  </Link>
                )}
                {handbookFor(course.slug) ? (
                  <p>
                    <Link to={handbookPath(course.slug)} aria-label={`Handboken ${course.title}`}>
                      Handboken
                    </Link>
                  </p>
                ) : null}
              </article>
            ))}
          </div>
        </section>
      ))}
    </>
  );
}
