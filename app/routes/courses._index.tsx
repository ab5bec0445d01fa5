import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ProgressBar } from "~/components/progress-bar";
import { requirePerson } from "~/modules/auth/session.server";
import { getCatalog } from "~/modules/progress/learning.server";
import { formatCount } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Kurser · Ledarlyftet" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { person } = await requirePerson(request);
  return { programs: await getCatalog(person.id) };
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
            {program.title} {program.completedAt ? <span className="badge">Genomfört</span> : null}
          </h2>
          <div className="lesson-body" dangerouslySetInnerHTML={{ __html: program.descriptionHtml }} />
          {program.requiredSessions > 0 ? (
            <p className="muted">
              För att bli klar med programmet krävs kurserna och minst{" "}
              {formatCount(program.requiredSessions, "handledningstillfälle", "handledningstillfällen")}.
            </p>
          ) : null}
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
              </article>
            ))}
          </div>
        </section>
      ))}
    </>
  );
}
