import { describe, expect, it } from "vitest";
import { CsvError, parseCsv } from "./csv";

describe("parseCsv", () => {
  it("reads semicolons (Swedish Excel) with a BOM and CRLF", () => {
    expect(parseCsv("\uFEFFnamn;e-post\r\nÅsa Öberg;asa@test.se\r\n")).toEqual([
      ["namn", "e-post"],
      ["Åsa Öberg", "asa@test.se"],
    ]);
  });

  it("reads commas with quoted fields, doubled quotes and separators inside quotes", () => {
    expect(parseCsv('namn,roller\n"Berg, Anna","Deltagare, ""ny"""\n')).toEqual([
      ["namn", "roller"],
      ["Berg, Anna", 'Deltagare, "ny"'],
    ]);
  });

  it("skips blank lines and keeps a last line without newline", () => {
    expect(parseCsv("a;b\n\n1;2")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
  });

  it("refuses an unterminated quote", () => {
    expect(() => parseCsv('a;b\n"oj;2\n')).toThrow(CsvError);
  });
});
