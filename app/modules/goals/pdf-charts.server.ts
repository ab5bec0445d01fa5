import { valueTicks } from "~/components/charts";
import { formatIndicatorValue as fmt } from "~/utils/format";
import { swedishMonth } from "~/utils/time";
import { branchTarget, shareOfDistrictTarget } from "./branch-ranking";
import type { IndicatorReport } from "./goals.server";
import { COLOURS, type Struct, type TaggedPdf } from "~/modules/documents/tagged-pdf.server";

/**
 * The dashboard's two charts (app/components/charts.tsx) drawn as vectors in
 * the PDF: the same scales, marks and words, each a Figure with the page's
 * title and description as its alternative text, and each followed by its
 * numbers as a table.
 */

/** The monthly trend as a line on a labelled value axis, then its table; or the dashboard's note when there is no history yet. */
export function trendFigure(pdf: TaggedPdf, parent: Struct, report: IndicatorReport) {
  const { trend: points, unit, target } = report;
  const chartHeight = 160;
  pdf.heading(parent, 4, "Utveckling per månad", points.length === 0 ? 20 : chartHeight);
  if (points.length === 0) {
    pdf.paragraph(parent, "Ingen historik ännu: den första månadsbilden sparas automatiskt.", { size: 9, colour: COLOURS.muted });
    return;
  }
  const title = `${report.name}: utveckling per månad`;
  const { ticks, top: max } = valueTicks(unit, Math.max(target, ...points.map((p) => p.value ?? 0)));
  const alt =
    `${title}. Linjediagram över månaderna ${swedishMonth(points[0]!.month)} till ${swedishMonth(points.at(-1)!.month)}, ` +
    `${unit === "percent" ? "andel i procent" : "antal"} från ${fmt(0, unit)} till ${fmt(max, unit)}. Samma siffror finns i tabellen nedanför.`;

  pdf.figure(parent, alt, chartHeight, ({ x: boxX, y: boxY, width, height }) => {
    const { doc } = pdf;
    // Room on the left for the axis labels ("100 %"), below for the months and years, above for the axis title.
    const left = boxX + 40;
    const right = boxX + width - 30;
    const top = boxY + 20;
    const bottom = boxY + height - 30;
    const x = (i: number) => (points.length === 1 ? (left + right) / 2 : left + (i / (points.length - 1)) * (right - left));
    const y = (v: number) => bottom - (v / max) * (bottom - top);
    const small = { size: 7.5, colour: COLOURS.muted };

    pdf.label(unit === "percent" ? "Andel" : "Antal", boxX, boxY + 2, { ...small, weight: "bold" });
    for (const tick of ticks) {
      doc
        .moveTo(left, y(tick))
        .lineTo(right, y(tick))
        .lineWidth(tick === 0 ? 0.8 : 0.5)
        .strokeColor(tick === 0 ? COLOURS.axis : COLOURS.grid)
        .stroke();
      pdf.label(fmt(tick, unit), left - 5, y(tick) - 4, { ...small, anchor: "end" });
    }
    doc.moveTo(left, y(target)).lineTo(right, y(target)).lineWidth(1).dash(4, { space: 3 }).strokeColor(COLOURS.brand).stroke().undash();
    pdf.label(`mål ${fmt(target, unit)}`, right, y(target) - 11, { size: 7.5, colour: COLOURS.brand, anchor: "end" });

    const drawn = points.map((p, i) => ({ ...p, i })).filter((p) => p.value !== null);
    if (drawn.length > 1) {
      doc.moveTo(x(drawn[0]!.i), y(drawn[0]!.value!));
      for (const p of drawn.slice(1)) doc.lineTo(x(p.i), y(p.value!));
      doc.lineWidth(1.8).lineJoin("round").strokeColor(COLOURS.bar).stroke();
    }
    for (const p of drawn) doc.circle(x(p.i), y(p.value!), 2.5).fill(COLOURS.bar);

    points.forEach((p, i) => {
      pdf.label(swedishMonth(p.month, true), x(i), bottom + 5, { ...small, anchor: "middle" });
      // The year under the first month and under each January.
      if (i === 0 || p.month.endsWith("-01")) pdf.label(p.month.slice(0, 4), x(i), bottom + 15, { ...small, anchor: "middle" });
    });
  });

  pdf.table(parent, {
    caption: title,
    columns: ["Månad", "Utfall"],
    rows: points.map((p) => [swedishMonth(p.month), fmt(p.value, unit)]),
    widths: [0.5, 0.5],
  });
}

