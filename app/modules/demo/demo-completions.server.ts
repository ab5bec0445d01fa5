import { db } from "~/db.server";
import { actorOf } from "~/modules/auth/session.server";
import { isLeadingPosition } from "~/modules/people/positions";
import { refreshCompletions } from "~/modules/progress/course-progress.server";
import { recordAttendance, scheduleSessions } from "~/modules/sessions/sessions.server";
import { stockholmDate } from "~/utils/time";
import { DEMO_LOGINS } from "./demo-people";

const DAY = 86_400_000;

/** Marks every lesson of a program done for a person at a given time and records the completions it earns. */
export async function finishProgram(personId: string, slug: string, at: Date) {
  const program = await db.program.findUnique({ where: { slug }, include: { courses: { include: { modules: { include: { lessons: true } } } } } });
  if (!program) return;
  for (const course of program.courses) {
    for (const lesson of course.modules.flatMap((m) => m.lessons)) {
      await db.lessonProgress.upsert({
        where: { personId_lessonId: { personId, lessonId: lesson.id } },
        create: { personId, lessonId: lesson.id, firstViewedAt: at, lastViewedAt: at, completedAt: at },
        update: { completedAt: at },
      });
    }
    await refreshCompletions(db, personId, course.id, undefined, at);
  }
}

/**
 * History behind the goals: a communicator cohort that ran this spring (most
 * finished it), and two leaders who finished Ledarskapsprogrammet with
 * handledning, so the dashboard has numbers that mean something.
 */
export async function seedDemoCompletions(now = new Date()) {
  const program = await db.program.findUnique({ where: { slug: "kommunikatorsutbildningen" } });
  const johan = await db.person.findUniqueOrThrow({ where: { email: DEMO_LOGINS[1]!.email } });
  if (!program) return;
  const participants = await db.person.findMany({ where: { isParticipant: true, isFacilitator: false, isAdmin: false }, orderBy: { createdAt: "asc" } });
  const spring = await db.cohort.create({
    data: {
      programId: program.id,
      name: "Kommunikatörsutbildningen, vårens omgång",
      startsOn: new Date(now.getTime() - 200 * DAY),
      endsOn: new Date(now.getTime() - 120 * DAY),
      enrolmentOpensAt: new Date(now.getTime() - 260 * DAY),
      enrolmentClosesAt: new Date(now.getTime() - 205 * DAY),
      capacity: 8,
      seatsTaken: 6,
      mode: "open",
      facilitators: { create: [{ personId: johan.id }] },
    },
  });
  const springPeople = participants.slice(8, 14);
  for (const [i, p] of springPeople.entries()) {
    await db.enrolment.create({ data: { cohortId: spring.id, personId: p.id, status: "enrolled", enrolledAt: spring.startsOn } });
    if (i < 4) await finishProgram(p.id, "kommunikatorsutbildningen", new Date(spring.endsOn.getTime() - (10 + i * 7) * DAY));
  }

  const leaders = participants
    .filter((p) => isLeadingPosition(p.position) && p.email !== "sofia.lindberg@demo.ledarlyftet.se" && p.email !== DEMO_LOGINS[3]!.email)
    .slice(0, 2);
  const longAgo = new Date(now.getTime() - 300 * DAY);
  for (const [i, leader] of leaders.entries()) {
    const ids: string[] = [];
    for (const daysAgo of [110 + i * 10, 75 + i * 10]) {
      const r = await scheduleSessions(
        actorOf(johan),
        {
          kind: "one-to-one",
          title: "Handledning",
          agenda: "",
          date: stockholmDate(new Date(now.getTime() - daysAgo * DAY)),
          startTime: "10:00",
          endTime: "11:00",
          location: "Partiexpeditionen",
          videoUrl: "",
          cohortId: "",
          participantIds: [leader.id],
          capacity: "",
          repeatWeeks: 0,
          occurrences: 1,
        },
        longAgo,
      );
      if (r.ok) ids.push(r.value.ids[0]!);
    }
    for (const id of ids) await recordAttendance(actorOf(johan), id, { [leader.id]: "attended" });
    await finishProgram(leader.id, "ledarskapsprogrammet", new Date(now.getTime() - (60 + i * 10) * DAY));
  }
}

/** Who the demo keeps one lesson short of a whole program, so a visitor (and the journey in tests/e2e) can finish one. */
export const ONE_LESSON_LEFT = { email: "stefan.mattsson@demo.ledarlyftet.se", program: "kommunikatorsutbildningen", lesson: "kv-mota-text" };

/** Everything of Kommunikatörsutbildningen done but one text lesson: its completion, certificate and congratulation are a click away. */
export async function seedOneLessonLeft(now = new Date()) {
  const person = await db.person.findUnique({ where: { email: ONE_LESSON_LEFT.email } });
  const program = await db.program.findUnique({
    where: { slug: ONE_LESSON_LEFT.program },
    include: {
      courses: { where: { retiredAt: null }, include: { modules: { where: { retiredAt: null }, include: { lessons: { where: { retiredAt: null } } } } } },
    },
  });
  if (!person || !program) return;
  const at = new Date(now.getTime() - 3 * DAY);
  for (const course of program.courses) {
    for (const lesson of course.modules.flatMap((m) => m.lessons)) {
      if (lesson.slug === ONE_LESSON_LEFT.lesson || !lesson.required) continue;
      await db.lessonProgress.create({ data: { personId: person.id, lessonId: lesson.id, firstViewedAt: at, lastViewedAt: at, completedAt: at } });
    }
    await refreshCompletions(db, person.id, course.id, undefined, at);
  }
}
