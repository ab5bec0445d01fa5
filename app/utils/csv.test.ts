import { describe, expect, it } from "vitest";
import { CsvError, csvCell, csvDocument, decodeCsvBytes, parseCsv } from "./csv";

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

describe("decodeCsvBytes and binary files", () => {
  it("reads Windows-1252 (Swedish Excel's CSV) and UTF-16 with their å, ä, ö intact", () => {
    expect(decodeCsvBytes(new Uint8Array([0xc5, 0x73, 0x61, 0x3b, 0xf6]))).toBe("Åsa;ö");
    expect(decodeCsvBytes(new Uint8Array([0xff, 0xfe, 0xc5, 0x00, 0x3b, 0x00]))).toBe("Å;");
    expect(decodeCsvBytes(new Uint8Array([0xfe, 0xff, 0x00, 0xc5, 0x00, 0x3b]))).toBe("Å;");
    expect(decodeCsvBytes(new TextEncoder().encode("\uFEFFÅsa;ö"))).toBe("Åsa;ö");
  });

  it("refuses text with NUL or other control characters as not a CSV file", () => {
    expect(() => parseCsv("a;b\n1\u0000;2\n")).toThrow(/inte vara en CSV-fil/);
    expect(() => parseCsv("a;b\n\uFFFD;2\n")).toThrow(CsvError);
    expect(parseCsv("a\tb;c\r\n")).toEqual([["a\tb", "c"]]);
  });
});

describe("csvCell", () => {
  it("neutralises a leading formula character in text but not in a number", () => {
    expect(csvCell("=SUM(A1)")).toBe("'=SUM(A1)");
    expect(csvCell("-1")).toBe("'-1");
    expect(csvCell(-2.5)).toBe("-2,5");
    expect(csvCell(1234.56)).toBe("1234,6");
  });

  it("writes a whole document for Excel: BOM, semicolons, CRLF", () => {
    expect(
      csvDocument([
        ["a", 1],
        ["b;c", null],
      ]),
    ).toBe('\uFEFFa;1\r\n"b;c";\r\n');
  });
});
