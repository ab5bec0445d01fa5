import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { BranchBars, TrendLine, valueTicks } from "./charts";

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
    expect(page).toContain('<th scope="row">Kiruna</th><td>50 %</td><td>1 av 2</td>');
  });

  it("draws no invented branch target for a count, and gives each branch's share of the district's target in the table", () => {
    const page = renderToStaticMarkup(
      createElement(BranchBars, { title: "Nya kommunikatörer per arbetarekommun", rows, indicator: { unit: "count", target: 40 } }),
    );
    expect(page).not.toContain("target-line");
    expect(page).not.toMatch(/mål 2,8|mål 40</);
    expect(page).toContain("Distriktets mål är 40 för hela distriktet.");
    expect(page).toContain("Målet 40 gäller hela distriktet och är inte fördelat på arbetarekommunerna.");
    // The bars run to the district's 40: Kiruna's 5 is an eighth of the way, not a full bar.
    const bar = (name: string) => Number(new RegExp(`<text[^>]*>${name}</text><rect x="110" y="[\\d.]+" width="([\\d.]+)"`).exec(page)![1]);
    expect(bar("Kiruna")).toBeCloseTo(340 / 8, 0);
    expect(bar("Pajala")).toBe(0);
    expect(page).toContain(">5 (12,5 %)</text>");
    expect(page).toContain('<th scope="col">Andel av distriktets mål (40)</th>');
    expect(page).toContain('<th scope="row">Kiruna</th><td>5</td><td>12,5 %</td>');
    expect(page).toContain('<th scope="row">Pajala</th><td>0</td><td>0 %</td>');
  });
});

describe("the trend chart's value axis", () => {
  it("runs a share from 0 to 100 % in quarters", () => {
    expect(valueTicks("percent", 33)).toEqual({ ticks: [0, 25, 50, 75, 100], top: 100 });
  });

  it("runs a count to the first round number at or above the largest value, in whole steps", () => {
    expect(valueTicks("count", 40)).toEqual({ ticks: [0, 10, 20, 30, 40], top: 40 });
    expect(valueTicks("count", 43)).toEqual({ ticks: [0, 20, 40, 60], top: 60 });
    expect(valueTicks("count", 3)).toEqual({ ticks: [0, 1, 2, 3], top: 3 });
    expect(valueTicks("count", 10)).toEqual({ ticks: [0, 5, 10], top: 10 });
    expect(valueTicks("count", 400)).toEqual({ ticks: [0, 100, 200, 300, 400], top: 400 });
    expect(valueTicks("count", 90)).toEqual({ ticks: [0, 25, 50, 75, 100], top: 100 });
    expect(valueTicks("count", 0)).toEqual({ ticks: [0, 1], top: 1 });
  });

  it("labels each tick in the indicator's unit, and names the range in the text alternative", () => {
    const points = [
      { month: "2026-05", value: 20 },
      { month: "2026-06", value: 40 },
    ];
    const share = renderToStaticMarkup(createElement(TrendLine, { title: "Ledare: utveckling per månad", points, unit: "percent", target: 60 }));
    const ticks = (page: string) => [...page.matchAll(/<text[^>]*class="tick"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(ticks(share)).toEqual(["0 %", "25 %", "50 %", "75 %", "100 %"]);
    expect(share).toContain("andel i procent från 0 % till 100 %");
    expect(share).toContain("<td>40 %</td>");

    const count = renderToStaticMarkup(createElement(TrendLine, { title: "Kommunikatörer: utveckling per månad", points, unit: "count", target: 40 }));
    expect(ticks(count)).toEqual(["0", "10", "20", "30", "40"]);
    expect(count).toContain(">Antal</text>");
  });

  it("draws the 20 and the 40 at heights a reader can tell apart: 40 twice as far from the axis as 20", () => {
    const page = renderToStaticMarkup(
      createElement(TrendLine, {
        title: "t",
        points: [
          { month: "2026-05", value: 20 },
          { month: "2026-06", value: 40 },
        ],
        unit: "percent",
        target: 60,
      }),
    );
    const [twenty, forty] = [...page.matchAll(/<circle[^>]*cy="([\d.]+)"/g)].map((m) => Number(m[1]));
    const zero = Number(/<line[^>]*y1="([\d.]+)"[^>]*class="axis"/.exec(page)![1]);
    expect(zero - forty!).toBeCloseTo(2 * (zero - twenty!), 0);
  });
});
