import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { BranchBars, TrendLine } from "~/components/charts";
import { SelectField } from "~/components/field";
import { positionOptions } from "~/components/filters";
import { formatCount, formatIndicatorValue } from "~/utils/format";
import { recordAudit } from "~/modules/audit/audit.server";
import { requirePermission } from "~/modules/auth/session.server";
import { branchesForDashboard } from "~/modules/goals/branch-ranking";
import { dashboardReport, takeSnapshots } from "~/modules/goals/goals.server";
import { parseGoalsQuery } from "~/modules/goals/goals-query";
import { goalsQueryString, POSITION_GROUPS } from "~/modules/goals/goals-links";
import { STATUS_LABELS } from "~/modules/goals/period";
import { redirectWithMessage } from "~/utils/flash.server";
import { swedishDateTime } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: "Mål och indikatorer · Ledarlyftet" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "goals:read");
  const query = parseGoalsQuery(request.url);
  const { reports, computedAt } = await dashboardReport(query.period, { positionGroup: query.group || undefined });
  const thisYear = new Date().getUTCFullYear();
  return {
    query,
    // Only the branches the page draws travel to it: with hundreds of branches the bars were most of the page.
    reports: reports.map(({ branches, ...report }) => ({ ...report, branchCount: branches.length, shownBranches: branchesForDashboard(branches) })),
    computedAt: computedAt.toISOString(),
    years: [thisYear, thisYear - 1, thisYear - 2].map(String),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requirePermission(request, "goals:edit");
  const { month, stored } = await takeSnapshots();
  await recordAudit({ actorId: actor.id, action: "goals.snapshot-taken", subjectType: "goals", subjectId: month, detail: { stored } });
  return redirectWithMessage(request, "/admin/goals", `Ögonblicksbild för ${month} sparad (${formatCount(stored, "värde", "värden")}).`);
}

const GROUP_OPTIONS = [...POSITION_GROUPS, ...positionOptions];

export default function GoalsDashboard() {
  const { query, reports, computedAt, years } = useLoaderData<typeof loader>();
  const goals = [...new Map(reports.map((report) => [report.goal.key, report.goal])).values()];
  const exportQuery = goalsQueryString(query);
  return (
    <>
      <h1>Mål och indikatorer</h1>
      <p className="muted">
        Handlingsplanens mål följs upp på höstmötet. Beräknade indikatorer räknas direkt ur plattformen; enkätvärden förs in för hand med källa.
      </p>
      <p className="muted">Beräknat {swedishDateTime(computedAt)}; siffrorna räknas om varje minut och direkt när ett värde ändras.</p>
      <Form method="get" className="filters" aria-label="Välj period och grupp">
        <SelectField name="period" label="Period" options={years.map((year) => ({ value: year, label: year }))} defaultValue={query.period} />
        <SelectField name="group" label="Befattningsgrupp" placeholder="Alla" options={GROUP_OPTIONS} defaultValue={query.group} />
        <button type="submit">Visa</button>
      </Form>
      <div className="actions" style={{ marginTop: 0 }}>
        <a href={`/admin/goals/export.csv${exportQuery}`} className="button secondary" download>
          Exportera CSV
        </a>
        <Link to={`/admin/goals/report${exportQuery}`} className="button secondary">
          Uppföljningsrapport för höstmötet
        </Link>
        <Form method="post">
          <button type="submit" className="secondary">
            Spara ögonblicksbild nu
          </button>
        </Form>
      </div>
      <div className="table-wrap">
        <table>
          <caption>Översikt {query.period}</caption>
          <thead>
            <tr>
              <th scope="col">Indikator</th>
              <th scope="col">Utgångsläge</th>
              <th scope="col">Mål</th>
              <th scope="col">Utfall</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {reports.map((report) => (
              <tr key={report.key}>
                <th scope="row">
                  <a href={`#${report.key}`}>{report.name}</a>
                </th>
                <td>{formatIndicatorValue(report.baseline, report.unit)}</td>
                <td>{formatIndicatorValue(report.target, report.unit)}</td>
                <td>{formatIndicatorValue(report.district.value, report.unit)}</td>
                <td>
                  <span className={`badge status-${report.status}`}>{STATUS_LABELS[report.status]}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {goals.map((goal) => (
        <section key={goal.key} aria-labelledby={`goal-${goal.key}`}>
          <h2 id={`goal-${goal.key}`}>{goal.title}</h2>
          {reports
            .filter((report) => report.goal.key === goal.key)
            .map((report) => (
              <article key={report.key} id={report.key} className="indicator" aria-labelledby={`ind-${report.key}`}>
                <h3 id={`ind-${report.key}`} style={{ marginTop: 0 }}>
                  {report.name} <span className={`badge status-${report.status}`}>{STATUS_LABELS[report.status]}</span>
                </h3>
                <p>
                  <span className="value">{formatIndicatorValue(report.district.value, report.unit)}</span>{" "}
                  {report.district.denominator !== null ? (
                    <span className="muted">
                      ({report.district.numerator} av {report.district.denominator})
                    </span>
                  ) : null}{" "}
                  · mål {formatIndicatorValue(report.target, report.unit)}
                  {report.baseline !== null
                    ? ` · utgångsläge ${formatIndicatorValue(report.baseline, report.unit)}${report.baselineSource ? ` (${report.baselineSource})` : ""}`
                    : ""}
                </p>
                <p className="muted">{report.definition}</p>
                <p>
                  <Link to={`/admin/goals/${report.key}${exportQuery}`}>
                    {report.kind === "computed" ? "Se vilka som ingår och ändra mål" : "För in värde och ändra mål"}
                  </Link>
                </p>
                <TrendLine title={`${report.name}: utveckling per månad`} points={report.trend} unit={report.unit} target={report.target} />
                {report.kind === "computed" ? (
                  <>
                    <BranchBars
                      title={
                        report.shownBranches.lowestOnly
                          ? `${report.name} per arbetarekommun: de ${report.shownBranches.rows.length} med lägst utfall`
                          : `${report.name} per arbetarekommun`
                      }
                      rows={report.shownBranches.rows}
                      indicator={report}
                    />
                    {report.shownBranches.lowestOnly ? (
                      <p>
                        <Link to={`/admin/goals/${report.key}${exportQuery}`}>
                          Alla {formatCount(report.branchCount, "arbetarekommun", "arbetarekommuner")}
                        </Link>
                      </p>
                    ) : null}
                  </>
                ) : null}
              </article>
            ))}
        </section>
      ))}
    </>
  );
}
