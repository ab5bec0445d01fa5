/**
 * A small PDF writer for the yearly follow-up: text pages in Helvetica with
 * WinAnsi encoding (enough for Swedish). A whole PDF library would be the
 * biggest dependency in the project for a text report.
 */
export interface PdfLine {
  text: string;
  bold?: boolean;
  size?: number;
  /** Extra space above the line, in points. */
  gap?: number;
}

const WIN_ANSI: Record<string, number> = { "–": 0x96, "—": 0x97, "…": 0x85, "’": 0x92, "‘": 0x91, "”": 0x94, "“": 0x93, "€": 0x80, "•": 0x95 };

function encode(text: string): Buffer {
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    const byte = WIN_ANSI[ch] ?? (code < 256 ? code : 0x3f);
    if (byte === 0x28 || byte === 0x29 || byte === 0x5c) bytes.push(0x5c);
    bytes.push(byte);
  }
  return Buffer.from(bytes);
}

/** Splits text into lines of at most `width` characters, at spaces; never between a number and its "%" ("80 %" stays on one line). */
export function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = "";
  for (const word of text.split(/\s+(?!%)/)) {
    if (line && line.length + word.length + 1 > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out;
}

const PAGE_W = 595;
const PAGE_H = 842;
const MARGIN = 56;

export function renderPdf(lines: PdfLine[], title: string): Buffer {
  // Lay the lines out on A4 pages.
  const pages: { y: number; line: PdfLine }[][] = [[]];
  let y = PAGE_H - MARGIN;
  for (const line of lines) {
    const size = line.size ?? 10;
    const need = size * 1.4 + (line.gap ?? 0);
    if (y - need < MARGIN) {
      pages.push([]);
      y = PAGE_H - MARGIN;
    }
    y -= need;
    pages.at(-1)!.push({ y, line });
  }

  const objects: Buffer[] = [];
  const add = (body: Buffer | string) => {
    objects.push(typeof body === "string" ? Buffer.from(body, "latin1") : body);
    return objects.length;
  };
  const catalog = add("");
  const pagesObj = add("");
  const font = add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
  const bold = add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>");
  const pageIds: number[] = [];
  for (const [index, page] of pages.entries()) {
    const parts: Buffer[] = [];
    for (const { y: ly, line } of page) {
      parts.push(
        Buffer.from(`BT /${line.bold ? "F2" : "F1"} ${line.size ?? 10} Tf ${MARGIN} ${ly.toFixed(1)} Td (`, "latin1"),
        encode(line.text),
        Buffer.from(") Tj ET\n", "latin1"),
      );
    }
    parts.push(
      Buffer.from(`BT /F1 8 Tf ${MARGIN} 30 Td (`, "latin1"),
      encode(`${title} – sida ${index + 1} av ${pages.length}`),
      Buffer.from(") Tj ET\n", "latin1"),
    );
    const stream = Buffer.concat(parts);
    const content = add(Buffer.concat([Buffer.from(`<< /Length ${stream.length} >>\nstream\n`, "latin1"), stream, Buffer.from("\nendstream", "latin1")]));
    pageIds.push(
      add(
        `<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 ${PAGE_W} ${PAGE_H}] /Resources << /Font << /F1 ${font} 0 R /F2 ${bold} 0 R >> >> /Contents ${content} 0 R >>`,
      ),
    );
  }
  objects[catalog - 1] = Buffer.from(`<< /Type /Catalog /Pages ${pagesObj} 0 R >>`, "latin1");
  objects[pagesObj - 1] = Buffer.from(`<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(" ")}] /Count ${pageIds.length} >>`, "latin1");

  const chunks: Buffer[] = [Buffer.from("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "latin1")];
  let offset = chunks[0]!.length;
  const offsets: number[] = [];
  for (const [i, body] of objects.entries()) {
    offsets.push(offset);
    const chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, "latin1"), body, Buffer.from("\nendobj\n", "latin1")]);
    chunks.push(chunk);
    offset += chunk.length;
  }
  const xref = [`xref\n0 ${objects.length + 1}\n`, "0000000000 65535 f \n", ...offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`)].join("");
  chunks.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${offset}\n%%EOF\n`, "latin1"));
  return Buffer.concat(chunks);
}
