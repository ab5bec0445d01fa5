import { z } from "zod";
import type { Question } from "~/modules/catalog/content-schema";

/** What the browser may see of a question before it is answered: no right answers, no feedback. */
export interface PublicQuestion {
  id: string;
  prompt: string;
  multiple: boolean;
  options: { index: number; text: string }[];
}

export function publicQuestions(questions: Question[]): PublicQuestion[] {
  return questions.map((q) => ({
    id: q.id,
    prompt: q.prompt,
    multiple: q.options.filter((o) => o.correct).length > 1,
    options: q.options.map((o, index) => ({ index, text: o.text })),
  }));
}

/** The options chosen per question id, as an attempt stores them. */
export const quizAnswers = z.record(z.array(z.number().int()));
export type QuizAnswers = z.infer<typeof quizAnswers>;

export interface QuestionResult {
  id: string;
  correct: boolean;
  answered: boolean;
  /** Feedback for each option the learner chose. */
  feedback: { index: number; text: string; feedback: string }[];
}

/**
 * A question is right when exactly the right options are chosen; with
 * several right options, picking some of them is not enough.
 */
export function gradeQuiz(questions: Question[], answers: QuizAnswers): { allCorrect: boolean; results: QuestionResult[] } {
  const results = questions.map((q) => {
    const chosen = [...new Set(answers[q.id] ?? [])].filter((i) => i >= 0 && i < q.options.length).sort((a, b) => a - b);
    const right = q.options.flatMap((o, i) => (o.correct ? [i] : []));
    return {
      id: q.id,
      answered: chosen.length > 0,
      correct: chosen.length === right.length && chosen.every((i, k) => i === right[k]),
      feedback: chosen.map((index) => ({ index, text: q.options[index]!.text, feedback: q.options[index]!.feedback })),
    };
  });
  return { allCorrect: results.every((r) => r.correct), results };
}

/** An attempt as a person reads it back: each question's prompt with the options they chose, in their words (not option numbers). */
export function describeAttempt(questions: Question[], answers: QuizAnswers): { question: string; chosen: string[] }[] {
  return gradeQuiz(questions, answers).results.map((result, i) => ({
    question: questions[i]!.prompt,
    chosen: result.feedback.map((option) => option.text),
  }));
}
