import { createRequire } from "node:module";
// Types only: pdfkit itself is imported when a PDF is made (TaggedPdf.create), so the server starts without it.
import type PDFDocument from "pdfkit";
import type { Font as FontkitFont } from "fontkit";

/**
 * A tagged A4 document on top of pdfkit (docs/decisions/014): every heading,
 * paragraph, list, figure and table is a structure element in reading order,
 * and what only decorates (table rules, repeated table headers, page footers)
 * is marked as an artifact, so a screen reader reads the document once, in
 * order. The höstmöte follow-up and the handbook are made with it.
 */

type Doc = InstanceType<typeof PDFDocument>;
export type Struct = PDFKit.PDFStructureElement;

declare global {
  // pdfkit 0.19+ takes these on a structure element; @types/pdfkit 0.17 does not list them yet.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace PDFKit.Mixins {
    interface StructureElementOptions {
      /** Table header scope: which cells a TH heads. */
      scope?: "Row" | "Column" | "Both";
      /** A figure's box on the page, [x1, y1, x2, y2] in pdfkit's top-down points. */
      bbox?: [number, number, number, number];
      placement?: "Block" | "Inline";
    }
  }
}

export const PAGE = { width: 595.28, height: 841.89, margin: 56 };
const FOOTER_Y = PAGE.height - 38;

/** The app's colours (app.css), so the PDF and the page look like one report. */
export const COLOURS = {
  text: "#1c1f23",
  muted: "#4a5058",
  brand: "#a3001b",
  bar: "#0b4f9c",
  grid: "#e1e4e8",
  axis: "#8a9099",
  surface: "#f4f5f7",
  rule: "#c9cdd3",
};

export type FontWeight = "regular" | "bold";
/** A weight, upright or italic: one font file each. */
export type FontFace = "regular" | "bold" | "italic" | "boldItalic";

/**
 * Noto Sans has every letter of Swedish, Finnish, Meänkieli and the Sami
 * alphabets (Á Č Đ Ŋ Š Ŧ Ž, and Skolt Sami's Ǥ Ǧ Ǩ Ʒ Ǯ); pdfkit embeds only
 * the glyphs a document uses. The package is read for its TTF files only: its
 * JavaScript is for Expo apps and is never imported.
 */
const FONT_FILES: Record<FontFace, string> = {
  regular: "@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf",
  bold: "@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf",
  italic: "@expo-google-fonts/noto-sans/400Regular_Italic/NotoSans_400Regular_Italic.ttf",
  boldItalic: "@expo-google-fonts/noto-sans/700Bold_Italic/NotoSans_700Bold_Italic.ttf",
};

/**
 * The fonts, each parsed the first time a PDF needs it and kept. Parsed anew
 * for each report, Noto Sans's tables took two thirds of its time; kept, they
 * cost the server a few MB once someone has made a PDF, and nothing before.
 * The italics are parsed only once a document asks for them (the follow-up
 * report never does).
 */
const parsedFonts = new Map<FontFace, Promise<FontkitFont>>();

function loadFont(face: FontFace): Promise<FontkitFont> {
  let parsed = parsedFonts.get(face);
  if (!parsed) {
    parsed = import("fontkit").then((fontkit) => {
      const file = createRequire(import.meta.url).resolve(FONT_FILES[face]);
      const font = fontkit.openSync(file);
      if ("fonts" in font) throw new Error(`${file} is a font collection, not one font`);
      return font;
    });
    parsed.catch(() => parsedFonts.delete(face));
    parsedFonts.set(face, parsed);
  }
  return parsed;
}

/** "80 %" never breaks between the number and its sign: the space before a per cent sign becomes a no-break space. */
function keepPercent(text: string): string {
  return text.replace(/(\d) %/g, "$1\u00a0%");
}

export interface TextStyle {
  size?: number;
  weight?: FontWeight;
  italic?: boolean;
  colour?: string;
}

