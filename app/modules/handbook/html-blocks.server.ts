import { DomUtils, parseDocument } from "htmlparser2";
import type { Block, Run } from "./blocks";

type Node = ReturnType<typeof parseDocument>["children"][number];

const HEADINGS: Record<string, number> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 };

/** Only addresses that work from paper and from a PDF; a link to an app page keeps its text. */
const ABSOLUTE_HREF = /^(https?:\/\/|mailto:)/i;

/**
 * The HTML the content sync renders from Markdown (markdown.server.ts:
 * headings, paragraphs, lists, quotes, strong, em and links) as the
 * handbook's blocks. It is read with a real HTML parser, so entities,
 * nesting and attributes come out as a browser reads them. What the
 * handbook has no block for keeps its words: a table's rows become
 * paragraphs, an image its alternative text, code its text; a rule is left
 * out. `headingLevel` is where the HTML's h2 sits in the handbook (an h1 is
 * read as an h2: a lesson's headings never rise above its own title).
 */
export function htmlToBlocks(html: string, headingLevel: number): Block[] {
  return blocksOf(parseDocument(html).children, headingLevel - 2);
}

function blocksOf(nodes: Node[], shift: number): Block[] {
  const blocks: Block[] = [];
  // Text and inline elements outside a paragraph: a tight list item's text, or stray text between blocks.
  let loose: Node[] = [];
  const paragraph = (inline: Node[]) => {
    const runs = runsOf(inline);
    if (runs.length > 0) blocks.push({ kind: "paragraph", runs });
  };
  const flush = () => {
    paragraph(loose);
    loose = [];
  };
  for (const node of nodes) {
    if (!DomUtils.isTag(node)) {
      loose.push(node);
      continue;
    }
    const name = node.name.toLowerCase();
    const level = HEADINGS[name];
    if (level === undefined && !BLOCK_ELEMENTS.has(name)) {
      loose.push(node);
      continue;
    }
    flush();
    if (level !== undefined) {
      const text = collapse(DomUtils.textContent(node)).trim();
      if (text) blocks.push({ kind: "heading", level: Math.min(6, Math.max(level, 2) + shift) as 2 | 3 | 4 | 5 | 6, text });
    } else if (name === "p" || name === "pre") {
      paragraph(node.children);
    } else if (name === "ul" || name === "ol") {
      const items = node.children
        .filter(DomUtils.isTag)
        .filter((child) => child.name.toLowerCase() === "li")
        .map((li) => blocksOf(li.children, shift));
      const start = Number.parseInt(node.attribs.start ?? "1", 10);
      if (items.length > 0) blocks.push({ kind: "list", ordered: name === "ol", start: Number.isFinite(start) ? start : 1, items });
    } else if (name === "blockquote") {
      const inner = blocksOf(node.children, shift);
      if (inner.length > 0) blocks.push({ kind: "quote", blocks: inner });
    } else if (name === "table") {
      for (const row of DomUtils.getElementsByTagName("tr", node)) {
        const text = row.children
          .filter(DomUtils.isTag)
          .map((cell) => collapse(DomUtils.textContent(cell)).trim())
          .filter(Boolean)
          .join(" – ");
        if (text) blocks.push({ kind: "paragraph", runs: [{ text }] });
      }
    } else if (name !== "hr") {
      // div, section and the like only group blocks.
      blocks.push(...blocksOf(node.children, shift));
    }
  }
  flush();
  return blocks;
}

const BLOCK_ELEMENTS = new Set(["p", "pre", "ul", "ol", "blockquote", "table", "hr", "div", "section", "article", "header", "footer", "figure"]);

function collapse(text: string): string {
  return text.replace(/[ \t\n\r\f]+/g, " ");
}

/** The runs of inline content: whitespace collapsed as a browser does, styles merged where they meet. */
function runsOf(nodes: Node[]): Run[] {
  const raw: Run[] = [];
  const walk = (node: Node, style: Omit<Run, "text">) => {
    if (DomUtils.isText(node)) {
      raw.push({ ...style, text: collapse(node.data) });
      return;
    }
    if (!DomUtils.isTag(node)) return;
    const name = node.name.toLowerCase();
    if (name === "br") raw.push({ ...style, text: "\n" });
    else if (name === "img") raw.push({ ...style, text: node.attribs.alt ?? "" });
    else {
      const next = { ...style };
      if (name === "strong" || name === "b") next.bold = true;
      if (name === "em" || name === "i") next.italic = true;
      if (name === "a") {
        const href = node.attribs.href ?? "";
        if (ABSOLUTE_HREF.test(href)) next.href = href;
      }
      for (const child of node.children) walk(child, next);
    }
  };
  for (const node of nodes) walk(node, {});

  const runs: Run[] = [];
  for (const run of raw) {
    const before = runs.at(-1);
    let text = run.text;
    // One space where two runs meet, and none beside a line break or at the start.
    if (!before || before.text.endsWith(" ") || before.text.endsWith("\n")) text = text.replace(/^ /, "");
    if (text.startsWith("\n") && before) before.text = before.text.replace(/ $/, "");
    if (text === "") continue;
    if (before && before.bold === run.bold && before.italic === run.italic && before.href === run.href) before.text += text;
    else runs.push(withoutEmpty({ ...run, text }));
  }
  const last = runs.at(-1);
  if (last) last.text = last.text.replace(/[ \n]+$/, "");
  return runs.filter((run) => run.text !== "");
}

/** A run without the style keys it does not have, so the page's data stays small. */
function withoutEmpty(run: Run): Run {
  return {
    text: run.text,
    ...(run.bold ? { bold: true } : {}),
    ...(run.italic ? { italic: true } : {}),
    ...(run.href ? { href: run.href } : {}),
  };
}
