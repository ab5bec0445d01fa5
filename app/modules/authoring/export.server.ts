import fs from "node:fs";
import path from "node:path";
import { db } from "~/db.server";
import { contentTexts, readContentTexts } from "~/modules/catalog/content-files.server";
import { readStoredTexts } from "./course-versions.server";

export interface ExportReport {
  programs: number;
  courses: { course: string; number: number; origin: string }[];
  written: number;
  removed: number;
}

/**
 * Writes the published content back as files in content/'s format: each
 * program's file as it was loaded, and each course's latest version (from the
 * files or from the app's editor) in place of the course's files there, so
 * that content:sync of the folder afterwards changes nothing. Files of other
 * kinds (the crisis-plan template, READMEs) are left alone.
 */
export async function exportContent(dir: string): Promise<ExportReport> {
  const [programs, courses] = await Promise.all([
    db.program.findMany({ where: { retiredAt: null, sourceFile: { not: "" } }, select: { sourceFile: true, sourceText: true } }),
    db.course.findMany({
      where: { retiredAt: null },
      select: { slug: true, versions: { orderBy: { number: "desc" }, take: 1, select: { number: true, origin: true, files: true } } },
    }),
  ]);
  const report: ExportReport = { programs: 0, courses: [], written: 0, removed: 0 };
  fs.mkdirSync(dir, { recursive: true });
  // Which file in the folder belongs to which course today: a course's files are replaced as a whole.
  const present = readContentTexts(fs.existsSync(dir) ? contentTexts(dir) : []).files;
  const write = (file: string, text: string) => {
    const full = path.join(dir, file);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    if (!fs.existsSync(full) || fs.readFileSync(full, "utf8") !== text) report.written++;
    fs.writeFileSync(full, text);
  };
  for (const p of programs) {
    write(p.sourceFile, p.sourceText);
    report.programs++;
  }
  for (const c of courses) {
    const version = c.versions[0];
    if (!version) continue;
    const texts = readStoredTexts(version.files);
    const keep = new Set(texts.map((t) => t.file));
    for (const f of present) {
      const meta = f.frontMatter as { kind?: string; course?: string };
      const kind = meta.kind ?? "lesson";
      if ((kind === "course" || kind === "module" || kind === "lesson") && meta.course === c.slug && !keep.has(f.file)) {
        fs.rmSync(path.join(dir, f.file));
        report.removed++;
      }
    }
    for (const t of texts) write(t.file, t.text);
    report.courses.push({ course: c.slug, number: version.number, origin: version.origin });
  }
  return report;
}