/** A piece of a paragraph in one style: bold, italic, or a link to a web address. */
export interface TextRun {
  text: string;
  bold?: boolean;
  italic?: boolean;
  /** An absolute http(s) or mailto address: the run becomes a tagged Link with a clickable annotation. */
  href?: string;
}

export interface PdfInfo {
  title: string;
  subject: string;
  author: string;
  /** Printed with the page number at the foot of every page. */
  footer: string;
  /** The first page is a cover: it gets no footer (it is still counted). */
  cover?: boolean;
  /** Italic faces too (the regular and bold ones are always there). */
  italics?: boolean;
}

const LINE_GAP = 1.5;

export class TaggedPdf {
  readonly left = PAGE.margin;
  readonly width = PAGE.width - 2 * PAGE.margin;
  /** How far text is indented now (list items, quotes): `indented` sets it. */
  private inset = 0;

  private constructor(
    readonly doc: Doc,
    readonly root: Struct,
    private readonly fonts: Partial<Record<FontFace, FontkitFont>>,
    private readonly info: PdfInfo,
    private readonly bytes: Promise<Uint8Array<ArrayBuffer>>,
  ) {}

  static async create(info: PdfInfo): Promise<TaggedPdf> {
    const faces: FontFace[] = info.italics ? ["regular", "bold", "italic", "boldItalic"] : ["regular", "bold"];
    const [{ default: PDFDocument }, ...parsed] = await Promise.all([import("pdfkit"), ...faces.map(loadFont)]);
    const fonts = Object.fromEntries(faces.map((face, i) => [face, parsed[i]!]));
    const doc = new PDFDocument({
      size: "A4",
      margin: PAGE.margin,
      pdfVersion: "1.7",
      tagged: true,
      lang: "sv-SE",
      displayTitle: true,
      // The footers ("sida 2 av 9") are written once the page count is known.
      bufferPages: true,
      // No default font: pdfkit would otherwise put an unembedded Helvetica in the file. Every text sets ours (style()).
      font: null as unknown as string,
      info: { Title: info.title, Subject: info.subject, Author: info.author, Creator: "Ledarlyftet" },
    });
    const chunks: Uint8Array[] = [];
    doc.on("data", (chunk: Uint8Array) => chunks.push(chunk));
    const bytes = new Promise<Uint8Array<ArrayBuffer>>((resolve, reject) => {
      doc.on("end", () => resolve(Buffer.concat(chunks)));
      doc.on("error", reject);
    });
    const root = doc.struct("Document");
    doc.addStructure(root);
    return new TaggedPdf(doc, root, fonts, info, bytes);
  }

  /** Where text starts now, and how wide it may run: the column, less any indent. */
  get x(): number {
    return this.left + this.inset;
  }

  get columnWidth(): number {
    return this.width - this.inset;
  }

  /** Sets font, size and colour for the next text. */
  style({ size = 10, weight = "regular", italic = false, colour = COLOURS.text }: TextStyle = {}): Doc {
    const face: FontFace = italic ? (weight === "bold" ? "boldItalic" : "italic") : weight;
    const font = this.fonts[face];
    if (!font) throw new Error(`the ${face} face was not loaded: create the PDF with italics: true`);
    // pdfkit 0.20 takes a parsed fontkit font (@types/pdfkit 0.17 predates that). The family name is its cache key
    // in this document: without one, each call would embed the font anew.
    return this.doc
      .font(font as unknown as PDFKit.Mixins.PDFFontSource, face)
      .fontSize(size)
      .fillColor(colour);
  }

  /** Text in the flow, wrapped to the column. Call inside a structure element. */
  write(text: string, style: TextStyle = {}) {
    this.style(style).text(keepPercent(text), this.x, this.doc.y, { width: this.columnWidth, lineGap: LINE_GAP });
  }

