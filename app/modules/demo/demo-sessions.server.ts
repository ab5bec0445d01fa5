import { db } from "~/db.server";
import type { Actor } from "~/modules/auth/permissions";
import { actorOf } from "~/modules/auth/session.server";
import { handleReplyMessage } from "~/modules/calendar/calendar-replies.server";
import { issueFeedToken } from "~/modules/calendar/feed.server";
import { utcStamp } from "~/modules/calendar/ics.server";
import { cancelSession, moveSession, recordAttendance, respond, scheduleSessions } from "~/modules/sessions/sessions.server";
import type { ScheduleInput } from "~/modules/sessions/session-schema";
import { refreshCompletions } from "~/modules/progress/course-progress.server";
import { stockholmDate } from "~/utils/time";
import { DEMO_LOGINS } from "./demo-people";

/** The README names this feed address for the demo Deltagare; demo data only. */
export const DEMO_FEED_TOKEN = "demo-erik-johansson-kalender";

const day = (offset: number) => stockholmDate(new Date(Date.now() + offset * 86_400_000));

const base: Omit<ScheduleInput, "date" | "title" | "kind"> = {
  agenda: "Nulägesrunda, vad har hänt sedan sist, fördjupning i ett eget utspel.",
  startTime: "18:00",
  endTime: "19:30",
  location: "Folkets hus",
  videoUrl: "",
  cohortId: "",
  participantIds: [],
  capacity: "",
  repeatWeeks: 0,
  occurrences: 1,
};

/**
 * Handledning in several states, as the README promises for the demo
 * Deltagare's calendar feed: a past session with attendance, a group series
 * for the Malmfälten cohort (unanswered invitations), a one-to-one that was
 * moved (a higher SEQUENCE) and accepted, a group session that was cancelled
 * (STATUS:CANCELLED), and open times to book.
 */
export async function seedDemoSessions() {
  const [johan, sara, erik] = await Promise.all(
    [DEMO_LOGINS[1]!, DEMO_LOGINS[2]!, DEMO_LOGINS[3]!].map((l) => db.person.findUniqueOrThrow({ where: { email: l.email } })),
  );
  const malmfalten = await db.cohort.findFirst({ where: { name: "Kommunikatörsutbildningen Malmfälten" } });
  const longAgo = new Date(Date.now() - 60 * 86_400_000);

  const past = await scheduleSessions(
    actorOf(sara!),
    { ...base, kind: "one-to-one", title: "Uppstartssamtal", date: day(-14), participantIds: [erik!.id] },
    longAgo,
  );
  if (past.ok) await recordAttendance(actorOf(sara!), past.value.ids[0]!, { [erik!.id]: "attended" });
  if (malmfalten) {
    const series = await scheduleSessions(actorOf(sara!), {
      ...base,
      kind: "group",
      title: "Grupphandledning Malmfälten",
      date: day(5),
      cohortId: malmfalten.id,
      repeatWeeks: 2,
      occurrences: 4,
      location: "Folkets hus, Kiruna",
    });
    if (series.ok) await seedCalendarAnswers(series.value.ids[0]!);
  }
  const oneToOne = await scheduleSessions(actorOf(sara!), {
    ...base,
    kind: "one-to-one",
    title: "Enskild handledning",
    date: day(8),
    startTime: "12:00",
    endTime: "13:00",
    location: "",
    videoUrl: "https://video.example.se/sara",
    participantIds: [erik!.id],
  });
  if (oneToOne.ok) {
    const id = oneToOne.value.ids[0]!;
    await moveSession(actorOf(sara!), id, { date: day(9), startTime: "12:00", endTime: "13:00" });
    await respond(actorOf(erik!), id, "accepted");
  }
  const cancelled = await scheduleSessions(actorOf(sara!), {
    ...base,
    kind: "group",
    title: "Medieträning i grupp",
    date: day(7),
    startTime: "17:00",
    endTime: "18:30",
    location: "Folkets hus, Kiruna",
    participantIds: [erik!.id],
  });
  if (cancelled.ok) await cancelSession(actorOf(sara!), cancelled.value.ids[0]!);
  for (const offset of [3, 10, 17]) {
    await scheduleSessions(actorOf(johan!), {
      ...base,
      kind: "one-to-one",
      title: "Ledig tid för enskild handledning",
      date: day(offset),
      startTime: "16:00",
      endTime: "17:00",
      location: "Partiexpeditionen, Luleå",
      openSlot: "on",
    });
  }
  await issueFeedToken(erik!.id, DEMO_FEED_TOKEN);
  await seedNearlyDoneLeader(sara!);
}

