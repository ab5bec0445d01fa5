import { describe, expect, it } from "vitest";
import { pdfTextLines } from "../../../tests/support/pdf-text";
import { renderPdf, wrap } from "./pdf.server";

describe("the follow-up's PDF text", () => {
  it("wraps at spaces but never between a number and its per cent sign", () => {
    expect(wrap("granskad och minst 80 % klar", 18)).toEqual(["granskad och minst", "80 % klar"]);
    expect(wrap("minst 80 % klar", 8)).toEqual(["minst", "80 %", "klar"]);
  });

  it("writes Swedish letters, dashes and parentheses so that a reader gets them back", () => {
    const lines = ["Utgångsläge – (ej mätt) · 5 av 40 \\ Övertorneå"];
    expect(pdfTextLines(renderPdf([{ text: lines[0]! }], "Uppföljning 2026"))).toEqual([...lines, "Uppföljning 2026 – sida 1 av 1"]);
  });
});
