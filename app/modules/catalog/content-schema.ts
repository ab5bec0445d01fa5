import { z } from "zod";

const slug = z.string({ required_error: "saknas" }).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "får bara innehålla a-z, 0-9 och bindestreck");
const title = z.string({ required_error: "saknas" }).trim().min(1, "saknas").max(200, "är för lång");
const order = z.number({ required_error: "saknas", invalid_type_error: "ska vara ett heltal" }).int("ska vara ett heltal");

export const LESSON_TYPES = ["text", "quiz", "reflection", "assignment"] as const;
export type LessonType = (typeof LESSON_TYPES)[number];

export const programFrontMatter = z.object({
  kind: z.literal("program"),
  program: slug,
  title,
  order,
  enrolmentOnly: z.boolean().default(false),
  requiredSessions: z.number().int().min(0).max(50).default(0),
});

export const courseFrontMatter = z.object({
  kind: z.literal("course"),
  program: slug,
  course: slug,
  title,
  order,
  required: z.boolean().default(true),
});

export const moduleFrontMatter = z.object({
  kind: z.literal("module"),
  course: slug,
  module: slug,
  title,
  order,
  required: z.boolean().default(true),
});

const option = z.object({
  text: z.string({ required_error: "saknas" }).trim().min(1, "saknas"),
  correct: z.boolean().default(false),
  feedback: z.string({ required_error: "saknas: varje svar behöver återkoppling" }).trim().min(1, "saknas"),
});

export const questionSchema = z
  .object({
    id: slug.or(z.string().regex(/^q\d+$/)),
    prompt: z.string({ required_error: "saknas" }).trim().min(1, "saknas"),
    options: z.array(option).min(2, "en fråga behöver minst två svarsalternativ"),
  })
  .refine((q) => q.options.some((o) => o.correct), { message: "frågan har inget rätt svar", path: ["options"] });

export type Question = z.infer<typeof questionSchema>;

export const lessonFrontMatter = z
  .object({
    kind: z.literal("lesson").default("lesson"),
    program: slug,
    course: slug,
    module: slug,
    lesson: slug,
    title,
    order,
    type: z.enum(LESSON_TYPES, {
      errorMap: () => ({ message: `okänd typ: använd ${LESSON_TYPES.join(", ")}` }),
    }),
    required: z.boolean().default(true),
    minutes: z.number().int().min(1).max(600).optional(),
    questions: z.array(questionSchema).optional(),
  })
  .superRefine((lesson, ctx) => {
    if (lesson.type === "quiz" && (!lesson.questions || lesson.questions.length === 0)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["questions"], message: "en kunskapskontroll behöver frågor" });
    }
    if (lesson.type !== "quiz" && lesson.questions) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["questions"], message: "bara en kunskapskontroll (quiz) har frågor" });
    }
    const ids = lesson.questions?.map((q) => q.id) ?? [];
    const dup = ids.find((id, i) => ids.indexOf(id) !== i);
    if (dup) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["questions"], message: `frågans id "${dup}" används två gånger` });
  });

export type ProgramFrontMatter = z.infer<typeof programFrontMatter>;
export type CourseFrontMatter = z.infer<typeof courseFrontMatter>;
export type ModuleFrontMatter = z.infer<typeof moduleFrontMatter>;
export type LessonFrontMatter = z.infer<typeof lessonFrontMatter>;