/**
 * Each branch as a horizontal bar, then the numbers as a table. A share is
 * drawn against the target; a count's bars run to the district's target,
 * each bar the branch's part of it (docs/decisions/011).
 */
export function branchFigure(pdf: TaggedPdf, parent: Struct, report: IndicatorReport) {
  const { branches: rows, unit } = report;
  const target = branchTarget(report);
  const title = `${report.name} per arbetarekommun`;
  const rowH = 15;
  const chartHeight = rows.length * rowH + (target === null ? 4 : 20);
  const note = `Målet ${fmt(report.target, unit)} gäller hela distriktet; per arbetarekommun visas andelen av målet.`;
  pdf.heading(parent, 4, "Per arbetarekommun", chartHeight + (target === null ? pdf.heightOf(note, { size: 9 }) + 3 : 0));
  if (target === null) pdf.paragraph(parent, note, { size: 9 });
  const alt =
    `${title}. Stapeldiagram per arbetarekommun. ` +
    `${target === null ? `Distriktets mål är ${fmt(report.target, unit)} för hela distriktet.` : `Målvärde ${fmt(target, unit)}.`} ` +
    "Samma siffror finns i tabellen nedanför.";
  const max = Math.max(unit === "percent" ? 100 : report.target, ...rows.map((r) => r.value ?? 0), 1);
  const labelStyle = { size: 8 };
  const valueText = (value: number | null) =>
    target === null && value !== null ? `${fmt(value, unit)} (${fmt(shareOfDistrictTarget(report, value), "percent")})` : fmt(value, unit);

  pdf.figure(parent, alt, chartHeight, ({ x: boxX, y: boxY, width }) => {
    const { doc } = pdf;
    const longest = Math.max(0, ...rows.map((r) => pdf.style(labelStyle).widthOfString(r.name)));
    const labelW = Math.min(longest + 8, width * 0.4);
    const valueW = 62;
    const barW = width - labelW - valueW;
    rows.forEach((r, i) => {
      const rowY = boxY + i * rowH;
      const barWidth = Math.max(0, ((r.value ?? 0) / max) * barW);
      pdf.label(pdf.fit(r.name, labelW - 6, labelStyle), boxX + labelW - 6, rowY + 2, { ...labelStyle, anchor: "end" });
      if (barWidth > 0) doc.rect(boxX + labelW, rowY + 2, barWidth, 11).fill(COLOURS.bar);
      pdf.label(valueText(r.value), boxX + labelW + barWidth + 4, rowY + 2, labelStyle);
    });
    if (target !== null) {
      const targetX = boxX + labelW + (target / max) * barW;
      doc
        .moveTo(targetX, boxY)
        .lineTo(targetX, boxY + rows.length * rowH)
        .lineWidth(1.5)
        .dash(4, { space: 3 })
        .strokeColor(COLOURS.brand)
        .stroke()
        .undash();
      pdf.label(`mål ${fmt(target, unit)}`, targetX, boxY + rows.length * rowH + 4, { size: 8, colour: COLOURS.brand, anchor: "middle" });
    }
  });

  const ofTarget = `Andel av distriktets mål (${fmt(report.target, unit)})`;
  pdf.table(parent, {
    caption: title,
    // The page's columns: three, not four (numerator and denominator together).
    columns: target === null ? ["Arbetarekommun", "Antal", ofTarget] : ["Arbetarekommun", "Utfall", "Antal"],
    rows: rows.map((r) =>
      target === null
        ? [r.name, fmt(r.value, unit), fmt(shareOfDistrictTarget(report, r.value), "percent")]
        : [r.name, fmt(r.value, unit), r.denominator === null ? String(r.numerator) : `${r.numerator} av ${r.denominator}`],
    ),
    widths: [0.4, 0.25, 0.35],
  });
}
