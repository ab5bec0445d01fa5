import { getDocument, type PDFDocumentProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import { describe, expect, it } from "vitest";
import { pdfTextLines } from "../../../tests/support/pdf-text";
import { TaggedPdf } from "./tagged-pdf.server";

// Read back with PDF.js, as the follow-up report's and the handbook's tests do.

interface StructNode {
  role?: string;
  children?: StructNode[];
}

async function open(pdf: Uint8Array): Promise<PDFDocumentProxy> {
  return getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
}

/** The roles of a page's structure, as "P(Link)" strings for the elements right under the document. */
async function outline(doc: PDFDocumentProxy, page: number): Promise<string[]> {
  const show = (node: StructNode): string => {
    const children = (node.children ?? []).filter((child) => child.role);
    return children.length > 0 ? `${node.role}(${children.map(show).join(" ")})` : node.role!;
  };
  const root = (await (await doc.getPage(page)).getStructTree()) as StructNode;
  return (root.children![0]!.children ?? []).filter((node) => node.role).map(show);
}

describe("the tagged PDF's rich text, lists and cover", () => {
  it("tags a paragraph's link as a Link inside it, with its address, and writes bold and italic runs in their own faces", async () => {
    const pdf = await TaggedPdf.create({ title: "Test", subject: "Test", author: "Test", footer: "Test", italics: true });
    pdf.richParagraph(pdf.root, [
      { text: "Läs " },
      { text: "partiets sida", href: "https://www.socialdemokraterna.se/" },
      { text: " och " },
      { text: "det här", bold: true, italic: true },
      { text: ".\nNy rad." },
    ]);
    const bytes = await pdf.finish();
    const doc = await open(bytes);
    expect(await outline(doc, 1)).toEqual(["P(Link)"]);
    const annotations = await (await doc.getPage(1)).getAnnotations();
    expect(annotations.map((a) => [a.subtype, a.url])).toEqual([["Link", "https://www.socialdemokraterna.se/"]]);
    expect((await pdfTextLines(bytes)).slice(0, 2)).toEqual(["Läs partiets sida och det här.", "Ny rad."]);
    expect(Buffer.from(bytes).toString("latin1")).toMatch(/NotoSans-BoldItalic/);
  });

  it("tags a list as L > LI > Lbl and LBody, numbered from its start, with nested lists inside the body", async () => {
    const pdf = await TaggedPdf.create({ title: "Test", subject: "Test", author: "Test", footer: "Test" });
    pdf.list(pdf.root, {
      ordered: true,
      start: 3,
      items: [
        (body) => pdf.richParagraph(body, [{ text: "tre" }]),
        (body) => {
          pdf.richParagraph(body, [{ text: "fyra" }]);
          pdf.list(body, { ordered: false, items: [(inner) => pdf.richParagraph(inner, [{ text: "inne" }])] });
        },
      ],
    });
    const bytes = await pdf.finish();
    expect(await outline(await open(bytes), 1)).toEqual(["L(LI(Lbl LBody(P)) LI(Lbl LBody(P L(LI(Lbl LBody(P))))))"]);
    expect((await pdfTextLines(bytes)).slice(0, 3)).toEqual(["3. tre", "4. fyra", "• inne"]);
  });

  it("leaves the footer off a cover page, and counts it", async () => {
    const pdf = await TaggedPdf.create({ title: "Test", subject: "Test", author: "Test", footer: "Handbok", cover: true });
    pdf.paragraph(pdf.root, "Omslag");
    pdf.newPage();
    pdf.paragraph(pdf.root, "Inne");
    expect(await pdfTextLines(await pdf.finish())).toEqual(["Omslag", "Inne", "Handbok – sida 2 av 2"]);
  });
});
