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
    submissions: submissions.map((submission) => ({
      id: submission.id,
      learner: submission.person.name,
      branch: submission.person.branch.name,
      lesson: submission.lesson.title,
      at: submission.submittedAt.toISOString(),
    })),
    reflections: reflections.map((reflection) => ({
      id: reflection.id,
      learner: reflection.person.name,
      branch: reflection.person.branch.name,
      lesson: reflection.lesson.title,
      at: reflection.updatedAt.toISOString(),
    })),
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
          {submissions.map((submission) => (
            <li key={submission.id}>
              <Link to={`/review/submissions/${submission.id}`}>
                {submission.learner}: {submission.lesson}
              </Link>{" "}
              <span className="muted">
                {submission.branch}, inlämnad {swedishDateTime(submission.at)}
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
          {reflections.map((reflection) => (
            <li key={reflection.id}>
              <Link to={`/review/reflections/${reflection.id}`}>
                {reflection.learner}: {reflection.lesson}
              </Link>{" "}
              <span className="muted">
                {reflection.branch}, {swedishDateTime(reflection.at)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
