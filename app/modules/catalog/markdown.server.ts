import MarkdownIt from "markdown-it";

// html: false escapes any raw HTML in content; markdown-it's link validation
// drops javascript:, vbscript:, file: and data: (except images) URLs.
const md = new MarkdownIt({ html: false, linkify: true, typographer: true });

const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const href = tokens[idx]!.attrGet("href") ?? "";
  if (/^https?:\/\//i.test(href)) {
    tokens[idx]!.attrSet("rel", "noopener noreferrer");
  }
  return defaultLinkOpen(tokens, idx, options, env, self);
};

/** Content Markdown to safe HTML, once, at sync. */
export function renderMarkdown(source: string): string {
  return md.render(source);
}
