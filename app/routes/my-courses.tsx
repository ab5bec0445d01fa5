import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CourseCard } from "~/components/course-card";
import { requirePerson } from "~/modules/auth/session.server";
import { myCoursesWithProgress } from "~/modules/progress/certificates.server";
import { swedishDate } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: "Mina kurser · Ledarlyftet" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { person } = await requirePerson(request);
  return { courses: await myCoursesWithProgress(person.id) };
}

export default function MyCourses() {
  const { courses } = useLoaderData<typeof loader>();
  const ongoing = courses.filter((course) => !course.completedAt && !course.retired);
  const done = courses.filter((course) => course.completedAt);
  return (
    <>
      <h1>Mina kurser</h1>
      <h2>Pågående</h2>
      {ongoing.length === 0 ? (
        <p className="empty">
          Du har ingen pågående kurs. <Link to="/courses">Se alla kurser</Link>.
        </p>
      ) : (
        <div className="course-grid">
          {ongoing.map((course) => (
            <CourseCard key={course.slug} slug={course.slug} title={course.title} program={course.program} percent={course.percent}>
              <Link to={`/courses/${course.slug}`} className="button secondary">
                Fortsätt
              </Link>
            </CourseCard>
          ))}
        </div>
      )}
      <h2>Avslutade</h2>
      {done.length === 0 ? (
        <p className="empty">Inga avslutade kurser ännu. När du blir klar med en kurs får du ett intyg här.</p>
      ) : (
        <ul>
          {done.map((course) => (
            <li key={course.slug}>
              <Link to={`/courses/${course.slug}`}>{course.title}</Link>, klar {swedishDate(course.completedAt!)} ·{" "}
              <Link to={`/certificates/${course.certificateCode}`}>Intyg</Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
