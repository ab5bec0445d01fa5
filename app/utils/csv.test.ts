import { describe, expect, it } from "vitest";
import { EXCEL_UNICODE_TEXT, hex, utf16 } from "../../tests/support/bytes";
import { CsvError, csvCell, csvDocument, decodeCsvBytes, detectDelimiter, parseCsv } from "./csv";

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

  it("reads tab-separated text (Excel's Unicode-text, or rows copied from a spreadsheet), tabs inside quotes kept", () => {
    expect(parseCsv('namn\te-post\troller\r\n"Berg\tAnna"\tanna@test.se\tDeltagare|Utvecklingsledare\r\n')).toEqual([
      ["namn", "e-post", "roller"],
      ["Berg\tAnna", "anna@test.se", "Deltagare|Utvecklingsledare"],
    ]);
  });

  it("takes the separator from the header line: the most frequent of semicolon, tab and comma, a tie in that order", () => {
    expect(detectDelimiter("namn;e-post;roller\nBerg, Anna;a@test.se;Deltagare")).toBe(";");
    expect(detectDelimiter("namn\te-post\troller\nBerg, Anna\ta@test.se\tDeltagare")).toBe("\t");
    expect(detectDelimiter("namn,e-post,roller")).toBe(",");
    expect(detectDelimiter('"namn;förnamn"\te-post')).toBe("\t");
    expect(detectDelimiter("a\tb;c")).toBe(";");
    expect(detectDelimiter("e-post")).toBe(",");
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

  it("reads Windows-1252's curly apostrophe, dashes and euro sign as Excel meant them, not as control characters", () => {
    // "O’Brien – 5 €" as Swedish Excel saves it in "CSV (semikolonavgränsad)".
    const bytes = new Uint8Array([0x4f, 0x92, 0x42, 0x72, 0x69, 0x65, 0x6e, 0x20, 0x96, 0x20, 0x35, 0x20, 0x80, 0x3b, 0xe5]);
    expect(decodeCsvBytes(bytes)).toBe("O’Brien – 5 €;å");
  });

  it("reads Excel's Unicode-text byte for byte: the BOM gone, tabs as separators, å and ö intact", () => {
    expect(parseCsv(decodeCsvBytes(EXCEL_UNICODE_TEXT))).toEqual([
      ["Namn", "E-post"],
      ["Åsa Öberg", "asa@test.se"],
    ]);
  });

  it("reads UTF-16 in either byte order, with a BOM or recognised by its zero bytes without one", () => {
    const text = "namn\te-post\r\nÅsa Öberg\tasa@test.se\r\nGöran Ärlig\tgoran@test.se\r\n";
    for (const bytes of [utf16(text, "le", true), utf16(text, "be", true), utf16(text, "le", false), utf16(text, "be", false)]) {
      expect(decodeCsvBytes(bytes)).toBe(text);
    }
  });

  it("refuses text with NUL or other control characters as not a CSV file, naming the encodings and separators it reads", () => {
    expect(() => parseCsv("a;b\n1\u0000;2\n")).toThrow(/inte vara en CSV-fil/);
    expect(() => parseCsv("a;b\n1\u0000;2\n")).toThrow(/UTF-8, UTF-16 \(Excels Unicode-text\) eller Windows-1252, med semikolon, komma eller tabb/);
    // A spreadsheet's own format is not text: an .xlsx is a zip file.
    expect(() => parseCsv(decodeCsvBytes(hex("50 4b 03 04 14 00 06 00 08 00 00 00 21 00")))).toThrow(CsvError);
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
