import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/modules/auth/session.server";
import { coursesForEditing } from "~/modules/authoring/drafts.server";
import { swedishDateTime } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: "Redigera kurser · Ledarlyftet" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "content:edit");
  return { courses: await coursesForEditing() };
}

export default function EditCourses() {
  const { courses } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Redigera kurser</h1>
      <p>
        Ändringar samlas i ett utkast per kurs. Deltagarna ser dem när utkastet publiceras; varje publicering sparas som en version som kan jämföras och hämtas
        tillbaka.
      </p>
      {courses.length === 0 ? <p className="empty">Inga kurser finns ännu. Kör npm run content:sync.</p> : null}
      <ul className="card-list">
        {courses.map((course) => (
          <li key={course.slug} className="card">
            <h2>
              <Link to={`/redigera/${course.slug}`}>{course.title}</Link>
            </h2>
            <p className="muted">
              {course.program}. Version {course.version ?? "–"}
              {course.draft ? `; utkast ändrat ${swedishDateTime(course.draft.updatedAt)} av ${course.draft.updatedBy ?? "okänd"}` : "; inget utkast"}.
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
