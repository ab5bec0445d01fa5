/**
 * CSV for Swedish Excel, both ways: reading what people upload (the people
 * import, bulk enrolment) and writing what the app exports (goals, the audit
 * log).
 */

// Excel's own rendering: no thousands separator, at most one decimal, an ASCII minus.
const csvNumber = new Intl.NumberFormat("sv-SE", { useGrouping: false, maximumFractionDigits: 1 });

/**
 * One cell for Swedish Excel: semicolons, quotes and line breaks quoted; a
 * leading = + - @ (or tab/CR) neutralised with an apostrophe so a name can
 * never become a formula.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return "";
  let text = typeof value === "number" ? csvNumber.format(value).replace("−", "-") : value;
  if (/^[=+\-@\t\r]/.test(text) && typeof value !== "number") text = `'${text}`;
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole file: a row per line, semicolons, CRLF, and the BOM that makes Excel read UTF-8. */
export function csvDocument(rows: readonly (readonly (string | number | null)[])[]): string {
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(";")).join("\r\n")}\r\n`;
}

export type CsvDelimiter = ";" | "\t" | ",";

/**
 * What the reader understands, in the words a person saving from Excel meets:
 * every message about a file that cannot be read ends with it, and the import
 * pages show it beside the file field.
 */
export const CSV_FORMATS =
  "Filen kan vara sparad som UTF-8, UTF-16 (Excels Unicode-text) eller Windows-1252, med semikolon, komma eller tabb mellan kolumnerna.";

/**
 * The separator of a file, taken from its header line: the one of semicolon
 * (Swedish Excel's "CSV"), tab (Excel's "Unicode-text", and anything copied
 * from a spreadsheet) and comma that occurs most often outside quotes. A tie
 * goes in that order; a line with none of them is one column (comma).
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
  const counts: Record<CsvDelimiter, number> = { ";": 0, "\t": 0, ",": 0 };
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === ";" || ch === "\t" || ch === ",")) counts[ch]++;
  }
  const best = ([";", "\t", ","] as const).reduce((kept, candidate) => (counts[candidate] > counts[kept] ? candidate : kept));
  return counts[best] > 0 ? best : ",";
}

export class CsvError extends Error {}

const BINARY = new CsvError(
  `Filen verkar inte vara en CSV-fil (den innehåller binära data eller tecken som inte går att läsa). Spara den som CSV eller Unicode-text i Excel och försök igen. ${CSV_FORMATS}`,
);

/**
 * An uploaded file's bytes as text, the way people's files actually come:
 * UTF-8 with or without BOM, UTF-16 from Excel's "Unicode-text" (with a BOM,
 * or recognised by its zero bytes), and otherwise Windows-1252, which Swedish
 * Excel writes for "CSV (semikolonavgränsad)". Without this, å, ä and ö in
 * such a file would silently turn into "\uFFFD" and be imported that way.
 */
export function decodeCsvBytes(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  const sample = bytes.subarray(0, 2000);
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] !== 0) continue;
    if (i % 2 === 0) evenZeros++;
    else oddZeros++;
  }
  // ASCII text in UTF-16 has a zero byte in every pair: after the character (LE) or before it (BE).
  if (sample.length >= 4 && oddZeros > sample.length * 0.4 && evenZeros === 0) return new TextDecoder("utf-16le").decode(bytes);
  if (sample.length >= 4 && evenZeros > sample.length * 0.4 && oddZeros === 0) return new TextDecoder("utf-16be").decode(bytes);
  try {
    // fatal: a byte sequence that is not UTF-8 throws instead of becoming U+FFFD; a BOM is dropped.
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}

/**
 * Windows-1252's 0x80–0x9F: the curly quotes, dashes, € and the rest that
 * Excel writes for ’ – € in names (O’Brien). Node 20's TextDecoder decodes
 * "windows-1252" as Latin-1 and turns these into invisible control characters;
 * 0x81, 0x8D, 0x8F, 0x90 and 0x9D are unassigned and stay as they are.
 */
const WINDOWS_1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ";

function decodeWindows1252(bytes: Uint8Array): string {
  let text = "";
  for (let start = 0; start < bytes.length; start += 8192) {
    const chunk = bytes.subarray(start, start + 8192);
    text += String.fromCharCode(...Array.from(chunk, (byte) => (byte >= 0x80 && byte <= 0x9f ? WINDOWS_1252_HIGH.charCodeAt(byte - 0x80) : byte)));
  }
  return text;
}

/**
 * A small RFC 4180 reader: quoted fields, doubled quotes, CRLF or LF, a
 * leading BOM, and the separator detectDelimiter finds in the header line.
 */
export function parseCsv(input: string): string[][] {
  const text = input.replace(/^\uFEFF+/, "");
  // Control characters other than tab and line breaks (NUL above all) mean this is not text.
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFD\uFFFE\uFFFF]/.test(text)) throw BINARY;
  const delimiter = detectDelimiter(text);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        field += ch;
      }
      i++;
      continue;
    }
    if (ch === '"' && field.length === 0) {
      quoted = true;
    } else if (ch === delimiter) {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      if (ch === "\r" && text[i + 1] === "\n") i++;
    } else {
      field += ch;
    }
    i++;
  }
  if (quoted) throw new CsvError("Filen slutar mitt i ett citerat fält (ett citattecken saknas).");
  if (field.length > 0 || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((cell) => cell.trim() !== ""));
}
