import type { IndicatorReport } from "./goals.server";
import { csvDocument } from "~/utils/csv";
import { STATUS_LABELS } from "./period";

const HEADER = ["Indikator", "Arbetarekommun", "Period", "Utgångsläge", "Målvärde", "Utfall", "Täljare", "Nämnare", "Enhet", "Status", "Definition"];

/** One row per indicator, for the district and for every branch; UTF-8 with BOM for Excel. */
export function goalsCsv(reports: IndicatorReport[], period: string): string {
  const rows: (string | number | null)[][] = [HEADER];
  for (const r of reports) {
    const unit = r.unit === "percent" ? "procent" : "antal";
    rows.push([
      r.name,
      "Hela distriktet",
      period,
      r.baseline,
      r.target,
      r.district.value,
      r.district.numerator,
      r.district.denominator,
      unit,
      STATUS_LABELS[r.status],
      r.definition,
    ]);
    for (const b of r.branches) {
      rows.push([r.name, b.name, period, r.baseline, r.target, b.value, r.kind === "entered" ? null : b.numerator, b.denominator, unit, "", r.definition]);
    }
  }
  return csvDocument(rows);
}
