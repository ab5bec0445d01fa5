import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { BranchBars } from "~/components/charts";
import { formatIndicatorValue } from "~/utils/format";
import { requirePermission } from "~/modules/auth/session.server";
import { branchTarget } from "~/modules/goals/branch-ranking";
import { dashboardReport } from "~/modules/goals/goals.server";
import { parseGoalsQuery } from "~/modules/goals/goals-query";
import { STATUS_LABELS } from "~/modules/goals/period";
import { swedishDate } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: "Uppföljning till höstmötet · Ledarlyftet" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "goals:read");
  const query = parseGoalsQuery(request.url);
  return { query, reports: (await dashboardReport(query.period, { positionGroup: query.group || undefined })).reports, printedAt: new Date().toISOString() };
}

/** The yearly follow-up made for paper: one goal area per page. */
export default function FollowUpReport() {
  const { query, reports, printedAt } = useLoaderData<typeof loader>();
  const goals = [...new Map(reports.map((r) => [r.goal.key, r.goal])).values()];
  return (
    <div className="report">
      <p className="actions" style={{ marginTop: 0 }}>
        <Link to={`/admin/goals?period=${query.period}`}>← Mål och indikatorer</Link>
        <button type="button" onClick={() => window.print()}>
          Skriv ut
        </button>
        <a href={`/admin/goals/report.pdf?period=${query.period}`} className="button secondary">
          Ladda ner som PDF
        </a>
      </p>
      <h1>Uppföljning av handlingsplanen {query.period}</h1>
      <p>Underlag till höstmötet, {swedishDate(printedAt)}.</p>
      {goals.map((g) => (
        <section key={g.key}>
          <h2>{g.title}</h2>
          {reports
            .filter((r) => r.goal.key === g.key)
            .map((r) => (
              <div key={r.key} className="indicator">
                <h3 style={{ marginTop: 0 }}>
                  {r.name}: {formatIndicatorValue(r.district.value, r.unit)} <span className={`badge status-${r.status}`}>{STATUS_LABELS[r.status]}</span>
                </h3>
                <p>
                  {r.district.denominator !== null ? `${r.district.numerator} av ${r.district.denominator}. ` : ""}Mål {formatIndicatorValue(r.target, r.unit)}. Utgångsläge {formatIndicatorValue(r.baseline, r.unit)}.
                </p>
                <p className="muted">{r.definition}</p>
                {r.kind === "computed" ? <BranchBars title={`${r.name} per arbetarekommun`} rows={r.branches} unit={r.unit} target={branchTarget(r, r.branches.length)} /> : null}
              </div>
            ))}
        </section>
      ))}
    </div>
  );
}
