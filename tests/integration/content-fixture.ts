import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** A small content tree written to a temporary folder, for sync and learning tests. */
export function writeContent(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ledarlyftet-content-"));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

export function rewrite(dir: string, name: string, text: string | null) {
  const file = path.join(dir, name);
  if (text === null) fs.rmSync(file);
  else {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
}

export const lessonFile = (
  slug: string,
  opts: { module?: string; order?: number; type?: string; required?: boolean; extra?: string; body?: string; course?: string; program?: string } = {},
) =>
  `---
program: ${opts.program ?? "testprogram"}
course: ${opts.course ?? "testkurs"}
module: ${opts.module ?? "m1"}
lesson: ${slug}
title: Lektion ${slug}
order: ${opts.order ?? 1}
type: ${opts.type ?? "text"}
required: ${opts.required ?? true}
${opts.extra ?? ""}
---
${opts.body ?? `Text för ${slug}.`}
`;

export const QUIZ_QUESTIONS = `questions:
  - id: q1
    prompt: Vilket är rätt?
    options:
      - text: Rätt svar
        correct: true
        feedback: Ja, det stämmer.
      - text: Fel svar
        feedback: Nej, läs igen.
  - id: q2
    prompt: Välj alla som stämmer.
    options:
      - text: A
        correct: true
        feedback: A stämmer.
      - text: B
        correct: true
        feedback: B stämmer.
      - text: C
        feedback: C stämmer inte.`;

/** A program with one course: module m1 (text, quiz, optional text), module m2 (reflection, assignment). */
export function basicContent(programExtra = "") {
  return {
    "programs/testprogram.md": `---\nkind: program\nprogram: testprogram\ntitle: Testprogrammet\norder: 1\n${programExtra}\n---\nOm programmet.\n`,
    "testkurs/_course.md": `---\nkind: course\nprogram: testprogram\ncourse: testkurs\ntitle: Testkursen\norder: 1\n---\nOm kursen.\n`,
    "testkurs/m1/_module.md": `---\nkind: module\ncourse: testkurs\nmodule: m1\ntitle: Modul ett\norder: 1\n---\n`,
    "testkurs/m2/_module.md": `---\nkind: module\ncourse: testkurs\nmodule: m2\ntitle: Modul två\norder: 2\n---\n`,
    "testkurs/m1/las.md": lessonFile("t-las", { order: 1 }),
    "testkurs/m1/quiz.md": lessonFile("t-quiz", { order: 2, type: "quiz", extra: QUIZ_QUESTIONS }),
    "testkurs/m1/extra.md": lessonFile("t-extra", { order: 3, required: false }),
    "testkurs/m2/reflektion.md": lessonFile("t-reflektion", { module: "m2", order: 1, type: "reflection" }),
    "testkurs/m2/uppgift.md": lessonFile("t-uppgift", { module: "m2", order: 2, type: "assignment" }),
  };
}

/**
 * A small Kommunikationsmodellen, the course published as a handbook
 * (app/modules/handbook/handbooks.ts), in a program of its own: an
 * introduction, and one perspective with a text, a knowledge check (its
 * feedback must never reach the handbook) and a reflection.
 */
export function handbookContent() {
  const lesson = (slug: string, module: string, order: number, opts: { type?: string; extra?: string; body?: string } = {}) =>
    lessonFile(slug, { program: "kommunikatorsutbildningen", course: "kommunikationsmodellen", module, order, ...opts });
  return {
    "programs/kommunikatorsutbildningen.md":
      "---\nkind: program\nprogram: kommunikatorsutbildningen\ntitle: Kommunikatörsutbildningen\norder: 3\n---\nOm utbildningen.\n",
    "kommunikationsmodellen/_course.md":
      "---\nkind: course\nprogram: kommunikatorsutbildningen\ncourse: kommunikationsmodellen\ntitle: Kommunikationsmodellen\norder: 1\n---\nOm modellen.\n",
    "kommunikationsmodellen/introduktion/_module.md":
      "---\nkind: module\ncourse: kommunikationsmodellen\nmodule: introduktion\ntitle: Introduktion\norder: 1\n---\n",
    "kommunikationsmodellen/agenda/_module.md":
      "---\nkind: module\ncourse: kommunikationsmodellen\nmodule: agenda\ntitle: Agenda\norder: 2\n---\nDet första perspektivet.\n",
    "kommunikationsmodellen/introduktion/text.md": lesson("hb-intro", "introduktion", 1, { body: "Varför en modell." }),
    "kommunikationsmodellen/agenda/text.md": lesson("hb-agenda", "agenda", 1, { body: "## Vad det handlar om\n\nAgenda handlar om **vad** vi pratar om." }),
    "kommunikationsmodellen/agenda/kontroll.md": lesson("hb-agenda-kontroll", "agenda", 2, { type: "quiz", extra: QUIZ_QUESTIONS }),
    "kommunikationsmodellen/agenda/reflektion.md": lesson("hb-agenda-reflektion", "agenda", 3, { type: "reflection", body: "Vad berör i din kommun?" }),
  };
}
