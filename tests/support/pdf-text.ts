/**
 * The text lines of a PDF the app writes (app/modules/goals/pdf.server.ts):
 * uncompressed content streams with one `(…) Tj` string per line, in WinAnsi.
 * Nothing on this machine extracts PDF text, and this reads exactly what a
 * PDF viewer draws from such a file, so the route test and the journey check
 * the words a reader of the PDF sees.
 */
export function pdfTextLines(pdf: Uint8Array): string[] {
  const text = winAnsi(pdf);
  const lines: string[] = [];
  for (const match of text.matchAll(/\(((?:\\.|[^\\)])*)\) Tj/g)) lines.push(match[1]!.replace(/\\(.)/g, "$1"));
  return lines;
}

// WinAnsi's own characters in 0x80–0x9F (the ones pdf.server.ts writes); the rest is Latin-1.
// Not TextDecoder("windows-1252"): Node 20 decodes that label as Latin-1, so "–" came back as U+0096.
const WIN_ANSI_HIGH: Record<number, string> = { 0x80: "€", 0x85: "…", 0x91: "‘", 0x92: "’", 0x93: "“", 0x94: "”", 0x95: "•", 0x96: "–", 0x97: "—" };

function winAnsi(bytes: Uint8Array): string {
  let out = "";
  for (const byte of bytes) out += WIN_ANSI_HIGH[byte] ?? String.fromCharCode(byte);
  return out;
}
