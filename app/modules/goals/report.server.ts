import { formatIndicatorValue } from "~/utils/format";
import type { IndicatorReport } from "./goals.server";
import { STATUS_LABELS } from "./period";
import { branchFigure, trendFigure } from "./pdf-charts.server";
import { COLOURS, TaggedPdf } from "~/modules/documents/tagged-pdf.server";

/**
 * The höstmöte follow-up as a tagged PDF: what the printable page says, one
 * goal area per page, and for each indicator its monthly trend and (for a
 * computed one) its branches as charts, each followed by its table.
 */
export async function followUpPdf(
  reports: IndicatorReport[],
  period: string,
  printedOn: string,
  group: string | null = null,
): Promise<Uint8Array<ArrayBuffer>> {
  const title = `Uppföljning av handlingsplanen ${period}`;
  const pdf = await TaggedPdf.create({
    title,
    subject: group ? `Underlag till höstmötet, befattningsgrupp ${group}` : "Underlag till höstmötet",
    author: "Socialdemokraterna i Norrbotten",
    footer: `Uppföljning ${period}`,
  });
  const { root, doc } = pdf;
  pdf.heading(root, 1, title);
  pdf.paragraph(root, `Socialdemokraterna i Norrbotten · underlag till höstmötet · ${printedOn}`);
  if (group) pdf.paragraph(root, `Befattningsgrupp: ${group}`);

  const goals = [...new Map(reports.map((r) => [r.goal.key, r.goal])).values()];
  goals.forEach((goal, index) => {
    if (index > 0) pdf.newPage();
    const section = pdf.section();
    pdf.heading(section, 2, goal.title);
    const bookmark = doc.outline.addItem(goal.title);
    for (const r of reports.filter((x) => x.goal.key === goal.key)) {
      const indicator = pdf.section(section);
      pdf.heading(indicator, 3, r.name);
      bookmark.addItem(r.name);
      const ratio = r.district.denominator !== null ? ` (${r.district.numerator} av ${r.district.denominator})` : "";
      pdf.paragraph(
        indicator,
        `Utfall ${formatIndicatorValue(r.district.value, r.unit)}${ratio} · mål ${formatIndicatorValue(r.target, r.unit)} · utgångsläge ${formatIndicatorValue(r.baseline, r.unit)} · ${STATUS_LABELS[r.status]}`,
      );
      pdf.paragraph(indicator, r.definition, { size: 9, colour: COLOURS.muted });
      trendFigure(pdf, indicator, r);
      if (r.kind === "computed") branchFigure(pdf, indicator, r);
      indicator.end();
    }
    section.end();
  });
  return pdf.finish();
}