  /** Height that `write` would take. */
  heightOf(text: string, style: TextStyle = {}, width = this.columnWidth): number {
    return this.style(style).heightOfString(keepPercent(text), { width, lineGap: LINE_GAP });
  }

  /** Runs `draw` with text indented by `points` more (a list item's body, a quotation). */
  indented(points: number, draw: () => void) {
    this.inset += points;
    try {
      draw();
    } finally {
      this.inset -= points;
      this.doc.x = this.x;
    }
  }

  /** One line at a point, anchored at its start, middle or end (as SVG's text-anchor). For chart labels: never wraps or breaks a page. */
  label(text: string, x: number, y: number, style: TextStyle & { anchor?: "start" | "middle" | "end" } = {}) {
    const doc = this.style(style);
    const shown = keepPercent(text);
    const width = doc.widthOfString(shown);
    const start = style.anchor === "end" ? x - width : style.anchor === "middle" ? x - width / 2 : x;
    doc.text(shown, start, y, { lineBreak: false });
  }

  /** The text cut with "…" to fit `width` (a chart's label column). */
  fit(text: string, width: number, style: TextStyle = {}): string {
    const doc = this.style(style);
    if (doc.widthOfString(text) <= width) return text;
    let cut = text;
    while (cut.length > 1 && doc.widthOfString(`${cut}…`) > width) cut = cut.slice(0, -1);
    return `${cut.trimEnd()}…`;
  }

  /** Starts a new page unless `height` more points fit on this one. */
  keepTogether(height: number) {
    if (this.doc.y + height > this.doc.page.maxY()) this.newPage();
  }

  newPage() {
    this.doc.addPage();
    this.doc.x = this.x;
  }

  space(points: number) {
    this.doc.y += points;
  }

  /** Content that is not part of the text: a screen reader skips it. Never call inside a structure element's content. */
  artifact(draw: () => void, type?: "Pagination" | "Layout") {
    this.doc.markContent("Artifact", type ? { type } : undefined);
    draw();
    this.doc.endMarkedContent();
  }

  section(parent: Struct = this.root): Struct {
    const section = this.doc.struct("Sect");
    parent.add(section);
    return section;
  }

  /**
   * A heading, moved to the next page with the first `keepWith` points it
   * heads when they would not fit under it. `size` overrides the level's.
   */
  heading(parent: Struct, level: 1 | 2 | 3 | 4 | 5 | 6, text: string, keepWith = 40, size?: number) {
    const style: TextStyle = { weight: "bold", size: size ?? [18, 14, 11.5, 10, 10, 10][level - 1] };
    if (this.doc.y > this.doc.page.margins.top) this.space([0, 14, 10, 6, 6, 6][level - 1]!);
    this.keepTogether(this.heightOf(text, style) + keepWith);
    parent.add(this.doc.struct(`H${level}`, {}, () => this.write(text, style)));
    this.space(level === 1 ? 4 : 2);
  }

  paragraph(parent: Struct, text: string, style: TextStyle = {}) {
    parent.add(this.doc.struct("P", {}, () => this.write(text, style)));
    this.space(3);
  }

  /**
   * A paragraph of runs in bold, italic or as links, wrapped as one text. A
   * link is a Link element inside the paragraph, holding its text and its
   * annotation, so a screen reader announces it where it is read.
   */
  richParagraph(parent: Struct, runs: TextRun[], style: TextStyle = {}) {
    const { doc } = this;
    // A line break ends pdfkit's continued text: after a "\n" inside it, pdfkit would start the next line where the run began.
    const lines: TextRun[][] = [[]];
    for (const run of runs) {
      run.text.split("\n").forEach((piece, i) => {
        if (i > 0) lines.push([]);
        if (piece !== "") lines.at(-1)!.push({ ...run, text: piece });
      });
    }
    const shown = lines.filter((line) => line.length > 0);
    if (shown.length === 0) return;
    const p = doc.struct("P");
    parent.add(p);
    const x = this.x;
    const width = this.columnWidth;
    for (const line of shown) {
      line.forEach((run, i) => {
        const options = { width, lineGap: LINE_GAP, continued: i < line.length - 1, ...(run.href ? { link: run.href } : {}) };
        const draw = () => {
          this.style({ ...style, weight: run.bold ? "bold" : style.weight, italic: run.italic || style.italic });
          // pdfkit goes on from where the previous run stopped when it is given no position.
          if (i === 0) doc.text(keepPercent(run.text), x, doc.y, options);
          else doc.text(keepPercent(run.text), options);
        };
        if (run.href) p.add(doc.struct("Link", {}, draw));
        else p.add(draw);
      });
    }
    p.end();
    doc.x = this.x;
    this.space(3);
  }

