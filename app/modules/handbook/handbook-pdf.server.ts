import { COLOURS, PAGE, TaggedPdf, type Struct, type TextRun, type TextStyle } from "~/modules/documents/tagged-pdf.server";
import type { Block, Run } from "./blocks";
import type { Handbook, HandbookSection } from "./handbook.server";
import { editionLine, HANDBOOK_SOURCE } from "./handbooks";

const BODY: TextStyle = { size: 11 };
const LEAD: TextStyle = { size: 12.5 };
/** Heading sizes by level: the handbook reads at 11 points, not the report's 10. */
const HEADING_SIZE: Record<number, number> = { 2: 22, 3: 15, 4: 12.5, 5: 11.5, 6: 11 };

/**
 * The last PDF of each handbook. Every member may download it, the text
 * changes seldom, and a PDF costs pdfkit a few hundred milliseconds of the
 * one thread: made once per edition, and anew as soon as the text (and with
 * it the edition) changes.
 */
const made = new Map<string, { edition: string; pdf: Promise<Uint8Array<ArrayBuffer>> }>();

/** The handbook as a tagged PDF (docs/decisions/016): a cover, the contents with page numbers, then one section per page on. */
export function handbookPdf(handbook: Handbook): Promise<Uint8Array<ArrayBuffer>> {
  // The cover prints the date too, which can move while the text stays the same.
  const edition = `${handbook.edition} ${handbook.changedAt.toISOString()}`;
  const last = made.get(handbook.courseSlug);
  if (last?.edition === edition) return last.pdf;
  const pdf = writeHandbook(handbook);
  made.set(handbook.courseSlug, { edition, pdf });
  pdf.catch(() => {
    if (made.get(handbook.courseSlug)?.pdf === pdf) made.delete(handbook.courseSlug);
  });
  return pdf;
}

async function writeHandbook(handbook: Handbook): Promise<Uint8Array<ArrayBuffer>> {
  const pdf = await TaggedPdf.create({
    title: handbook.title,
    subject: handbook.subtitle,
    author: "Socialdemokraterna i Norrbotten",
    footer: handbook.title,
    cover: true,
    italics: true,
  });
  const { doc, root } = pdf;

  // The cover.
  pdf.artifact(() => doc.rect(0, 0, PAGE.width, 14).fill(COLOURS.brand), "Layout");
  doc.y = 250;
  root.add(doc.struct("H1", {}, () => pdf.write(handbook.title, { size: 34, weight: "bold", colour: COLOURS.brand })));
  pdf.space(10);
  pdf.paragraph(root, handbook.subtitle, { size: 16 });
  doc.y = PAGE.height - PAGE.margin - 70;
  pdf.paragraph(root, editionLine(handbook.edition, handbook.changedAt), { size: 10, colour: COLOURS.muted });
  pdf.paragraph(root, HANDBOOK_SOURCE, { size: 10, colour: COLOURS.muted });

  // The contents get their own page; their page numbers are written once the sections are laid out.
  pdf.newPage();
  const contents = pdf.section();
  pdf.heading(contents, 2, "Innehåll", 40, HEADING_SIZE[2]);
  const toc = doc.struct("TOC");
  contents.add(toc);
  const tocTop = doc.y + 6;

  const starts: { title: string; page: number }[] = [];
  for (const section of [handbook.introduction, ...handbook.chapters]) {
    pdf.newPage();
    starts.push({ title: section.title, page: doc.bufferedPageRange().count - 1 });
    writeSection(pdf, section);
  }

  doc.switchToPage(1);
  doc.y = tocTop;
  for (const { title, page } of starts) {
    const y = doc.y;
    // pdfkit links to a page given its index, and tags the annotation inside a Link (not so for goTo); @types/pdfkit lists only addresses.
    const link = page as unknown as string;
    toc.add(
      doc.struct("TOCI", {}, [
        doc.struct("Link", {}, () => pdf.style(BODY).text(title, pdf.left, y, { width: pdf.width - 40, link, lineBreak: false })),
        () => pdf.label(String(page + 1), pdf.left + pdf.width, y, { ...BODY, anchor: "end" }),
      ]),
    );
    doc.y = y + pdf.heightOf(title, BODY) + 8;
  }
  toc.end();
  contents.end();
  return pdf.finish();
}

/** A section from the top of a page: its heading (and bookmark), its lead, then each text under its own title. */
function writeSection(pdf: TaggedPdf, section: HandbookSection) {
  const sect = pdf.section();
  pdf.heading(sect, 2, section.title, 60, HEADING_SIZE[2]);
  const bookmark = pdf.doc.outline.addItem(section.title);
  writeBlocks(pdf, sect, section.lead, LEAD);
  for (const text of section.texts) {
    const part = pdf.section(sect);
    pdf.heading(part, 3, text.title, 50, HEADING_SIZE[3]);
    // Added after the heading: a bookmark points at the page it is made on, and the heading may have moved on.
    bookmark.addItem(text.title);
    writeBlocks(pdf, part, text.blocks, BODY);
    part.end();
  }
  sect.end();
}

function writeBlocks(pdf: TaggedPdf, parent: Struct, blocks: Block[], style: TextStyle, inList = false) {
  for (const block of blocks) {
    if (block.kind === "heading") {
      pdf.heading(parent, block.level, block.text, 40, HEADING_SIZE[block.level]);
    } else if (block.kind === "paragraph") {
      pdf.richParagraph(parent, pdfRuns(block.runs), style);
      if (!inList) pdf.space(4);
    } else if (block.kind === "list") {
      pdf.list(parent, {
        ordered: block.ordered,
        start: block.start,
        style,
        items: block.items.map((item) => (body: Struct) => writeBlocks(pdf, body, item, style, true)),
      });
      pdf.space(3);
    } else {
      pdf.quote(parent, (quote) => writeBlocks(pdf, quote, block.blocks, style, inList));
    }
  }
}

/** A link keeps its address in the text too: the PDF is printed, and paper has no links. */
function pdfRuns(runs: Run[]): TextRun[] {
  return runs.flatMap((run) => {
    if (!run.href) return [run];
    const address = run.href.replace(/^mailto:/i, "");
    return run.text.trim() === address ? [run] : [run, { text: ` (${address})`, bold: run.bold, italic: run.italic }];
  });
}
