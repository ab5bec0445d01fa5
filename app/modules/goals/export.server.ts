import type { IndicatorReport } from "./goals.server";
import { csvDocument } from "~/utils/csv";
import { branchTarget, shareOfDistrictTarget } from "./branch-ranking";
import { STATUS_LABELS } from "./period";

const HEADER = [
  "Indikator",
  "Arbetarekommun",
  "Period",
  "Utgångsläge",
  "Målvärde",
  "Utfall",
  "Täljare",
  "Nämnare",
  "Enhet",
  "Status",
  "Definition",
  "Andel av distriktets mål (%)",
];

/**
 * One row per indicator, for the district and for every branch; UTF-8 with BOM for Excel.
 * A count target is the district's alone: branch rows leave Målvärde empty and give the
 * branch's share of the district's target in the last column (docs/decisions/011).
 */
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
      shareOfDistrictTarget(r, r.district.value),
    ]);
    for (const b of r.branches) {
      rows.push([
        r.name,
        b.name,
        period,
        r.baseline,
        branchTarget(r),
        b.value,
        r.kind === "entered" ? null : b.numerator,
        b.denominator,
        unit,
        "",
        r.definition,
        r.kind === "entered" ? null : shareOfDistrictTarget(r, b.value),
      ]);
    }
  }
  return csvDocument(rows);
}
