/**
 * The text lines of a PDF the app writes (app/modules/goals/pdf.server.ts):
 * uncompressed content streams with one `(…) Tj` string per line, in WinAnsi.
 * Nothing on this machine extracts PDF text, and this reads exactly what a
 * PDF viewer draws from such a file, so the route test and the journey check
 * the words a reader of the PDF sees.
 */
export function pdfTextLines(pdf: Uint8Array): string[] {
  const text = new TextDecoder("windows-1252").decode(pdf);
  const lines: string[] = [];
  for (const match of text.matchAll(/\(((?:\\.|[^\\)])*)\) Tj/g)) lines.push(match[1]!.replace(/\\(.)/g, "$1"));
  return lines;
}
