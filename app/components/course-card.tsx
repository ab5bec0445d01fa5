import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { handbookFor, handbookPath } from "~/modules/handbook/handbooks";
import { ProgressBar } from "./progress-bar";

/** A course in a grid: title, program, the learner's progress, an optional action, and its handbook if it is one. */
export function CourseCard({
  slug,
  title,
  program,
  percent,
  children,
}: {
  slug: string;
  title: string;
  program: string;
  percent: number;
  children?: ReactNode;
}) {
  return (
    <article className="card course-card">
      <h3>
        <Link to={`/courses/${slug}`}>{title}</Link>
      </h3>
      <p className="muted">{program}</p>
      <ProgressBar percent={percent} spokenLabel={`Framsteg i ${title}`} />
      {children}
      {handbookFor(slug) ? (
        <p>
          <Link to={handbookPath(slug)} aria-label={`Handboken ${title}`}>
            Handboken
          </Link>
        </p>
      ) : null}
    </article>
  );
}
