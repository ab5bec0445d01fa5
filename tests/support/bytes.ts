/**
 * Files as people's programs write them, byte for byte, for the tests of the
 * CSV reader and the uploads that use it.
 */

/** Bytes as a hex dump reads, e.g. "ff fe 4e 00". */
export const hex = (dump: string) =>
  Uint8Array.from(
    dump
      .trim()
      .split(/\s+/)
      .map((byte) => parseInt(byte, 16)),
  );

export const utf8 = (text: string) => new TextEncoder().encode(text);

/** UTF-16 in either byte order, with the BOM Excel writes or without one. */
export function utf16(text: string, endian: "le" | "be", bom: boolean): Uint8Array {
  const bytes: number[] = bom ? (endian === "le" ? [0xff, 0xfe] : [0xfe, 0xff]) : [];
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    bytes.push(...(endian === "le" ? [code & 0xff, code >> 8] : [code >> 8, code & 0xff]));
  }
  return new Uint8Array(bytes);
}

/** Swedish Excel's "CSV (semikolonavgränsad)": Windows-1252, for the letters the tests use. */
export function windows1252(text: string): Uint8Array {
  const table: Record<string, number> = { å: 0xe5, ä: 0xe4, ö: 0xf6, Å: 0xc5, Ä: 0xc4, Ö: 0xd6, é: 0xe9 };
  return new Uint8Array([...text].map((ch) => table[ch] ?? ch.charCodeAt(0)));
}

/**
 * Excel's "Unicode-text" (Spara som → Unicode-text) of a two-column sheet, as
 * Excel wrote it: a UTF-16LE BOM, a tab between cells, CRLF after each row.
 * Namn/E-post, then Åsa Öberg/asa@test.se.
 */
export const EXCEL_UNICODE_TEXT = hex(
  "ff fe 4e 00 61 00 6d 00 6e 00 09 00 45 00 2d 00 70 00 6f 00 73 00 74 00 0d 00 0a 00 " +
    "c5 00 73 00 61 00 20 00 d6 00 62 00 65 00 72 00 67 00 09 00 61 00 73 00 61 00 40 00 74 00 65 00 73 00 74 00 2e 00 73 00 65 00 0d 00 0a 00",
);