  /**
   * A list: L > LI > Lbl (the bullet or number) and LBody, which `items`
   * fill (paragraphs, a nested list), indented under the label. A label is
   * kept on a page with the first line of its item.
   */
  list(parent: Struct, { ordered, start = 1, items, style = {} }: { ordered: boolean; start?: number; items: ((body: Struct) => void)[]; style?: TextStyle }) {
    const { doc } = this;
    const size = style.size ?? 10;
    const labelWidth = ordered ? size * 1.8 : size * 1.2;
    const list = doc.struct("L");
    parent.add(list);
    items.forEach((fill, i) => {
      this.keepTogether(this.heightOf("X", style) * 2);
      const item = doc.struct("LI");
      list.add(item);
      const y = doc.y;
      const x = this.x;
      item.add(
        doc.struct("Lbl", {}, () => {
          this.style(style).text(ordered ? `${start + i}.` : "•", x, y, { width: labelWidth, lineBreak: false });
        }),
      );
      doc.y = y;
      const body = doc.struct("LBody");
      item.add(body);
      this.indented(labelWidth, () => fill(body));
      body.end();
      item.end();
    });
    list.end();
    this.space(3);
  }

  /** A quotation: a BlockQuote that `fill` writes into, indented, with a rule beside it when it ends on the page it began on. */
  quote(parent: Struct, fill: (quote: Struct) => void) {
    const { doc } = this;
    const quote = doc.struct("BlockQuote");
    parent.add(quote);
    const page = doc.page;
    const top = doc.y;
    const x = this.x;
    this.indented(14, () => fill(quote));
    quote.end();
    if (doc.page !== page) return;
    const bottom = doc.y - 3;
    this.artifact(
      () =>
        doc
          .moveTo(x + 3, top)
          .lineTo(x + 3, bottom)
          .lineWidth(2)
          .strokeColor(COLOURS.rule)
          .stroke(),
      "Layout",
    );
  }

  /**
   * A chart: drawn by `draw` in a box of the column's width, tagged as a
   * Figure whose alternative text a screen reader reads instead of the
   * drawing. Kept on one page.
   */
  figure(parent: Struct, alt: string, height: number, draw: (box: { x: number; y: number; width: number; height: number }) => void) {
    this.keepTogether(height);
    const box = { x: this.left, y: this.doc.y, width: this.width, height };
    parent.add(
      this.doc.struct("Figure", { alt, bbox: [box.x, box.y, box.x + box.width, box.y + box.height], placement: "Block" }, () => {
        this.doc.save();
        draw(box);
        this.doc.restore();
      }),
    );
    this.doc.x = this.left;
    this.doc.y = box.y + height;
    this.space(4);
  }

