import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { LESSON_STATUS_LABELS, LESSON_TYPE_LABELS, ProgressBar } from "~/components/progress-bar";
import { requirePerson } from "~/modules/auth/session.server";
import { requireCourse } from "~/modules/catalog/access.server";
import { handbookFor, handbookPath } from "~/modules/handbook/handbooks";
import { getCourseOutline } from "~/modules/progress/learning.server";
import { swedishDate } from "~/utils/time";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.course.title ?? "Kurs"} · Ledarlyftet` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requirePerson(request);
  const course = await requireCourse(actor, params.courseSlug);
  const outline = await getCourseOutline(course.id, actor.id);
  return {
    course: { slug: course.slug, title: course.title, summaryHtml: course.summaryHtml, version: course.version },
    program: { title: course.program.title },
    ...outline,
  };
}

export default function CoursePage() {
  const { course, program, modules, percent, resume, started, completion, newSinceCompletion } = useLoaderData<typeof loader>();
  return (
    <>
      <p>
        <Link to="/courses">← Kurser</Link> · {program.title}
      </p>
      <h1>{course.title}</h1>
      <div className="lesson-body" dangerouslySetInnerHTML={{ __html: course.summaryHtml }} />
      {handbookFor(course.slug) ? (
        <p>
          <Link to={handbookPath(course.slug)}>Handboken</Link>: kursens texter samlade, att skriva ut eller ladda ner som PDF.
        </p>
      ) : null}
      <ProgressBar percent={percent} label="Ditt framsteg" />
      {completion ? (
        <div className="alert alert-ok" role="status">
          Du blev klar med kursen {swedishDate(completion.completedAt)}.{" "}
          {completion.certificateCode ? <Link to={`/certificates/${completion.certificateCode}`}>Visa intyget</Link> : null}
        </div>
      ) : null}
      {newSinceCompletion.length > 0 ? (
        <section className="card" aria-labelledby="new-title">
          <h2 id="new-title">Nytt sedan du blev klar</h2>
          <p>Kursen har fått nytt obligatoriskt innehåll. Ditt intyg gäller fortfarande; här är det nya:</p>
          <ul>
            {newSinceCompletion.map((lesson) => (
              <li key={lesson.slug}>
                <Link to={`/courses/${course.slug}/${lesson.slug}`}>{lesson.title}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {resume ? (
        <p>
          <Link to={`/courses/${course.slug}/${resume.slug}`} className="button">
            {started ? "Fortsätt där du slutade" : "Börja kursen"}
          </Link>{" "}
          <span className="muted">{resume.title}</span>
        </p>
      ) : null}
      {modules.map((courseModule, i) => (
        <section key={courseModule.slug} aria-labelledby={`module-${courseModule.slug}`}>
          <h2 id={`module-${courseModule.slug}`}>
            {i + 1}. {courseModule.title} {courseModule.complete ? <span className="badge">Klar</span> : null}
            {!courseModule.required ? <span className="badge">Valfri</span> : null}
          </h2>
          {courseModule.introHtml ? <div className="lesson-body" dangerouslySetInnerHTML={{ __html: courseModule.introHtml }} /> : null}
          <ol className="lesson-list">
            {courseModule.lessons.map((lesson) => (
              <li key={lesson.slug}>
                <Link to={`/courses/${course.slug}/${lesson.slug}`}>{lesson.title}</Link>
                <span className="muted">
                  {LESSON_TYPE_LABELS[lesson.type]}
                  {lesson.minutes ? `, ${lesson.minutes} min` : ""}
                  {lesson.required ? "" : ", valfri"}
                </span>
                <span className={`status status-${lesson.status}`}>{LESSON_STATUS_LABELS[lesson.status]}</span>
                {lesson.changedSinceDone ? <span className="badge leading">Uppdaterad sedan du gjorde den</span> : null}
              </li>
            ))}
          </ol>
        </section>
      ))}
    </>
  );
}
