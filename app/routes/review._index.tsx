import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/modules/auth/session.server";
import { reviewQueue } from "~/modules/progress/review.server";
import { swedishDateTime } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: "Att granska · Ledarlyftet" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requirePermission(request, "review:access");
  const { submissions, reflections } = await reviewQueue(actor);
  return {
    submissions: submissions.map((s) => ({ id: s.id, learner: s.person.name, branch: s.person.branch.name, lesson: s.lesson.title, at: s.submittedAt.toISOString() })),
    reflections: reflections.map((r) => ({ id: r.id, learner: r.person.name, branch: r.person.branch.name, lesson: r.lesson.title, at: r.updatedAt.toISOString() })),
  };
}

export default function ReviewQueue() {
  const { submissions, reflections } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Att granska</h1>
      <p className="muted">Inlämnade uppgifter och delade reflektioner från deltagare i de arbetarekommuner du stödjer.</p>
      <h2>Uppgifter som väntar ({submissions.length})</h2>
      {submissions.length === 0 ? (
        <p className="empty">Inga uppgifter väntar på granskning.</p>
      ) : (
        <ul>
          {submissions.map((s) => (
            <li key={s.id}>
              <Link to={`/review/submissions/${s.id}`}>
                {s.learner}: {s.lesson}
              </Link>{" "}
              <span className="muted">
                {s.branch}, inlämnad {swedishDateTime(s.at)}
              </span>
            </li>
          ))}
        </ul>
      )}
      <h2>Delade reflektioner</h2>
      {reflections.length === 0 ? (
        <p className="empty">Ingen deltagare har delat en reflektion med dig ännu.</p>
      ) : (
        <ul>
          {reflections.map((r) => (
            <li key={r.id}>
              <Link to={`/review/reflections/${r.id}`}>
                {r.learner}: {r.lesson}
              </Link>{" "}
              <span className="muted">
                {r.branch}, {swedishDateTime(r.at)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
