import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { BranchBars, TrendLine } from "~/components/charts";
import { SelectField } from "~/components/field";
import { positionOptions } from "~/components/filters";
import { formatIndicatorValue } from "~/utils/format";
import { recordAudit } from "~/modules/audit/audit.server";
import { requirePermission } from "~/modules/auth/session.server";
import { branchesForDashboard, branchTarget } from "~/modules/goals/branch-ranking";
import { dashboardReport, takeSnapshots } from "~/modules/goals/goals.server";
import { parseGoalsQuery } from "~/modules/goals/goals-query";
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
    reports: reports.map(({ branches, ...r }) => ({ ...r, branchCount: branches.length, shownBranches: branchesForDashboard(branches) })),
    computedAt: computedAt.toISOString(),
    years: [thisYear, thisYear - 1, thisYear - 2].map(String),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requirePermission(request, "goals:edit");
  const { month, stored } = await takeSnapshots();
  await recordAudit({ actorId: actor.id, action: "goals.snapshot-taken", subjectType: "goals", subjectId: month, detail: { stored } });
  return redirectWithMessage(request, "/admin/goals", `Ögonblicksbild för ${month} sparad (${stored} värden).`);
}

const GROUP_OPTIONS = [
  { value: "leading", label: "Ledande företrädare" },
  { value: "other", label: "Övriga" },
  ...positionOptions,
];

export default function GoalsDashboard() {
  const { query, reports, computedAt, years } = useLoaderData<typeof loader>();
  const goals = [...new Map(reports.map((r) => [r.goal.key, r.goal])).values()];
  const exportQuery = `?period=${query.period}${query.group ? `&group=${query.group}` : ""}`;
  return (
    <>
      <h1>Mål och indikatorer</h1>
      <p className="muted">Handlingsplanens mål följs upp på höstmötet. Beräknade indikatorer räknas direkt ur plattformen; enkätvärden förs in för hand med källa.</p>
      <p className="muted">Beräknat {swedishDateTime(computedAt)}; siffrorna räknas om varje minut och direkt när ett värde ändras.</p>
      <Form method="get" className="filters" aria-label="Välj period och grupp">
        <SelectField name="period" label="Period" options={years.map((y) => ({ value: y, label: y }))} defaultValue={query.period} />
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
          {reports.map((r) => (
            <tr key={r.key}>
              <th scope="row">
                <a href={`#${r.key}`}>{r.name}</a>
              </th>
              <td>{formatIndicatorValue(r.baseline, r.unit)}</td>
              <td>{formatIndicatorValue(r.target, r.unit)}</td>
              <td>{formatIndicatorValue(r.district.value, r.unit)}</td>
              <td>
                <span className={`badge status-${r.status}`}>{STATUS_LABELS[r.status]}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {goals.map((g) => (
        <section key={g.key} aria-labelledby={`goal-${g.key}`}>
          <h2 id={`goal-${g.key}`}>{g.title}</h2>
          {reports
            .filter((r) => r.goal.key === g.key)
            .map((r) => (
              <article key={r.key} id={r.key} className="indicator" aria-labelledby={`ind-${r.key}`}>
                <h3 id={`ind-${r.key}`} style={{ marginTop: 0 }}>
                  {r.name} <span className={`badge status-${r.status}`}>{STATUS_LABELS[r.status]}</span>
                </h3>
                <p>
                  <span className="value">{formatIndicatorValue(r.district.value, r.unit)}</span>{" "}
                  {r.district.denominator !== null ? (
                    <span className="muted">
                      ({r.district.numerator} av {r.district.denominator})
                    </span>
                  ) : null}{" "}
                  · mål {formatIndicatorValue(r.target, r.unit)}
                  {r.baseline !== null ? ` · utgångsläge ${formatIndicatorValue(r.baseline, r.unit)}${r.baselineSource ? ` (${r.baselineSource})` : ""}` : ""}
                </p>
                <p className="muted">
                  {r.definition.replace(" N ", ` ${r.parameter ?? 2} `).replace(" X %", ` ${r.parameter ?? 80} %`)}
                </p>
                <p>
                  <Link to={`/admin/goals/${r.key}${exportQuery}`}>{r.kind === "computed" ? "Se vilka som ingår och ändra mål" : "För in värde och ändra mål"}</Link>
                </p>
                <TrendLine title={`${r.name}: utveckling per månad`} points={r.trend} unit={r.unit} target={r.target} />
                {r.kind === "computed" ? (
                  <>
                    <BranchBars
                      title={r.shownBranches.lowestOnly ? `${r.name} per arbetarekommun: de ${r.shownBranches.rows.length} med lägst utfall` : `${r.name} per arbetarekommun`}
                      rows={r.shownBranches.rows}
                      unit={r.unit}
                      target={branchTarget(r, r.branchCount)}
                    />
                    {r.shownBranches.lowestOnly ? (
                      <p>
                        <Link to={`/admin/goals/${r.key}${exportQuery}`}>Alla {r.branchCount} arbetarekommuner</Link>
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
