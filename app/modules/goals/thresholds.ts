import { formatNumber } from "~/utils/format";

/**
 * The computed indicators that have a number of their own (the indicator's
 * `parameter`): what it means, the value a calculation uses when none is set,
 * and the letter the definition is written with in its place ("minst N
 * handledningstillfällen"). The calculation and every text that shows the
 * definition read the threshold from here, so the page, the PDF and the CSV
 * always print the number that is actually counted.
 */
export const THRESHOLDS = {
  "handledning-attended": { placeholder: "N", fallback: 2, label: "Antal handledningstillfällen som krävs (N)" },
  "crisis-plans-ready": { placeholder: "X", fallback: 80, label: "Hur stor del av planen som ska vara klar, i procent (X)" },
} as const satisfies Record<string, { placeholder: string; fallback: number; label: string }>;

interface WithThreshold {
  formula: string | null;
  parameter: number | null;
}

function thresholdFor(formula: string | null) {
  return formula !== null && Object.hasOwn(THRESHOLDS, formula) ? THRESHOLDS[formula as keyof typeof THRESHOLDS] : null;
}

/** The indicator's threshold as its calculation uses it; null for an indicator without one. */
export function thresholdOf(indicator: WithThreshold): number | null {
  const threshold = thresholdFor(indicator.formula);
  return threshold ? (indicator.parameter ?? threshold.fallback) : null;
}

/** The placeholder letter and the form label of an indicator's threshold, for the edit form; null when it has none. */
export function thresholdField(formula: string | null) {
  const threshold = thresholdFor(formula);
  return threshold ? { placeholder: threshold.placeholder, label: threshold.label } : null;
}

/** The letter standing alone (not inside a word, not next to a digit). */
const standalone = (letter: string) => new RegExp(`(?<![\\p{L}\\p{N}])${letter}(?![\\p{L}\\p{N}])`, "gu");

/** Whether a definition text has its indicator's placeholder, so that the printed text follows the threshold. */
export function definitionHasPlaceholder(formula: string | null, definition: string): boolean {
  const threshold = thresholdFor(formula);
  return threshold === null || standalone(threshold.placeholder).test(definition);
}

/** The definition as readers see it: the placeholder replaced by the threshold in Swedish notation ("minst 2", "minst 80 %"). */
export function indicatorDefinition(indicator: WithThreshold & { definition: string }): string {
  const threshold = thresholdFor(indicator.formula);
  if (!threshold) return indicator.definition;
  return indicator.definition.replace(standalone(threshold.placeholder), formatNumber(thresholdOf(indicator)!));
}
