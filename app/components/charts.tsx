import { useId } from "react";
import { branchTarget, shareOfDistrictTarget } from "~/modules/goals/branch-ranking";
import { formatIndicatorValue as fmt } from "~/utils/format";
import { swedishMonth } from "~/utils/time";

/** SVG coordinates to a tenth of a unit: finer is invisible, and fifteen decimals made a third of a dashboard's bytes. */
const px = (n: number) => Math.round(n * 10) / 10;

/** The numbers of a chart as a table, for screen readers and for anyone who prefers reading. */
function TableAlternative({ title, columns, rows }: { title: string; columns: string[]; rows: string[][] }) {
  return (
    <details>
      <summary>Visa som tabell</summary>
      <table>
        <caption className="visually-hidden">{title}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(([head, ...cells]) => (
            <tr key={head}>
              <th scope="row">{head}</th>
              {cells.map((cell, i) => (
                <td key={columns[i + 1]}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

/**
 * Branch comparison as horizontal bars (SVG), with the same numbers as a table.
 * A share is drawn against the district's target; a count target belongs to
 * the whole district, so each branch's count is shown as its part of that
 * target instead of against a mark of its own (docs/decisions/011).
 */
export function BranchBars({
  title,
  rows,
  indicator,
}: {
  title: string;
  rows: { name: string; value: number | null; numerator: number; denominator: number | null }[];
  indicator: { unit: string; target: number };
}) {
  const id = useId();
  const { unit } = indicator;
  const target = branchTarget(indicator);
  // A count's bars run to the district's target: each bar is the branch's part of it, and together they make the district's.
  const max = Math.max(unit === "percent" ? 100 : indicator.target, ...rows.map((r) => r.value ?? 0), 1);
  const rowH = 22;
  const labelW = 110;
  const width = 520;
  const barW = width - labelW - 70;
  const height = rows.length * rowH + (target === null ? 4 : 24);
  const targetX = target === null ? 0 : px(labelW + (target / max) * barW);
  const ofTarget = `Andel av distriktets mål (${fmt(indicator.target, unit)})`;
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-t ${id}-d`} width="100%" className="branch-bars">
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>
          Stapeldiagram per arbetarekommun.{" "}
          {target === null ? `Distriktets mål är ${fmt(indicator.target, unit)} för hela distriktet.` : `Målvärde ${fmt(target, unit)}.`} Samma siffror finns i
          tabellen nedanför.
        </desc>
        {/* Colours and type come from .branch-bars in app.css: a bar is three plain elements, and there are hundreds. */}
        {rows.map((r, i) => {
          const barWidth = px(Math.max(0, ((r.value ?? 0) / max) * barW));
          return [
            <text key={`${r.name}-l`} x={labelW - 6} y={i * rowH + 15} className="bar-label">
              {r.name}
            </text>,
            <rect key={`${r.name}-b`} x={labelW} y={i * rowH + 4} width={barWidth} height={14} className={r.value === null ? "bar bar-empty" : "bar"} />,
            <text key={`${r.name}-v`} x={px(labelW + barWidth + 4)} y={i * rowH + 15}>
              {target === null && r.value !== null
                ? `${fmt(r.value, unit)} (${fmt(shareOfDistrictTarget(indicator, r.value), "percent")})`
                : fmt(r.value, unit)}
            </text>,
          ];
        })}
        {target === null ? null : (
          <>
            <line x1={targetX} x2={targetX} y1={0} y2={rows.length * rowH} className="target-line" />
            <text x={targetX} y={rows.length * rowH + 16} className="target-label">
              mål {fmt(target, unit)}
            </text>
          </>
        )}
      </svg>
      {target === null ? (
        <figcaption className="muted">
          Målet {fmt(indicator.target, unit)} gäller hela distriktet och är inte fördelat på arbetarekommunerna. Stapelns hela bredd är distriktets mål, och
          varje stapel visar hur stor del av det arbetarekommunen står för.
        </figcaption>
      ) : null}
      <TableAlternative
        title={title}
        // Three columns, not four (numerator and denominator apart): four did not fit a phone's width.
        columns={target === null ? ["Arbetarekommun", "Antal", ofTarget] : ["Arbetarekommun", "Utfall", "Antal"]}
        rows={rows.map((r) =>
          target === null
            ? [r.name, fmt(r.value, unit), fmt(shareOfDistrictTarget(indicator, r.value), "percent")]
            : [r.name, fmt(r.value, unit), r.denominator === null ? String(r.numerator) : `${r.numerator} av ${r.denominator}`],
        )}
      />
    </figure>
  );
}

/**
 * The value axis: where its ticks go and the top of the scale. A share runs
 * 0–100 % in quarters; a count runs from 0 to the first round number (steps
 * of 1, 2, 2,5 or 5 times a power of ten) at or above the largest value, in
 * about four steps, so a reader can tell 20 from 40 at a glance.
 */
export function valueTicks(unit: string, largest: number): { ticks: number[]; top: number } {
  if (unit === "percent") return { ticks: [0, 25, 50, 75, 100], top: 100 };
  const rough = Math.max(largest, 1) / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  // Whole people: a count axis never steps by a fraction (so 2,5 only as 25, 250, …).
  const step = rough <= 1 ? 1 : [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((candidate) => Number.isInteger(candidate) && candidate >= rough)!;
  const top = Math.ceil(Math.max(largest, 1) / step) * step;
  return { ticks: Array.from({ length: top / step + 1 }, (_, i) => i * step), top };
}

/** The monthly trend as a line (SVG) on a labelled value axis, with a table alternative. */
export function TrendLine({ title, points, unit, target }: { title: string; points: { month: string; value: number | null }[]; unit: string; target: number }) {
  const id = useId();
  if (points.length === 0) return <p className="muted">Ingen historik ännu: den första månadsbilden sparas automatiskt.</p>;
  const width = 520;
  const height = 192;
  // Room on the left for the axis labels ("100 %"), below for the months and years, above for the axis title.
  const left = 52;
  const right = 34;
  const top = 26;
  const bottom = 42;
  const { ticks, top: max } = valueTicks(unit, Math.max(target, ...points.map((p) => p.value ?? 0)));
  const x = (i: number) => px(left + (points.length === 1 ? (width - left - right) / 2 : (i / (points.length - 1)) * (width - left - right)));
  const y = (v: number) => px(height - bottom - (v / max) * (height - top - bottom));
  const drawn = points.map((p, i) => ({ ...p, i })).filter((p) => p.value !== null);
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-t ${id}-d`} width="100%" className="trend-line">
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>
          Linjediagram över månaderna {swedishMonth(points[0]!.month)} till {swedishMonth(points.at(-1)!.month)},{" "}
          {unit === "percent" ? "andel i procent" : "antal"} från {fmt(0, unit)} till {fmt(max, unit)}. Samma siffror finns i tabellen nedanför.
        </desc>
        {/* Colours and type come from .trend-line in app.css, as for the bars. */}
        <text x={4} y={12} className="axis-title">
          {unit === "percent" ? "Andel" : "Antal"}
        </text>
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={left} x2={width - right} y1={y(tick)} y2={y(tick)} className={tick === 0 ? "axis" : "grid"} />
            <text x={left - 6} y={px(y(tick) + 4)} className="tick">
              {fmt(tick, unit)}
            </text>
          </g>
        ))}
        <line x1={left} x2={width - right} y1={y(target)} y2={y(target)} className="target-line" />
        <text x={width - right} y={px(y(target) - 4)} className="target-label">
          mål {fmt(target, unit)}
        </text>
        <polyline className="line" points={drawn.map((p) => `${x(p.i)},${y(p.value!)}`).join(" ")} />
        {drawn.map((p) => (
          <circle key={p.month} cx={x(p.i)} cy={y(p.value!)} r={3.5} className="point">
            <title>{`${swedishMonth(p.month)}: ${fmt(p.value, unit)}`}</title>
          </circle>
        ))}
        {points.map((p, i) => (
          <text key={p.month} x={x(i)} y={height - 24} className="month">
            {swedishMonth(p.month, true)}
            {/* The year under the first month and under each January. */}
            {i === 0 || p.month.endsWith("-01") ? (
              <tspan x={x(i)} dy={15}>
                {p.month.slice(0, 4)}
              </tspan>
            ) : null}
          </text>
        ))}
      </svg>
      <TableAlternative title={title} columns={["Månad", "Utfall"]} rows={points.map((p) => [swedishMonth(p.month), fmt(p.value, unit)])} />
    </figure>
  );
}