/** An answer as a calendar sends it to the ORGANIZER: the least a client writes (RFC 5546 REPLY or COUNTER). */
function calendarAnswer(from: { name: string; email: string }, uid: string, method: "REPLY" | "COUNTER", lines: string[]) {
  return Buffer.from(
    [
      `From: ${from.name} <${from.email}>`,
      "To: handledning@demo.ledarlyftet.se",
      `Subject: ${method === "COUNTER" ? "Ny tid föreslås" : "Accepterat"}: Grupphandledning Malmfälten`,
      `Message-ID: <demo-${method.toLowerCase()}-${uid}>`,
      "MIME-Version: 1.0",
      `Content-Type: text/calendar; charset=utf-8; method=${method}`,
      "",
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:-//Ledarlyftet//Demo//SV",
      `METHOD:${method}`,
      "BEGIN:VEVENT",
      `UID:${uid}`,
      `DTSTAMP:${utcStamp(new Date())}`,
      ...lines,
      "END:VEVENT",
      "END:VCALENDAR",
      "",
    ].join("\r\n"),
  );
}

/**
 * What the facilitator and the admin see once calendars answer (decision 013): one
 * cohort member accepted from their calendar, another proposes a later start, and
 * an answer from outside the cohort waits on the admin's Kalendersvar page.
 */
async function seedCalendarAnswers(sessionId: string) {
  const session = await db.handledningSession.findUniqueOrThrow({
    where: { id: sessionId },
    include: { attendances: { include: { person: { select: { name: true, email: true } } }, orderBy: { person: { email: "asc" } } } },
  });
  const [accepting, proposing] = session.attendances.filter((a) => a.person.email !== DEMO_LOGINS[3]!.email).map((a) => a.person);
  if (!accepting || !proposing) return;
  await handleReplyMessage(
    calendarAnswer(accepting, session.uid, "REPLY", [`ATTENDEE;PARTSTAT=ACCEPTED;CN=${accepting.name}:mailto:${accepting.email}`, "SEQUENCE:0"]),
  );
  const later = new Date(session.startsAt.getTime() + 30 * 60_000);
  await handleReplyMessage(
    calendarAnswer(proposing, session.uid, "COUNTER", [
      `ATTENDEE;PARTSTAT=TENTATIVE;CN=${proposing.name}:mailto:${proposing.email}`,
      `DTSTART:${utcStamp(later)}`,
      `DTEND:${utcStamp(new Date(session.endsAt.getTime() + 30 * 60_000))}`,
      "COMMENT:Jag jobbar till 18. Går det att börja halv sju?",
      "SEQUENCE:0",
    ]),
  );
  const stranger = { name: "Okänd avsändare", email: "vidarebefordrad@example.se" };
  await handleReplyMessage(calendarAnswer(stranger, session.uid, "REPLY", [`ATTENDEE;PARTSTAT=ACCEPTED:mailto:${stranger.email}`, "SEQUENCE:0"]));
}

/** The demo leader who has done every course of Ledarskapsprogrammet and one of two handledning sessions. */
export const NEARLY_DONE_LEADER = "sofia.lindberg@demo.ledarlyftet.se";

async function seedNearlyDoneLeader(sara: Actor) {
  const sofia = await db.person.findUnique({ where: { email: NEARLY_DONE_LEADER } });
  const program = await db.program.findUnique({
    where: { slug: "ledarskapsprogrammet" },
    include: { courses: { include: { modules: { include: { lessons: true } } } } },
  });
  if (!sofia || !program) return;
  const done = new Date(Date.now() - 20 * 86_400_000);
  for (const course of program.courses) {
    for (const lesson of course.modules.flatMap((m) => m.lessons)) {
      await db.lessonProgress.upsert({
        where: { personId_lessonId: { personId: sofia.id, lessonId: lesson.id } },
        create: { personId: sofia.id, lessonId: lesson.id, firstViewedAt: done, lastViewedAt: done, completedAt: done },
        update: { completedAt: done },
      });
    }
    await refreshCompletions(db, sofia.id, course.id, undefined, done);
  }
  const longAgo = new Date(Date.now() - 60 * 86_400_000);
  const first = await scheduleSessions(
    actorOf(sara),
    { ...base, kind: "one-to-one", title: "Handledning för ordförande", date: day(-7), participantIds: [sofia.id] },
    longAgo,
  );
  if (first.ok) await recordAttendance(actorOf(sara), first.value.ids[0]!, { [sofia.id]: "attended" });
  // Yesterday's session: attendance not recorded yet.
  await scheduleSessions(
    actorOf(sara),
    { ...base, kind: "one-to-one", title: "Uppföljning för ordförande", date: day(-1), startTime: "08:00", endTime: "09:00", participantIds: [sofia.id] },
    longAgo,
  );
}
