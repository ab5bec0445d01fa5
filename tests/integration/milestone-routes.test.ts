import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { actorOf } from "~/modules/auth/session.server";
import { syncContent } from "~/modules/catalog/sync.server";
import { recordLessonCompletion, recordLessonVisit } from "~/modules/progress/course-progress.server";
import { recordAttendance, scheduleSessions } from "~/modules/sessions/sessions.server";
import { loader as homeLoader } from "~/routes/_index";
import { loader as catalogLoader } from "~/routes/courses._index";
import { action as lessonAction } from "~/routes/courses.$courseSlug.$lessonSlug";
import { loader as verifyLoader } from "~/routes/verifiera.$code";
import { loader as certificateLoader } from "~/routes/certificates.$code";
import { scheduleInput } from "../support/schedule-input";
import { basicContent, writeContent } from "./content-fixture";
import { createPerson, formRequest, getRequest, settle, signedIn } from "./helpers";

const DAY = 86_400_000;
const lessonId = async (slug: string) => (await db.lesson.findUniqueOrThrow({ where: { slug } })).id;
const congratulations = (personId: string) => db.outboxMessage.findMany({ where: { personId, kind: "program-completed" } });

type CatalogPage = {
  programs: {
    slug: string;
    requiredSessions: number;
    attendedSessions: number;
    completedAt: string | null;
    certificateCode: string | null;
    courses: unknown[];
  }[];
};
const catalog = async (cookie: string) =>
  ((await (await settle(() => catalogLoader({ request: getRequest("/courses", cookie), params: {}, context: {} }))).json()) as CatalogPage).programs[0]!;

beforeAll(async () => {
  // The program needs its course and one attended handledning session.
  await syncContent(writeContent(basicContent("requiredSessions: 1")));
});

async function finishLessons(personId: string, slugs: string[]) {
  for (const slug of slugs) await recordLessonCompletion(db, personId, await lessonId(slug), new Date());
}

