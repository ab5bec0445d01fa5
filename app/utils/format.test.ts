import { describe, expect, it } from "vitest";
import { formatIndicatorValue, formatList, formatNumber, formatPercent } from "./format";

describe("Swedish number formatting", () => {
  it("writes numbers with a decimal comma and a space between thousands", () => {
    expect(formatNumber(1234.5)).toBe("1\u00a0234,5");
    expect(formatPercent(33.3)).toBe("33,3 %");
  });

  it("shows an indicator's value in its unit, and a dash when there is none", () => {
    expect(formatIndicatorValue(75, "percent")).toBe("75 %");
    expect(formatIndicatorValue(12, "count")).toBe("12");
    expect(formatIndicatorValue(null, "percent")).toBe("–");
  });
});

describe("Swedish lists", () => {
  it("joins names with commas and a final och, without an Oxford comma", () => {
    expect(formatList(["Anna"])).toBe("Anna");
    expect(formatList(["Anna", "Per"])).toBe("Anna och Per");
    expect(formatList(["Anna", "Per", "Sara"])).toBe("Anna, Per och Sara");
  });
});
