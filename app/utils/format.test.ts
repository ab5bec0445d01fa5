import { describe, expect, it } from "vitest";
import { formatCount, formatIndicatorValue, formatNumber, formatPercent } from "./format";

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

  it("puts a count's noun in the singular for one and the plural otherwise, zero included", () => {
    expect(formatCount(1, "arbetarekommun", "arbetarekommuner")).toBe("1 arbetarekommun");
    expect(formatCount(14, "arbetarekommun", "arbetarekommuner")).toBe("14 arbetarekommuner");
    expect(formatCount(0, "meddelande", "meddelanden")).toBe("0 meddelanden");
    expect(formatCount(1200, "person", "personer")).toBe("1\u00a0200 personer");
  });
});
