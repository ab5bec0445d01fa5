import { describe, expect, it } from "vitest";
import { formatCount, formatIndicatorValue, formatList, formatNumber, formatPercent, plural } from "./format";

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

  it("gives a count its noun in the singular for exactly one and the plural otherwise", () => {
    expect(formatCount(1, "rad", "rader")).toBe("1 rad");
    expect(formatCount(0, "rad", "rader")).toBe("0 rader");
    expect(formatCount(2, "person", "personer")).toBe("2 personer");
    expect(formatCount(1.5, "timme", "timmar")).toBe("1,5 timmar");
    expect(formatCount(1234, "ledig plats", "lediga platser")).toBe("1\u00a0234 lediga platser");
    expect(plural(1, "inbjuden", "inbjudna")).toBe("inbjuden");
    expect(plural(3, "inbjuden", "inbjudna")).toBe("inbjudna");
  });
});

describe("Swedish lists", () => {
  it("joins names with commas and a final och, without an Oxford comma", () => {
    expect(formatList(["Anna"])).toBe("Anna");
    expect(formatList(["Anna", "Per"])).toBe("Anna och Per");
    expect(formatList(["Anna", "Per", "Sara"])).toBe("Anna, Per och Sara");
  });
});
