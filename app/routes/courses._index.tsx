import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ProgressBar } from "~/components/progress-bar";
import { requirePerson } from "~/modules/auth/session.server";
import { getCatalog } from "~/modules/progress/learning.server";

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
      {programs.map((p) => (
        <section key={p.slug} aria-labelledby={`program-${p.slug}`}>
          <h2 id={`program-${p.slug}`}>
            {p.title} {p.completedAt ? <span className="badge">Genomfört</span> : null}
          </h2>
          <div className="lesson-body" dangerouslySetInnerHTML={{ __html: p.descriptionHtml }} />
          {p.requiredSessions > 0 ? (
            <p className="muted">För att bli klar med programmet krävs kurserna och minst {p.requiredSessions} handledningstillfällen.</p>
          ) : null}
          <div className="course-grid">
            {p.courses.map((c) => (
              <article key={c.slug} className="card course-card">
                <h3>
                  <Link to={`/courses/${c.slug}`}>{c.title}</Link>
                </h3>
                <div dangerouslySetInnerHTML={{ __html: c.summaryHtml }} />
                <ProgressBar percent={c.percent} label={`Framsteg i ${c.title}`} />
                {c.completedAt ? (
                  <p>
                    <strong>Klar.</strong> <Link to={`/certificates/${c.certificateCode}`}>Visa intyg</Link>
                  </p>
                ) : (
                  <Link to={`/courses/${c.slug}`} className="button secondary">
                    {c.started ? "Fortsätt" : "Börja"}
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
