import { describe, expect, it } from "vitest";
import { renderMarkdown } from "~/modules/catalog/markdown.server";
import { htmlToBlocks } from "./html-blocks.server";

// The lessons' HTML as the content sync renders it from Markdown, read back as the handbook's blocks.
const blocks = (markdown: string, headingLevel = 4) => htmlToBlocks(renderMarkdown(markdown), headingLevel);

describe("a lesson's HTML as handbook blocks", () => {
  it("moves headings under the handbook's own, and never above the lesson's title", () => {
    expect(blocks("# Ett\n\n## Två\n\n### Tre\n\n#### Fyra")).toEqual([
      { kind: "heading", level: 4, text: "Ett" },
      { kind: "heading", level: 4, text: "Två" },
      { kind: "heading", level: 5, text: "Tre" },
      { kind: "heading", level: 6, text: "Fyra" },
    ]);
  });

  it("keeps bold, italic and web links as runs, with whitespace as a browser shows it and entities decoded", () => {
    expect(blocks("Läs **det här**  och *det där*,\nsedan [sidan](https://www.socialdemokraterna.se/) & <b>mer</b>.  \nNy rad.")).toEqual([
      {
        kind: "paragraph",
        runs: [
          { text: "Läs " },
          { text: "det här", bold: true },
          { text: " och " },
          { text: "det där", italic: true },
          { text: ", sedan " },
          { text: "sidan", href: "https://www.socialdemokraterna.se/" },
          { text: " & <b>mer</b>.\nNy rad." },
        ],
      },
    ]);
  });

  it("keeps a link to a page of the app as its text only: it leads nowhere from paper or a PDF", () => {
    expect(blocks("Se [kursen](/courses/kommunikationsmodellen).")).toEqual([{ kind: "paragraph", runs: [{ text: "Se kursen." }] }]);
  });

  it("reads lists (numbered from their start, nested) and quotations", () => {
    expect(blocks("3. tre\n4. fyra\n   - inne\n\n> Citat **här**.")).toEqual([
      {
        kind: "list",
        ordered: true,
        start: 3,
        items: [
          [{ kind: "paragraph", runs: [{ text: "tre" }] }],
          [
            { kind: "paragraph", runs: [{ text: "fyra" }] },
            { kind: "list", ordered: false, start: 1, items: [[{ kind: "paragraph", runs: [{ text: "inne" }] }]] },
          ],
        ],
      },
      { kind: "quote", blocks: [{ kind: "paragraph", runs: [{ text: "Citat " }, { text: "här", bold: true }, { text: "." }] }] },
    ]);
  });

  it("keeps the words of what it has no block for: a table's rows as paragraphs; a rule is left out", () => {
    expect(blocks("| Perspektiv | Fråga |\n|---|---|\n| Agenda | Vad berör? |\n\n---\n\nSlut.")).toEqual([
      { kind: "paragraph", runs: [{ text: "Perspektiv – Fråga" }] },
      { kind: "paragraph", runs: [{ text: "Agenda – Vad berör?" }] },
      { kind: "paragraph", runs: [{ text: "Slut." }] },
    ]);
  });
});
