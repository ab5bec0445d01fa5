/**
 * A handbook's text as plain data: what the print page renders with React
 * and the PDF lays out with pdfkit, so both say the same thing. Read from
 * the lessons' HTML by html-blocks.server.ts.
 */

/** A piece of a paragraph in one style; `\n` in `text` is a line break. */
export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  /** An absolute http(s) or mailto address. */
  href?: string;
}

export type Block =
  /** `level` is the heading's level in the whole handbook (h4 for a lesson's own h2). */
  | { kind: "heading"; level: 2 | 3 | 4 | 5 | 6; text: string }
  | { kind: "paragraph"; runs: Run[] }
  /** Each item is the blocks inside it: a paragraph, and maybe a nested list. */
  | { kind: "list"; ordered: boolean; start: number; items: Block[][] }
  | { kind: "quote"; blocks: Block[] };
