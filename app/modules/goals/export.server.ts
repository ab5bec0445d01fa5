import type { IndicatorReport } from "./goals.server";
import { STATUS_LABELS } from "./period";

/**
 * One cell for Swedish Excel: semicolons, quotes and line breaks quoted; a
 * leading = + - @ (or tab/CR) neutralised with an apostrophe so a name can
 * never become a formula.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return "";
  let text = typeof value === "number" ? value.toLocaleString("sv-SE", { useGrouping: false, maximumFractionDigits: 1 }).replace("−", "-") : value;
  if (/^[=+\-@\t\r]/.test(text) && typeof value !== "number") text = `'${text}`;
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const HEADER = ["Indikator", "Arbetarekommun", "Period", "Utgångsläge", "Målvärde", "Utfall", "Täljare", "Nämnare", "Enhet", "Status", "Definition"];

/** One row per indicator, for the district and for every branch; UTF-8 with BOM for Excel. */
export function goalsCsv(reports: IndicatorReport[], period: string): string {
  const lines = [HEADER.map(csvCell).join(";")];
  for (const r of reports) {
    const unit = r.unit === "percent" ? "procent" : "antal";
    lines.push([r.name, "Hela distriktet", period, r.baseline, r.target, r.district.value, r.district.numerator, r.district.denominator, unit, STATUS_LABELS[r.status], r.definition].map(csvCell).join(";"));
    for (const b of r.branches) {
      lines.push([r.name, b.name, period, r.baseline, r.target, b.value, r.kind === "entered" ? null : b.numerator, b.denominator, unit, "", r.definition].map(csvCell).join(";"));
    }
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