describe("completing a program", () => {
  it("the last lesson, after the handledning, shows the confirmation, and gives one certificate and one congratulation", async () => {
    const me = await signedIn();
    const facilitator = await createPerson({ roles: ["facilitator"] });
    expect(await catalog(me.cookie)).toMatchObject({ requiredSessions: 1, attendedSessions: 0, completedAt: null, certificateCode: null });

    const past = await scheduleSessions(
      actorOf(facilitator),
      scheduleInput({ title: "Handledning", date: "2026-03-10", participantIds: [me.id] }),
      new Date("2026-03-01T09:00:00Z"),
    );
    if (!past.ok) throw new Error(past.message);
    expect((await recordAttendance(actorOf(facilitator), past.value.ids[0]!, { [me.id]: "attended" }, new Date("2026-03-10T18:00:00Z"))).ok).toBe(true);
    expect(await catalog(me.cookie)).toMatchObject({ attendedSessions: 1, completedAt: null });
    expect(await congratulations(me.id)).toHaveLength(0);

    await finishLessons(me.id, ["t-quiz", "t-reflektion", "t-uppgift"]);
    const read = () =>
      settle(() =>
        lessonAction({
          request: formRequest("/courses/testkurs/t-las", { intent: "read" }, { cookie: me.cookie }),
          params: { courseSlug: "testkurs", lessonSlug: "t-las" },
          context: {},
        }),
      );
    const done = await read();
    expect(done).toRedirectTo("/courses#genomfort");

    const page = await catalog(me.cookie);
    expect(page.completedAt).not.toBeNull();
    expect(page.certificateCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const [mail] = await congratulations(me.id);
    expect(mail!.subject).toBe("Grattis! Du har genomfört Testprogrammet");
    expect(mail!.text).toContain(`http://localhost:3000/verifiera/${page.certificateCode}`);

    // Anyone can check it, without a login; it names the program, not a course.
    const verified = await (
      await settle(() => verifyLoader({ request: getRequest(`/verifiera/${page.certificateCode}`), params: { code: page.certificateCode! }, context: {} }))
    ).json();
    expect(verified).toMatchObject({ valid: true, name: me.name, course: null, program: "Testprogrammet" });
    const own = await settle(() =>
      certificateLoader({ request: getRequest(`/certificates/${page.certificateCode}`, me.cookie), params: { code: page.certificateCode! }, context: {} }),
    );
    expect(own.status).toBe(200);
    // Someone else's certificate page is refused; its public check is not.
    const other = await signedIn();
    const refused = await settle(() =>
      certificateLoader({ request: getRequest(`/certificates/${page.certificateCode}`, other.cookie), params: { code: page.certificateCode! }, context: {} }),
    );
    expect(refused.status).toBe(403);

    // Reading the lesson again, or the course completing again, changes nothing and sends nothing more.
    expect(await read()).toRedirectTo("/courses/testkurs/t-quiz");
    await recordAttendance(actorOf(facilitator), past.value.ids[0]!, { [me.id]: "attended" }, new Date("2026-03-10T19:00:00Z"));
    expect(await congratulations(me.id)).toHaveLength(1);
    expect(await db.completion.count({ where: { personId: me.id, scope: "program" } })).toBe(1);
  });

  it("the handledning as the last requirement completes it too, with the same single congratulation", async () => {
    const learner = await createPerson();
    const facilitator = await createPerson({ roles: ["facilitator"] });
    await finishLessons(learner.id, ["t-las", "t-quiz", "t-reflektion", "t-uppgift"]);
    const { refreshCompletions } = await import("~/modules/progress/course-progress.server");
    const courseId = (await db.course.findUniqueOrThrow({ where: { slug: "testkurs" } })).id;
    expect(await refreshCompletions(db, learner.id, courseId)).toBe(false);
    const s = await scheduleSessions(
      actorOf(facilitator),
      scheduleInput({ title: "Handledning två", date: "2026-03-11", participantIds: [learner.id] }),
      new Date("2026-03-01T09:00:00Z"),
    );
    if (!s.ok) throw new Error(s.message);
    await Promise.all([
      recordAttendance(actorOf(facilitator), s.value.ids[0]!, { [learner.id]: "attended" }, new Date("2026-03-11T18:00:00Z")),
      recordAttendance(actorOf(facilitator), s.value.ids[0]!, { [learner.id]: "attended" }, new Date("2026-03-11T18:00:00Z")),
    ]);
    expect(await congratulations(learner.id)).toHaveLength(1);
    expect(await db.completion.count({ where: { personId: learner.id, scope: "program" } })).toBe(1);
  });
});

describe("Fortsätt där du slutade on the home page", () => {
  it("points at the lesson opened last if unfinished, else the next required one; nothing when all is done", async () => {
    const me = await signedIn();
    const home = async () =>
      (
        (await (await settle(() => homeLoader({ request: getRequest("/", me.cookie), params: {}, context: { clientAddress: "203.0.113.40" } }))).json()) as {
          continueAt: { lessonSlug: string; courseSlug: string; fresh: boolean } | null;
        }
      ).continueAt;
    expect(await home()).toBeNull();
    const now = Date.now();
    await recordLessonVisit(db, me.id, await lessonId("t-las"), new Date(now - 3 * DAY));
    await recordLessonVisit(db, me.id, await lessonId("t-reflektion"), new Date(now - DAY));
    expect(await home()).toMatchObject({ courseSlug: "testkurs", lessonSlug: "t-reflektion", fresh: false });
    await recordLessonCompletion(db, me.id, await lessonId("t-reflektion"), new Date(now - DAY));
    // The last one is done: the first required lesson not done.
    expect(await home()).toMatchObject({ lessonSlug: "t-las" });
    await finishLessons(me.id, ["t-las", "t-quiz", "t-uppgift"]);
    expect(await home()).toBeNull();
  });
});
