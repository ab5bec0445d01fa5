import { describe, expect, it } from "vitest";
import type { Question } from "~/modules/catalog/content-schema";
import { gradeQuiz, publicQuestions } from "./quiz";

const questions: Question[] = [
  {
    id: "q1",
    prompt: "En rätt",
    options: [
      { text: "A", correct: true, feedback: "Rätt, A." },
      { text: "B", correct: false, feedback: "Nej, B." },
    ],
  },
  {
    id: "q2",
    prompt: "Välj alla som stämmer",
    options: [
      { text: "C", correct: true, feedback: "Ja, C." },
      { text: "D", correct: true, feedback: "Ja, D." },
      { text: "E", correct: false, feedback: "Nej, E." },
    ],
  },
];

describe("knowledge checks", () => {
  it("never lets the right answers or feedback reach the browser before answering", () => {
    const shown = JSON.stringify(publicQuestions(questions));
    expect(shown).not.toContain("correct");
    expect(shown).not.toContain("Rätt, A.");
    expect(publicQuestions(questions).map((q) => q.multiple)).toEqual([false, true]);
  });

  it("is right only with exactly the right options, and gives feedback for each chosen one", () => {
    expect(gradeQuiz(questions, { q1: [0], q2: [0, 1] }).allCorrect).toBe(true);
    const partial = gradeQuiz(questions, { q1: [0], q2: [0] });
    expect(partial.allCorrect).toBe(false);
    expect(partial.results[1]).toMatchObject({ correct: false, feedback: [{ index: 0, feedback: "Ja, C." }] });
    const tooMany = gradeQuiz(questions, { q1: [0, 1], q2: [0, 1, 2] });
    expect(tooMany.results.map((r) => r.correct)).toEqual([false, false]);
    const unanswered = gradeQuiz(questions, { q1: [0] });
    expect(unanswered.results[1]).toMatchObject({ answered: false, correct: false });
  });

  it("ignores option numbers that do not exist", () => {
    expect(gradeQuiz(questions, { q1: [0, 7], q2: [0, 1, -1] }).allCorrect).toBe(true);
  });
});
