import { db } from "~/db.server";
import type { Question } from "~/modules/catalog/content-schema";
import { refreshCompletions } from "~/modules/progress/course-progress.server";
import { DEMO_LOGINS } from "./demo-people";

/** Which branches each demo Utvecklingsledare supports. */
export const DEMO_SUPPORT: Record<string, string[]> = {
  [DEMO_LOGINS[1]!.email]: ["Luleå", "Piteå", "Boden", "Älvsbyn", "Arvidsjaur", "Arjeplog"],
  [DEMO_LOGINS[2]!.email]: ["Kiruna", "Gällivare", "Pajala", "Jokkmokk", "Haparanda", "Kalix", "Överkalix", "Övertorneå"],
};

/** Demo participants from this index on have not started anything (fresh learners to try the courses with). */
export const FRESH_FROM_INDEX = 20;

const REFLECTION_TEXT =
  "Jag tänker på när vi hade öppet möte om skolnedläggningen. Vi lyssnade mer än vi pratade, och det märktes att folk kände sig tagna på allvar.";
const SUBMISSION_TEXT =
  "Agenda: vården i inlandet är det väljarna oroar sig mest för. Närhet: vi bjuder in till samtal i bygdegården. Kompetens: förslaget har tagits fram med undersköterskor i kommunen. Tydlighet: en mening – vi behåller akutplatserna och förkortar väntetiden.";

/**
 * Gives the demo people believable progress: some part-way through each
 * course, a few finished with certificates, some assignments waiting for
 * their Utvecklingsledare and some reflections shared with them.
 */
export async function seedDemoLearning(participantIds: string[], reviewerId: string) {
  const people = await db.person.findMany({ where: { email: { in: Object.keys(DEMO_SUPPORT) } } });
  const branches = new Map((await db.branch.findMany()).map((b) => [b.name, b.id]));
  for (const facilitator of people) {
    await db.branchSupport.createMany({
      data: DEMO_SUPPORT[facilitator.email]!.map((name) => ({ facilitatorId: facilitator.id, branchId: branches.get(name)! })),
    });
  }

  const courses = await db.course.findMany({
    where: { retiredAt: null },
    orderBy: [{ program: { order: "asc" } }, { order: "asc" }],
    include: {
      modules: {
        where: { retiredAt: null },
        orderBy: { order: "asc" },
        include: { lessons: { where: { retiredAt: null }, orderBy: { order: "asc" } } },
      },
    },
  });
  const base = Date.now() - 60 * 24 * 60 * 60 * 1000;

  for (const [i, personId] of participantIds.entries()) {
    if (i >= FRESH_FROM_INDEX) continue;
    for (const [ci, course] of courses.entries()) {
      const lessons = course.modules.flatMap((m) => m.lessons);
      // Spread people from "just started" to "all done", differently per course.
      const reach = Math.round((((i * 7 + ci * 5 + 4) % 11) / 10) * lessons.length);
      for (const [li, lesson] of lessons.slice(0, reach).entries()) {
        const at = new Date(base + (i * 3 + ci * 7 + li) * 3_600_000);
        const waiting = lesson.type === "assignment" && i % 3 === 0;
        await db.lessonProgress.create({
          data: { personId, lessonId: lesson.id, firstViewedAt: at, lastViewedAt: at, completedAt: waiting ? null : at },
        });
        if (lesson.type === "quiz") {
          const questions = JSON.parse(lesson.questions) as Question[];
          const right = Object.fromEntries(questions.map((q) => [q.id, q.options.flatMap((o, k) => (o.correct ? [k] : []))]));
          await db.quizAttempt.create({ data: { personId, lessonId: lesson.id, answers: JSON.stringify(right), correct: true, createdAt: at } });
        }
        if (lesson.type === "reflection") {
          await db.reflection.create({ data: { personId, lessonId: lesson.id, text: REFLECTION_TEXT, shared: i % 2 === 0, createdAt: at } });
        }
        if (lesson.type === "assignment") {
          await db.assignmentSubmission.create({
            data: waiting
              ? { personId, lessonId: lesson.id, text: SUBMISSION_TEXT, submittedAt: at }
              : {
                  personId,
                  lessonId: lesson.id,
                  text: SUBMISSION_TEXT,
                  submittedAt: at,
                  status: "approved",
                  reviewerId,
                  reviewedAt: at,
                  comment: "Bra och konkret!",
                },
          });
        }
      }
      if (reach > 0) await refreshCompletions(db, personId, course.id, undefined, new Date(base + (i * 3 + ci * 7 + reach) * 3_600_000));
    }
  }
}
