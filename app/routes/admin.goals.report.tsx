import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { BranchBars } from "~/components/charts";
import { formatIndicatorValue } from "~/utils/format";
import { requirePermission } from "~/modules/auth/session.server";
import { dashboardReport } from "~/modules/goals/goals.server";
import { parseGoalsQuery } from "~/modules/goals/goals-query";
import { goalsQueryString, groupLabel } from "~/modules/goals/goals-links";
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
  const group = groupLabel(query.group);
  const goals = [...new Map(reports.map((report) => [report.goal.key, report.goal])).values()];
  return (
    <div className="report">
      <p className="actions" style={{ marginTop: 0 }}>
        <Link to={`/admin/goals${goalsQueryString(query)}`}>← Mål och indikatorer</Link>
        <button type="button" onClick={() => window.print()}>
          Skriv ut
        </button>
        <a href={`/admin/goals/report.pdf${goalsQueryString(query)}`} className="button secondary" download>
          Ladda ner som PDF
        </a>
      </p>
      <h1>Uppföljning av handlingsplanen {query.period}</h1>
      <p>
        Underlag till höstmötet, {swedishDate(printedAt)}.{group ? ` Befattningsgrupp: ${group}.` : ""}
      </p>
      {goals.map((goal) => (
        <section key={goal.key}>
          <h2>{goal.title}</h2>
          {reports
            .filter((report) => report.goal.key === goal.key)
            .map((report) => (
              <div key={report.key} className="indicator">
                <h3 style={{ marginTop: 0 }}>
                  {report.name}: {formatIndicatorValue(report.district.value, report.unit)}{" "}
                  <span className={`badge status-${report.status}`}>{STATUS_LABELS[report.status]}</span>
                </h3>
                <p>
                  {report.district.denominator !== null ? `${report.district.numerator} av ${report.district.denominator}. ` : ""}Mål{" "}
                  {formatIndicatorValue(report.target, report.unit)}. Utgångsläge {formatIndicatorValue(report.baseline, report.unit)}.
                </p>
                <p className="muted">{report.definition}</p>
                {report.kind === "computed" ? <BranchBars title={`${report.name} per arbetarekommun`} rows={report.branches} indicator={report} /> : null}
              </div>
            ))}
        </section>
      ))}
    </div>
  );
}
