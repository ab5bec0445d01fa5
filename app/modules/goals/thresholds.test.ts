import { describe, expect, it } from "vitest";
import { definitionHasPlaceholder, indicatorDefinition, thresholdOf } from "./thresholds";

const handledning = { formula: "handledning-attended", definition: "Andel som har närvarat vid minst N handledningstillfällen de senaste 12 månaderna." };
const crisis = { formula: "crisis-plans-ready", definition: "Andel vars plan är granskad och minst X % klar." };

describe("an indicator's threshold in its definition", () => {
  it("prints the threshold the calculation uses in place of its letter", () => {
    expect(indicatorDefinition({ ...handledning, parameter: 3 })).toBe("Andel som har närvarat vid minst 3 handledningstillfällen de senaste 12 månaderna.");
    expect(indicatorDefinition({ ...crisis, parameter: 75 })).toBe("Andel vars plan är granskad och minst 75 % klar.");
  });

  it("uses the calculation's default when the indicator has no number set", () => {
    expect(thresholdOf({ formula: "handledning-attended", parameter: null })).toBe(2);
    expect(thresholdOf({ formula: "crisis-plans-ready", parameter: null })).toBe(80);
    expect(indicatorDefinition({ ...handledning, parameter: null })).toContain("minst 2 handledningstillfällen");
    expect(indicatorDefinition({ ...crisis, parameter: null })).toContain("minst 80 % klar");
  });

  it("replaces only the letter standing alone, never one inside a word, and every time it occurs", () => {
    const text = "Minst N tillfällen. Nya Nämnare och NÅGOT N2 räknas inte; N gäller.";
    expect(indicatorDefinition({ formula: "handledning-attended", parameter: 4, definition: text })).toBe(
      "Minst 4 tillfällen. Nya Nämnare och NÅGOT N2 räknas inte; 4 gäller.",
    );
  });

  it("leaves an indicator without a threshold as written, letters and all", () => {
    const entered = { formula: null, parameter: null, definition: "Andel X av N medlemmar (Medlemstrendundersökningen)." };
    expect(indicatorDefinition(entered)).toBe(entered.definition);
    expect(thresholdOf(entered)).toBeNull();
    expect(definitionHasPlaceholder(null, entered.definition)).toBe(true);
  });

  it("tells whether an edited definition still has its letter", () => {
    expect(definitionHasPlaceholder("handledning-attended", handledning.definition)).toBe(true);
    expect(definitionHasPlaceholder("handledning-attended", "Andel som har närvarat vid minst 2 handledningstillfällen.")).toBe(false);
    expect(definitionHasPlaceholder("crisis-plans-ready", "Minst N % klar.")).toBe(false);
  });
});
