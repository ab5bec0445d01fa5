import { formatIndicatorValue } from "~/utils/format";
import { branchTarget, shareOfDistrictTarget } from "./branch-ranking";
import type { IndicatorReport } from "./goals.server";
import { STATUS_LABELS } from "./period";
import { renderPdf, wrap, type PdfLine } from "./pdf.server";

/** The höstmöte follow-up as PDF: the same content as the printable page. */
export function followUpPdf(reports: IndicatorReport[], period: string, printedOn: string, group: string | null = null): Buffer {
  const lines: PdfLine[] = [
    { text: `Uppföljning av handlingsplanen ${period}`, bold: true, size: 18 },
    { text: `Socialdemokraterna i Norrbotten · underlag till höstmötet · ${printedOn}`, size: 10, gap: 4 },
  ];
  if (group) lines.push({ text: `Befattningsgrupp: ${group}`, size: 10 });
  const goals = [...new Map(reports.map((r) => [r.goal.key, r.goal])).values()];
  for (const goal of goals) {
    lines.push({ text: goal.title, bold: true, size: 13, gap: 14 });
    for (const r of reports.filter((x) => x.goal.key === goal.key)) {
      lines.push({ text: r.name, bold: true, size: 11, gap: 8 });
      const ratio = r.district.denominator !== null ? ` (${r.district.numerator} av ${r.district.denominator})` : "";
      lines.push({
        text: `Utfall ${formatIndicatorValue(r.district.value, r.unit)}${ratio} · mål ${formatIndicatorValue(r.target, r.unit)} · utgångsläge ${formatIndicatorValue(r.baseline, r.unit)} · ${STATUS_LABELS[r.status]}`,
      });
      for (const l of wrap(r.definition, 100)) lines.push({ text: l, size: 9 });
      if (r.kind === "computed") {
        const countTarget = branchTarget(r) === null;
        if (countTarget) {
          lines.push({ text: `Målet ${formatIndicatorValue(r.target, r.unit)} gäller hela distriktet; per arbetarekommun visas andelen av målet.`, size: 9 });
        }
        for (const b of r.branches) {
          const detail = countTarget
            ? ` (${formatIndicatorValue(shareOfDistrictTarget(r, b.value), "percent")} av målet)`
            : b.denominator !== null
              ? ` (${b.numerator} av ${b.denominator})`
              : "";
          lines.push({ text: `    ${b.name}: ${formatIndicatorValue(b.value, r.unit)}${detail}`, size: 9 });
        }
      }
    }
  }
  return renderPdf(lines, `Uppföljning ${period}`);
}
