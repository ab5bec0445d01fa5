import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";

export interface ContentFile {
  /** Path relative to the content folder, for error messages. */
  file: string;
  frontMatter: unknown;
  body: string;
}

export interface FileProblem {
  file: string;
  field?: string;
  message: string;
}

function listMarkdown(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listMarkdown(full));
    else if (entry.isFile() && entry.name.endsWith(".md") && entry.name.toLowerCase() !== "readme.md") out.push(full);
  }
  return out.sort();
}

const FRONT_MATTER = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;

/** A content file as text, by its path relative to the content folder (forward slashes): what a folder holds, and what the app's editor keeps. */
export interface ContentText {
  file: string;
  text: string;
}

/** Every content file of a folder, as text. */
export function contentTexts(dir: string): ContentText[] {
  return listMarkdown(dir).map((full) => ({ file: path.relative(dir, full).split(path.sep).join("/"), text: fs.readFileSync(full, "utf8") }));
}

/** Reads every content file; a file whose front matter cannot be read becomes a problem, not an exception. */
export function readContentFolder(dir: string): { files: ContentFile[]; problems: FileProblem[] } {
  return readContentTexts(contentTexts(dir));
}

/** The same for files held as text: the app's drafts and versions are read exactly as the folder is. */
export function readContentTexts(texts: ContentText[]): { files: ContentFile[]; problems: FileProblem[] } {
  const files: ContentFile[] = [];
  const problems: FileProblem[] = [];
  for (const { file, text } of texts) {
    const match = FRONT_MATTER.exec(text);
    if (!match) {
      problems.push({ file, message: "saknar front matter (--- i början och slutet)" });
      continue;
    }
    try {
      const frontMatter = YAML.parse(match[1]!);
      if (frontMatter === null || typeof frontMatter !== "object" || Array.isArray(frontMatter)) {
        problems.push({ file, message: "front matter ska vara nyckel: värde-par" });
        continue;
      }
      files.push({ file, frontMatter, body: match[2]! });
    } catch (error) {
      const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
      problems.push({ file, message: `trasig front matter: ${reason}` });
    }
  }
  return { files, problems };
}
