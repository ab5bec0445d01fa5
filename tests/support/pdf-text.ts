import { getDocument, type PDFDocumentProxy } from "pdfjs-dist/legacy/build/pdf.mjs";

/**
 * The text lines of a PDF as Mozilla's PDF.js (Firefox's viewer) reads them:
 * page by page, in the order the file gives its text, one entry per line,
 * empty lines left out. A table's row comes back as one line, its cells
 * apart by a space ("Pajala 2 5 %"). An independent reader, so the route
 * test and the journey check the words a reader of the PDF gets, not our
 * idea of what we wrote.
 */
export async function pdfTextLines(pdf: Uint8Array): Promise<string[]> {
  const doc = await openPdf(pdf);
  const lines = await textLinesOf(doc);
  await doc.destroy();
  return lines;
}

/** The PDF opened by PDF.js, for a test that also reads its structure tree, metadata or fonts. */
export function openPdf(pdf: Uint8Array): Promise<PDFDocumentProxy> {
  // A copy: PDF.js takes the buffer over, and refuses a Node Buffer.
  return getDocument({ data: new Uint8Array(pdf), verbosity: 0, fontExtraProperties: true }).promise;
}

/** An open document's text lines, as pdfTextLines reads them. */
export async function textLinesOf(doc: PDFDocumentProxy): Promise<string[]> {
  const lines: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    let line = "";
    for (const item of (await (await doc.getPage(n)).getTextContent()).items) {
      if (!("str" in item)) continue;
      line += item.str;
      if (item.hasEOL) {
        if (line.trim()) lines.push(line.trim());
        line = "";
      }
    }
    if (line.trim()) lines.push(line.trim());
  }
  return lines;
}
