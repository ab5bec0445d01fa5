/**
 * The completion rules, as plain functions over what a learner has done.
 * A module is done when its required lessons are; a course when its required
 * modules are; a program when its required courses are and the learner has
 * attended enough handledning sessions.
 */
export interface LessonState {
  id: string;
  required: boolean;
  completed: boolean;
}

export function isModuleComplete(lessons: LessonState[]): boolean {
  const required = lessons.filter((l) => l.required);
  // A module of only optional lessons is done once any of them is.
  if (required.length === 0) return lessons.some((l) => l.completed);
  return required.every((l) => l.completed);
}

export function isCourseComplete(modules: { required: boolean; complete: boolean }[]): boolean {
  const required = modules.filter((m) => m.required);
  if (required.length === 0) return modules.length > 0 && modules.every((m) => m.complete);
  return required.every((m) => m.complete);
}

export function isProgramComplete(input: { courses: { required: boolean; complete: boolean }[]; requiredSessions: number; attendedSessions: number }): boolean {
  const required = input.courses.filter((c) => c.required);
  return required.length > 0 && required.every((c) => c.complete) && input.attendedSessions >= input.requiredSessions;
}

/** Share of a course's required lessons (in required modules) that are done, 0-100. */
export function coursePercent(modules: { required: boolean; lessons: LessonState[] }[]): { done: number; total: number; percent: number } {
  const lessons = modules.filter((m) => m.required).flatMap((m) => m.lessons.filter((l) => l.required));
  const done = lessons.filter((l) => l.completed).length;
  return { done, total: lessons.length, percent: lessons.length === 0 ? 0 : Math.round((done / lessons.length) * 100) };
}
