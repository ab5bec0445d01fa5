import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { createBranch } from "~/modules/branches/branches.server";
import { createPerson } from "../../../tests/integration/helpers";
import type { PDFDocumentProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import { openPdf, textLinesOf } from "../../../tests/support/pdf-text";
import { goalsReport, takeSnapshots } from "./goals.server";
import { TaggedPdf } from "~/modules/documents/tagged-pdf.server";
import { followUpPdf } from "./report.server";
import { ensureGoals } from "./seed-goals.server";

// The PDF is read back with Mozilla's PDF.js (pdfjs-dist), as a browser's viewer and many screen-reader
// set-ups read it: its text, structure tree, metadata and fonts, not our own idea of what we wrote.

const NOW = new Date("2026-11-24T12:00:00Z");
/** North Sami letters that Latin-1 does not have: the old writer printed each of them as "?". */
const SAMI_BRANCH = "Čohkkiras Šaddu Ŋ đ ŧ ž";

interface StructNode {
  role?: string;
  alt?: string;
  children?: StructNode[];
}

/** Every page's structure elements in document order (an element that runs over a page break comes once per page). */
async function structure(doc: PDFDocumentProxy): Promise<StructNode[]> {
  const nodes: StructNode[] = [];
  const walk = (node: StructNode) => {
    if (node.role) nodes.push(node);
    for (const child of node.children ?? []) walk(child);
  };
  for (let n = 1; n <= doc.numPages; n++) walk((await (await doc.getPage(n)).getStructTree()) as StructNode);
  return nodes;
}

let admin: Awaited<ReturnType<typeof createPerson>>;
let whole: Uint8Array;
let leading: Uint8Array;

beforeAll(async () => {
  await ensureGoals();
  admin = await createPerson({ roles: ["admin"] });
  // A branch an admin adds, named in North Sami, with one leading representative who has done the programme.
  expect((await createBranch(admin.id, SAMI_BRANCH)).ok).toBe(true);
  const program = await db.program.create({ data: { slug: "ledarskapsprogrammet", title: "Ledarskapsprogrammet", descriptionHtml: "", order: 1 } });
  const leader = await createPerson({ branch: SAMI_BRANCH, position: "kommunalrad" });
  await db.completion.create({ data: { personId: leader.id, scope: "program", scopeId: program.id, completedAt: new Date("2026-05-01T10:00:00Z") } });
  await takeSnapshots(NOW);
  whole = await followUpPdf(await goalsReport("2026", {}, NOW), "2026", "2026-11-24");
  leading = await followUpPdf(await goalsReport("2026", { positionGroup: "leading" }, NOW), "2026", "2026-11-24", "Ledande företrädare");
});

describe("the follow-up PDF for the höstmöte", () => {
  it("gives a reader every Sami letter back unchanged, in the branch's chart and table", async () => {
    const lines = await textLinesOf(await openPdf(whole));
    // The leaders' chart labels its bar; the table's row is headed by the name, then its share and count.
    expect(lines).toContain(`${SAMI_BRANCH} 100 %`);
    expect(lines).toContain(`${SAMI_BRANCH} 100 % 1 av 1`);
    expect(lines.join("\n")).not.toContain("?");
  });

  it("says what the printable page says: title, date, each indicator's outcome against target and baseline, its definition", async () => {
    const lines = await textLinesOf(await openPdf(whole));
    expect(lines[0]).toBe("Uppföljning av handlingsplanen 2026");
    expect(lines[1]).toBe("Socialdemokraterna i Norrbotten · underlag till höstmötet · 2026-11-24");
    expect(lines).toContain("Våra ledande företrädare ska delta i kontinuerlig utbildning och");
    expect(lines).toContain("Ledande företrädare som genomfört Ledarskapsprogrammet");
    expect(lines).toContain("Utfall 100 % (1 av 1) · mål 75 % · utgångsläge – · I fas");
    const text = lines.join(" ");
    expect(text).toContain("minst 80 % klar");
    expect(text).toContain("Målet 40 gäller hela distriktet; per arbetarekommun visas andelen av målet.");
    expect(text).not.toContain("Befattningsgrupp");
    // A report cut to a group says so, as the page does.
    expect(await textLinesOf(await openPdf(leading))).toContain("Befattningsgrupp: Ledande företrädare");
  });

  it("is tagged: marked content, a structure tree with headings, figures with alternative text and real tables, in reading order", async () => {
    const doc = await openPdf(whole);
    expect(await doc.getMarkInfo()).toMatchObject({ Marked: true });
    const nodes = await structure(doc);
    const roles = new Set(nodes.map((node) => node.role));
    for (const role of ["Document", "H1", "H2", "H3", "H4", "P", "Sect", "Figure", "Table", "Caption", "TR", "TH", "TD"]) expect(roles).toContain(role);
    expect(nodes.filter((node) => node.role === "H1")).toHaveLength(1);
    expect(nodes.filter((node) => node.role === "H2").length).toBe(4);

    const figures = nodes.filter((node) => node.role === "Figure");
    // Each indicator's trend (every one has this month's snapshot), and each computed indicator's branches.
    const reports = await goalsReport("2026", {}, NOW);
    expect(figures).toHaveLength(reports.length + reports.filter((r) => r.kind === "computed").length);
    for (const figure of figures) expect(figure.alt).toMatch(/^.+(utveckling per månad|per arbetarekommun)\. .*Samma siffror finns i tabellen nedanför\.$/);

    // Every chart is followed by its numbers as a table: a caption, then rows of header and data cells.
    const blocks = nodes.filter((node) => ["H1", "H2", "H3", "H4", "P", "Figure", "Table"].includes(node.role!));
    blocks.forEach((node, i) => {
      if (node.role === "Figure") expect(blocks[i + 1]?.role).toBe("Table");
    });
    const table = nodes.find((node) => node.role === "Table")!;
    const [caption, header, ...rows] = table.children!.filter((child) => child.role);
    expect(caption!.role).toBe("Caption");
    expect(header!.children!.filter((c) => c.role).map((c) => c.role)).toEqual(["TH", "TH"]);
    for (const row of rows) expect(row.children!.filter((c) => c.role).map((c) => c.role)).toEqual(["TH", "TD"]);
  });

  it("has its title (shown by the viewer), Swedish as its language, and A4 pages", async () => {
    const doc = await openPdf(whole);
    const { info } = await doc.getMetadata();
    expect(info).toMatchObject({ Title: "Uppföljning av handlingsplanen 2026", Language: "sv-SE", Author: "Socialdemokraterna i Norrbotten" });
    expect(await doc.getViewerPreferences()).toMatchObject({ DisplayDocTitle: true });
    for (let n = 1; n <= doc.numPages; n++) expect((await doc.getPage(n)).view).toEqual([0, 0, 595.28, 841.89]);
  });

  it("embeds its fonts as TrueType (FontFile2), subset to the letters used, and no other font", async () => {
    const doc = await openPdf(whole);
    const fonts = new Map<string, { missingFile: boolean; type: string }>();
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      await page.getOperatorList();
      for (const [, font] of page.commonObjs as unknown as Iterable<[string, { name?: string; missingFile: boolean; type: string }]>) {
        if (font?.name) fonts.set(font.name, font);
      }
    }
    expect([...fonts.keys()].map((name) => name.replace(/^[A-Z]{6}\+/, "")).sort()).toEqual(["NotoSans-Bold", "NotoSans-Regular"]);
    for (const [name, font] of fonts) {
      expect(name).toMatch(/^[A-Z]{6}\+/);
      expect(font).toMatchObject({ missingFile: false, type: "CIDFontType2" });
    }
    // PDF.js does not say which key held the font program; the file's own font descriptors do (pdfkit leaves dictionaries uncompressed).
    const raw = Buffer.from(whole).toString("latin1");
    expect(raw.match(/\/FontFile2 \d+ 0 R/g)).toHaveLength(2);
    expect(raw).not.toMatch(/\/FontFile3?\s|Helvetica/);
  });

  it("marks page footers as artifacts, so a screen reader does not read them between paragraphs", async () => {
    const doc = await openPdf(whole);
    const page = await doc.getPage(2);
    const tags: string[] = [];
    let footer: { text: string; artifact: boolean } | undefined;
    for (const item of (await page.getTextContent({ includeMarkedContent: true })).items) {
      if ("str" in item) {
        if (item.str.startsWith("Uppföljning 2026 – sida")) footer = { text: item.str, artifact: tags.includes("Artifact") };
      } else if (item.type === "endMarkedContent") tags.pop();
      // PDF.js gives the marked content's tag ("Artifact", "P", "TD", …); its types leave it out.
      else tags.push((item as { tag?: string | null }).tag ?? "");
    }
    expect(footer).toEqual({ text: `Uppföljning 2026 – sida 2 av ${doc.numPages}`, artifact: true });
  });
});

describe("the tagged PDF's text", () => {
  it("never breaks a line between a number and its per cent sign", async () => {
    const pdf = await TaggedPdf.create({ title: "Test", subject: "Test", author: "Test", footer: "Test" });
    // Numbers of one to three digits, so that the ends of the lines fall everywhere in "n %".
    pdf.paragraph(pdf.root, Array.from({ length: 200 }, (_, i) => `${(i * 37) % 1000} %`).join(" "));
    const lines = (await textLinesOf(await openPdf(await pdf.finish()))).filter((line) => line !== "Test – sida 1 av 1");
    expect(lines.length).toBeGreaterThan(8);
    for (const line of lines) expect(line).toMatch(/^\d+ %( \d+ %)*$/);
  });
});
