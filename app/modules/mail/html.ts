/**
 * The HTML part of a message, made from its plain text so the two never say
 * different things: paragraphs at blank lines, line breaks kept, links
 * clickable. Mail clients that show HTML first (Outlook, Gmail) then get the
 * same words as those that read the text.
 */
const LINK = /\bhttps?:\/\/[^\s<>"]+[^\s<>".,;:!?)]/g;

function escape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function withLinks(line: string): string {
  let html = "";
  let last = 0;
  for (const match of line.matchAll(LINK)) {
    html += escape(line.slice(last, match.index)) + `<a href="${escape(match[0])}">${escape(match[0])}</a>`;
    last = match.index + match[0].length;
  }
  return html + escape(line.slice(last));
}

export function htmlFromText(text: string): string {
  const paragraphs = text
    .trim()
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${paragraph.split("\n").map(withLinks).join("<br>\n")}</p>`);
  return `<!doctype html>\n<html lang="sv"><head><meta charset="utf-8"></head><body style="font-family: sans-serif; line-height: 1.5">\n${paragraphs.join("\n")}\n</body></html>\n`;
}
