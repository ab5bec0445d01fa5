import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";

interface LessonMeta {
  lesson: string;
  module: string;
  order: number;
  type: string;
  title: string;
  questions?: { id: string; prompt: string; options: { text: string; correct?: boolean }[] }[];
}

function frontMatters(dir: string): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...frontMatters(full));
    else if (entry.name.endsWith(".md") && entry.name !== "README.md") {
      const m = /^---\r?\n([\s\S]*?)\r?\n---/.exec(fs.readFileSync(full, "utf8"));
      if (m) out.push(YAML.parse(m[1]!));
    }
  }
  return out;
}

/** A course's lessons in study order, read from content/ the way an author wrote them. */
export function courseLessons(course: string): LessonMeta[] {
  const all = frontMatters(path.resolve("content"));
  const moduleOrder = new Map(all.filter((f) => f.kind === "module" && f.course === course).map((f) => [f.module as string, f.order as number]));
  return (all.filter((f) => (f.kind ?? "lesson") === "lesson" && f.course === course) as unknown as LessonMeta[]).sort(
    (a, b) => moduleOrder.get(a.module)! - moduleOrder.get(b.module)! || a.order - b.order,
  );
}
