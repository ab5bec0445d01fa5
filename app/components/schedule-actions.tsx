import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

/**
 * What someone who leads handledning can start from wherever they are (their
 * home, the Handledning page): a session for a cohort or people, or free times
 * a Deltagare books. Show it only to those the rules let schedule
 * ("sessions:schedule"). `children` adds a link of the page's own.
 */
export function ScheduleActions({ children }: { children?: ReactNode }) {
  return (
    <div className="actions">
      <Link to="/sessions/new" className="button">
        Boka handledning
      </Link>
      <Link to="/sessions/new?kind=open-slot" className="button secondary">
        Publicera lediga tider
      </Link>
      {children}
    </div>
  );
}