  /**
   * A table with a caption, a header row (TH, column scope) and rows whose
   * first cell heads the row (TH, row scope), as the page's chart tables are.
   * `widths` are the columns' shares of the column width. A table longer
   * than a page repeats its header row after the page break, as an artifact,
   * so a screen reader reads it once.
   */
  table(parent: Struct, { caption, columns, rows, widths }: { caption: string; columns: string[]; rows: string[][]; widths: number[] }) {
    const { doc } = this;
    const pad = 3;
    const size = 9;
    const cellWidths = widths.map((share) => share * this.width);
    const cellX = cellWidths.map((_, i) => this.left + cellWidths.slice(0, i).reduce((sum, w) => sum + w, 0));
    const captionStyle: TextStyle = { size: 8.5, colour: COLOURS.muted };
    const cellStyle = (header: boolean): TextStyle => ({ size, weight: header ? "bold" : "regular" });
    const rowHeight = (cells: string[], header: boolean) =>
      Math.max(...cells.map((cell, i) => this.heightOf(cell, cellStyle(header), cellWidths[i]! - 2 * pad))) + 2 * pad;

    const captionHeight = this.heightOf(caption, captionStyle) + 2;
    const headerHeight = rowHeight(columns, true);
    const heights = rows.map((row) => rowHeight(row, false));
    // A table that fits on a page is kept on one (a district's branches or two years of months do); a longer one
    // starts with at least three rows under its header.
    const whole = captionHeight + headerHeight + heights.reduce((sum, h) => sum + h, 0);
    const pageHeight = doc.page.maxY() - doc.page.margins.top;
    this.keepTogether(whole <= pageHeight ? whole : captionHeight + headerHeight + heights.slice(0, 3).reduce((sum, h) => sum + h, 0));

    const table = doc.struct("Table");
    parent.add(table);
    table.add(doc.struct("Caption", {}, () => this.write(caption, captionStyle)));
    this.space(2);

    const cellText = (text: string, i: number, y: number, header: boolean) => () =>
      this.style(cellStyle(header)).text(keepPercent(text), cellX[i]! + pad, y + pad, { width: cellWidths[i]! - 2 * pad, lineGap: 1.5 });
    const drawRow = (cells: string[], height: number, header: boolean, tagged: boolean) => {
      const y = doc.y;
      if (header) this.artifact(() => doc.rect(this.left, y, this.width, height).fill(COLOURS.surface));
      if (tagged) {
        const tr = doc.struct("TR");
        table.add(tr);
        cells.forEach((cell, i) =>
          tr.add(doc.struct(header || i === 0 ? "TH" : "TD", header ? { scope: "Column" } : i === 0 ? { scope: "Row" } : {}, cellText(cell, i, y, header))),
        );
        tr.end();
      } else {
        this.artifact(() => cells.forEach((cell, i) => cellText(cell, i, y, header)()));
      }
      this.artifact(() =>
        doc
          .moveTo(this.left, y + height)
          .lineTo(this.left + this.width, y + height)
          .lineWidth(header ? 0.8 : 0.4)
          .strokeColor(header ? COLOURS.axis : COLOURS.rule)
          .stroke(),
      );
      doc.x = this.left;
      doc.y = y + height;
    };

    drawRow(columns, headerHeight, true, true);
    rows.forEach((row, index) => {
      if (doc.y + heights[index]! > doc.page.maxY()) {
        this.newPage();
        drawRow(columns, headerHeight, true, false);
      }
      drawRow(row, heights[index]!, false, true);
    });
    table.end();
    this.space(8);
  }

  /** Ends the structure, writes every page's footer and returns the file. */
  async finish(): Promise<Uint8Array<ArrayBuffer>> {
    const { doc } = this;
    this.root.end();
    const { start, count } = doc.bufferedPageRange();
    for (let page = start + (this.info.cover ? 1 : 0); page < start + count; page++) {
      doc.switchToPage(page);
      // The footer sits in the bottom margin, where pdfkit would otherwise start a new page.
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      this.artifact(
        () => this.label(`${this.info.footer} – sida ${page + 1} av ${count}`, this.left, FOOTER_Y, { size: 8, colour: COLOURS.muted }),
        "Pagination",
      );
      doc.page.margins.bottom = bottom;
    }
    doc.end();
    return this.bytes;
  }
}
