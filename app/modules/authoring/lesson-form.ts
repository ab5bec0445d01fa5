import { z } from "zod";
import type { Question } from "~/modules/catalog/content-schema";

/*
 * The lesson editor's form, without JavaScript: every question with its
 * options, one empty option more under each question and one empty question
 * more at the end (filled in, they are added), a "remove" box per question,
 * and an option whose text is cleared is dropped. Field names:
 * q.<i>.id, q.<i>.prompt, q.<i>.remove, q.<i>.o.<j>.text|correct|feedback.
 */

export const EXTRA_OPTIONS = 1;
export const NEW_QUESTION_OPTIONS = 3;

export const lessonFields = z.object({
  revision: z.coerce.number().int().min(0),
  title: z.string().trim().min(1, "Skriv en rubrik.").max(200, "Högst 200 tecken."),
  minutes: z
    .string()
    .trim()
    .regex(/^\d*$/, "Skriv antal minuter som ett heltal, eller lämna tomt.")
    .transform((v) => (v === "" ? null : Number(v)))
    .refine((v) => v === null || (v >= 1 && v <= 600), "Mellan 1 och 600 minuter."),
  required: z.literal("on").optional(),
  body: z.string().max(100_000, "Texten är för lång (högst 100 000 tecken)."),
});

/** The questions as typed, in form order, removed and empty ones left out. */
export function questionsFromForm(formData: FormData): Question[] {
  const text = (key: string) => {
    const value = formData.get(key);
    return typeof value === "string" ? value.trim() : "";
  };
  const questions: Question[] = [];
  const taken = new Set<string>();
  for (let i = 0; formData.has(`q.${i}.prompt`); i++) {
    if (formData.get(`q.${i}.remove`) === "on") continue;
    const options: Question["options"] = [];
    for (let j = 0; formData.has(`q.${i}.o.${j}.text`); j++) {
      const optionText = text(`q.${i}.o.${j}.text`);
      if (!optionText) continue;
      options.push({ text: optionText, correct: formData.get(`q.${i}.o.${j}.correct`) === "on", feedback: text(`q.${i}.o.${j}.feedback`) });
    }
    const prompt = text(`q.${i}.prompt`);
    if (!prompt && options.length === 0) continue;
    let id = text(`q.${i}.id`);
    if (!/^q\d+$|^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id) || taken.has(id)) {
      let n = i + 1;
      while (taken.has(`q${n}`) || formHasId(formData, `q${n}`)) n++;
      id = `q${n}`;
    }
    taken.add(id);
    questions.push({ id, prompt, options });
  }
  return questions;
}

function formHasId(formData: FormData, id: string): boolean {
  for (const [key, value] of formData.entries()) if (/^q\.\d+\.id$/.test(key) && value === id) return true;
  return false;
}
