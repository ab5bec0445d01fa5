import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { BranchBars } from "./charts";

const rows = [
  { name: "Kiruna", value: 5, numerator: 5, denominator: null },
  { name: "Pajala", value: 0, numerator: 0, denominator: null },
];

describe("the branch chart", () => {
  it("draws a share against the district's target on every branch", () => {
    const page = renderToStaticMarkup(
      createElement(BranchBars, {
        title: "Ledare per arbetarekommun",
        rows: [{ name: "Kiruna", value: 50, numerator: 1, denominator: 2 }],
        indicator: { unit: "percent", target: 75 },
      }),
    );
    expect(page).toContain('class="target-line"');
    expect(page).toContain("mål 75 %");
    expect(page).toContain('<th scope="col">Nämnare</th>');
  });

  it("draws no invented branch target for a count, and gives each branch's share of the district's target in the table", () => {
    const page = renderToStaticMarkup(
      createElement(BranchBars, { title: "Nya kommunikatörer per arbetarekommun", rows, indicator: { unit: "count", target: 40 } }),
    );
    expect(page).not.toContain("target-line");
    expect(page).not.toMatch(/mål 2,8|mål 40</);
    expect(page).toContain("Distriktets mål är 40 för hela distriktet.");
    expect(page).toContain("Målet 40 gäller hela distriktet och är inte fördelat på arbetarekommunerna.");
    expect(page).toContain('<th scope="col">Andel av distriktets mål (40)</th>');
    expect(page).toContain('<th scope="row">Kiruna</th><td>5</td><td>12,5 %</td>');
    expect(page).toContain('<th scope="row">Pajala</th><td>0</td><td>0 %</td>');
  });
});
