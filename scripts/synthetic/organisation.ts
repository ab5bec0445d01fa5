// A national-size organisation for benchmarks: branches, people in every
// position, their learning, cohorts, handledning sessions and crisis plans,
// generated from one seed. Content (courses, crisis template, goals) is
// loaded the same way `npm start` loads it; only the people and what they
// did are made up.
import { db } from "~/db.server";
import { branchSlug } from "~/modules/branches/branches";
import { ensurePlan } from "~/modules/crisis/crisis.server";
import { takeSnapshots } from "~/modules/goals/goals.server";
import { isLeadingPosition, type PositionKey } from "~/modules/people/positions";
import type { BulkWriter } from "./bulk-writer";
import { createRandom, type Random } from "./random";
import { FIRST_NAMES, LAST_NAMES, SYNTHETIC_DOMAIN, branchNames, type Size } from "./sizes";

const DAY = 86_400_000;
const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

export interface Progress {
  phase(name: string, total: number): void;
  tick(n?: number): void;
}

interface CatalogLesson {
  id: string;
  moduleId: string;
  type: string;
  required: boolean;
}
interface CatalogCourse {
  id: string;
  programId: string;
  version: number;
  required: boolean;
  modules: { id: string; required: boolean; lessons: CatalogLesson[] }[];
}
interface CatalogProgram {
  id: string;
  slug: string;
  requiredSessions: number;
  courses: CatalogCourse[];
}

interface SyntheticPerson {
  id: string;
  branchIndex: number;
  position: PositionKey;
  isFacilitator: boolean;
  isAdmin: boolean;
}

/** Position mix of a branch: a handful of leaders, many members. */
function positionFor(random: Random, indexInBranch: number): PositionKey {
  if (indexInBranch === 0) return "ordforande";
  if (indexInBranch === 1) return "gruppledare";
  if (indexInBranch < 4) return "kommunalrad";
  const r = random.next();
  if (r < 0.01) return "regionrad";
  if (r < 0.015) return "riksdagsledamot";
  if (r < 0.25) return "ledamot";
  if (r < 0.4) return "ersattare";
  return "medlem";
}

function certificateCode(random: Random): string {
  const c = Array.from({ length: 12 }, () => CODE_ALPHABET[random.int(0, CODE_ALPHABET.length - 1)]).join("");
  return `${c.slice(0, 4)}-${c.slice(4, 8)}-${c.slice(8)}`;
}

const id = (kind: string, n: number) => `syn${kind}${n.toString(36).padStart(6, "0")}`;

/** Ten elective courses beside the district's two programs, so a national organisation has enough to learn. */
async function addElectiveCatalog(writer: BulkWriter, now: Date) {
  const programId = "synprog-fordjupning";
  await writer.insert("Program", {
    id: programId,
    slug: "fordjupning",
    title: "Fördjupningskurser",
    descriptionHtml: "<p>Valfria kurser för den som vill gå vidare.</p>",
    order: 3,
    enrolmentOnly: false,
    requiredSessions: 0,
    retiredAt: null,
    updatedAt: now,
  });
  const topics = [
    "Mötesteknik",
    "Sociala medier",
    "Budgetarbete",
    "Medlemsvärvning",
    "Debatt",
    "Förhandling",
    "Arbetsrätt",
    "Valrörelse",
    "Föreningsjuridik",
    "Hållbarhet",
  ];
  let lessonNo = 0;
  for (const [c, topic] of topics.entries()) {
    const courseId = `syncourse${c}`;
    await writer.insert("Course", {
      id: courseId,
      slug: `fordjupning-${branchSlug(topic)}`,
      programId,
      title: topic,
      summaryHtml: `<p>En fördjupning i ${topic.toLowerCase()}.</p>`,
      order: c + 1,
      required: false,
      version: 1,
      requirementsHash: "",
      retiredAt: null,
      updatedAt: now,
    });
    for (let m = 0; m < 3; m++) {
      const moduleId = `synmodule${c}-${m}`;
      await writer.insert("Module", {
        id: moduleId,
        courseId,
        slug: `del-${m + 1}`,
        title: `${topic}, del ${m + 1}`,
        introHtml: "",
        order: m + 1,
        required: true,
        retiredAt: null,
      });
      for (let l = 0; l < 4; l++) {
        lessonNo++;
        await writer.insert("Lesson", {
          id: `synlesson${lessonNo}`,
          slug: `fordjupning-${branchSlug(topic)}-${m + 1}-${l + 1}`,
          moduleId,
          title: `${topic} ${m + 1}.${l + 1}`,
          type: "text",
          order: l + 1,
          required: true,
          minutes: 10,
          bodyHtml: `<p>${topic}: lektion ${l + 1} i del ${m + 1}. ${"Texten handlar om hur vi arbetar tillsammans i arbetarekommunen. ".repeat(12)}</p>`,
          questions: "[]",
          contentHash: `synthetic-${lessonNo}`,
          sourceFile: "(syntetisk)",
          retiredAt: null,
          updatedAt: now,
        });
      }
    }
  }
  await writer.flush();
}

async function loadCatalog(): Promise<CatalogProgram[]> {
  const programs = await db.program.findMany({
    where: { retiredAt: null },
    orderBy: { order: "asc" },
    include: {
      courses: {
        where: { retiredAt: null },
        orderBy: { order: "asc" },
        include: {
          modules: { where: { retiredAt: null }, orderBy: { order: "asc" }, include: { lessons: { where: { retiredAt: null }, orderBy: { order: "asc" } } } },
        },
      },
    },
  });
  return programs.map((p) => ({
    id: p.id,
    slug: p.slug,
    requiredSessions: p.requiredSessions,
    courses: p.courses.map((c) => ({
      id: c.id,
      programId: p.id,
      version: c.version,
      required: c.required,
      modules: c.modules.map((m) => ({
        id: m.id,
        required: m.required,
        lessons: m.lessons.map((l) => ({ id: l.id, moduleId: m.id, type: l.type, required: l.required })),
      })),
    })),
  }));
}

export interface GenerateOptions {
  size: Size;
  seed: number;
  /** Everything is dated relative to this instant. */
  anchor: Date;
  passwordHash: string;
  writer: BulkWriter;
  progress: Progress;
}

export async function generateOrganisation({ size, seed, anchor, passwordHash, writer, progress }: GenerateOptions) {
  const random = createRandom(seed);
  const ago = (days: number) => new Date(anchor.getTime() - days * DAY);
  const between = (from: Date, to: Date) => new Date(from.getTime() + random.next() * Math.max(0, to.getTime() - from.getTime()));

  // Branches
  progress.phase("Arbetarekommuner", size.branches);
  const branchIds: string[] = [];
  for (const [i, name] of branchNames(size.branches).entries()) {
    const bid = id("branch", i);
    branchIds.push(bid);
    await writer.insert("Branch", { id: bid, slug: branchSlug(name), name, createdAt: ago(900), updatedAt: ago(900) });
    progress.tick();
  }
  await writer.flush();
  await addElectiveCatalog(writer, anchor);
  const catalog = await loadCatalog();

  // People: spread over branches, with a few admins and about one Utvecklingsledare per 50 people.
  progress.phase("Personer", size.people);
  const people: SyntheticPerson[] = [];
  const perBranch = new Array<number>(size.branches).fill(0);
  const facilitatorCount = Math.max(4, Math.round(size.people / 50));
  for (let n = 0; n < size.people; n++) {
    // Bigger branches first, like a real district: branch i gets weight 1/(1 + i/10).
    let branchIndex = n < size.branches * 4 ? n % size.branches : Math.floor(Math.pow(random.next(), 1.6) * size.branches);
    branchIndex = Math.min(size.branches - 1, branchIndex);
    const position = positionFor(random, perBranch[branchIndex]!++);
    const isAdmin = n < 3;
    const isFacilitator = !isAdmin && n < 3 + facilitatorCount;
    const first = random.pick(FIRST_NAMES);
    const last = random.pick(LAST_NAMES);
    const pid = id("person", n);
    const created = ago(random.int(60, 1000));
    const lastLogin = random.chance(0.9) ? between(created, anchor) : null;
    const role = isAdmin ? "admin" : isFacilitator ? "utvecklingsledare" : "deltagare";
    people.push({ id: pid, branchIndex, position, isFacilitator, isAdmin });
    await writer.insert("Person", {
      id: pid,
      email: `${role}-${n}@${SYNTHETIC_DOMAIN}`,
      name: `${first} ${last}`,
      position,
      branchId: branchIds[branchIndex]!,
      isParticipant: !isAdmin,
      isFacilitator,
      isAdmin,
      active: random.chance(0.98),
      lastLoginAt: lastLogin,
      createdAt: created,
      updatedAt: created,
    });
    await writer.insert("Password", { personId: pid, hash: passwordHash, updatedAt: created });
    progress.tick();
  }
  await writer.flush();
  const facilitators = people.filter((p) => p.isFacilitator);
  for (const [i, f] of facilitators.entries()) {
    for (const b of new Set([f.branchIndex, i % size.branches, (i * 7) % size.branches])) {
      await writer.insert("BranchSupport", { facilitatorId: f.id, branchId: branchIds[b]!, createdAt: ago(800) });
    }
  }
  await writer.flush();

  // Learning: each participant works through programs in an order that suits their position.
  const learners = people.filter((p) => !p.isAdmin);
  const bySlug = new Map(catalog.map((p) => [p.slug, p]));
  const order = (leader: boolean) =>
    (leader ? ["ledarskapsprogrammet", "kommunikatorsutbildningen", "fordjupning"] : ["kommunikatorsutbildningen", "fordjupning", "ledarskapsprogrammet"])
      .map((s) => bySlug.get(s))
      .filter((p): p is CatalogProgram => Boolean(p));
  const programCompletions: { personId: string; programId: string; at: Date }[] = [];
  progress.phase("Lärande (personer)", learners.length);
  let serial = 0;
  for (const person of learners) {
    const programs = order(isLeadingPosition(person.position));
    const lessons = programs.flatMap((p) => p.courses.flatMap((c) => c.modules.flatMap((m) => m.lessons)));
    const wanted = Math.min(lessons.length, Math.max(0, Math.round(size.progressPerPerson + (random.next() - 0.5) * 2 * size.progressPerPerson * 0.6)));
    const unfinished = wanted === 0 ? 0 : random.int(0, 3);
    const start = ago(random.int(30, 720));
    const span = anchor.getTime() - start.getTime();
    const completedAt = new Map<string, Date>();
    for (let i = 0; i < wanted; i++) {
      const lesson = lessons[i]!;
      const at = new Date(start.getTime() + (span * (i + 1)) / (wanted + 1));
      const done = i < wanted - unfinished;
      if (done) completedAt.set(lesson.id, at);
      await writer.insert("LessonProgress", {
        id: id("lp", serial++),
        personId: person.id,
        lessonId: lesson.id,
        firstViewedAt: at,
        lastViewedAt: at,
        completedAt: done ? at : null,
      });
      if (done && lesson.type === "quiz")
        await writer.insert("QuizAttempt", { id: id("qa", serial), personId: person.id, lessonId: lesson.id, answers: "{}", correct: true, createdAt: at });
      if (done && lesson.type === "reflection")
        await writer.insert("Reflection", {
          id: id("rf", serial),
          personId: person.id,
          lessonId: lesson.id,
          text: "Jag tar med mig att lyssna mer och förklara tydligare varför vi gör som vi gör.",
          shared: random.chance(0.3),
          createdAt: at,
          updatedAt: at,
        });
      if (done && lesson.type === "assignment") {
        const reviewed = random.chance(0.7);
        await writer.insert("AssignmentSubmission", {
          id: id("as", serial),
          personId: person.id,
          lessonId: lesson.id,
          text: "Jag skrev ett debattinlägg om kollektivtrafiken och fick det publicerat i lokaltidningen.",
          status: reviewed ? "approved" : "submitted",
          reviewerId: reviewed ? random.pick(facilitators).id : null,
          comment: reviewed ? "Bra jobbat!" : null,
          submittedAt: at,
          reviewedAt: reviewed ? at : null,
        });
      }
    }
    progress.tick();
    // Completions exactly where the rules would grant them (see app/modules/progress/completion.ts).
    for (const program of programs) {
      let programDone = true;
      let programAt = new Date(0);
      for (const course of program.courses) {
        let courseDone = true;
        let courseAt = new Date(0);
        for (const module of course.modules) {
          const required = module.lessons.filter((l) => l.required);
          const done = required.length > 0 && required.every((l) => completedAt.has(l.id));
          if (done) {
            const at = new Date(Math.max(...required.map((l) => completedAt.get(l.id)!.getTime())));
            await writer.insert("Completion", {
              id: id("cm", serial++),
              personId: person.id,
              scope: "module",
              scopeId: module.id,
              completedAt: at,
              version: 1,
              certificateCode: null,
            });
            if (at > courseAt) courseAt = at;
          } else if (module.required) courseDone = false;
        }
        if (courseDone) {
          await writer.insert("Completion", {
            id: id("cc", serial++),
            personId: person.id,
            scope: "course",
            scopeId: course.id,
            completedAt: courseAt,
            version: course.version,
            certificateCode: certificateCode(random),
          });
          if (courseAt > programAt) programAt = courseAt;
        } else if (course.required) programDone = false;
      }
      if (programDone && program.courses.some((c) => c.required)) programCompletions.push({ personId: person.id, programId: program.id, at: programAt });
    }
  }
  await writer.flush();

  // Cohorts of the two programs, spread over two years back and half a year ahead.
  const realPrograms = catalog.filter((p) => p.slug !== "fordjupning");
  const learnersByBranch = new Map<number, SyntheticPerson[]>();
  for (const p of learners.filter((l) => !l.isFacilitator)) learnersByBranch.set(p.branchIndex, [...(learnersByBranch.get(p.branchIndex) ?? []), p]);
  progress.phase("Grupper", size.cohorts);
  interface CohortPlan {
    id: string;
    facilitatorId: string;
    members: string[];
    startsOn: Date;
    endsOn: Date;
  }
  const cohorts: CohortPlan[] = [];
  for (let c = 0; c < size.cohorts; c++) {
    const program = realPrograms[c % realPrograms.length]!;
    const cid = id("cohort", c);
    const startsOn = ago(random.int(-180, 700));
    const endsOn = new Date(startsOn.getTime() + random.int(60, 150) * DAY);
    const capacity = random.int(15, 30);
    const branches = random.sample(
      branchIds.map((_, i) => i),
      random.int(1, 3),
    );
    const pool = branches.flatMap((b) => learnersByBranch.get(b) ?? []);
    const chosen = random.sample(pool, Math.min(pool.length, random.int(10, capacity + 4)));
    const facilitator = facilitators[c % facilitators.length]!;
    const ended = endsOn < anchor;
    const statuses = chosen.map((_, i) =>
      i >= capacity ? "waitlisted" : random.chance(0.06) ? "withdrawn" : ended && random.chance(0.5) ? "completed" : "enrolled",
    );
    const seated = statuses.filter((s) => s === "enrolled" || s === "completed").length;
    await writer.insert("Cohort", {
      id: cid,
      programId: program.id,
      name: `${program.slug === "ledarskapsprogrammet" ? "Ledarskapsprogrammet" : "Kommunikatörsutbildningen"} ${startsOn.toISOString().slice(0, 7)}, grupp ${c + 1}`,
      startsOn,
      endsOn,
      enrolmentOpensAt: new Date(startsOn.getTime() - 60 * DAY),
      enrolmentClosesAt: new Date(startsOn.getTime() - 7 * DAY),
      capacity,
      seatsTaken: seated,
      mode: c % 5 === 0 ? "approval" : "open",
      eligiblePositions: "",
      createdAt: new Date(startsOn.getTime() - 70 * DAY),
      updatedAt: startsOn,
    });
    await writer.insert("CohortFacilitator", { cohortId: cid, personId: facilitator.id });
    for (const b of branches) await writer.insert("CohortBranch", { cohortId: cid, branchId: branchIds[b]! });
    for (const [i, member] of chosen.entries()) {
      const status = statuses[i]!;
      await writer.insert("Enrolment", {
        id: id("en", serial++),
        cohortId: cid,
        personId: member.id,
        status,
        waitlistedAt: status === "waitlisted" ? startsOn : null,
        enrolledAt: status === "waitlisted" ? null : new Date(startsOn.getTime() - 14 * DAY),
        reason: status === "withdrawn" ? "Tidsbrist" : null,
        decidedById: null,
        createdAt: new Date(startsOn.getTime() - 20 * DAY),
        updatedAt: startsOn,
      });
    }
    cohorts.push({
      id: cid,
      facilitatorId: facilitator.id,
      members: chosen.filter((_, i) => statuses[i] !== "waitlisted" && statuses[i] !== "withdrawn").map((m) => m.id),
      startsOn,
      endsOn,
    });
    progress.tick();
  }
  await writer.flush();

  // Handledning: Ledarskapsprogrammet's required one-to-one sessions for those who finished it, then group sessions per cohort.
  progress.phase("Handledningstillfällen", size.sessions);
  let sessionsMade = 0;
  const session = async (facilitatorId: string, cohortId: string | null, kind: "group" | "one-to-one", startsAt: Date, attendees: string[]) => {
    const sid = id("session", sessionsMade++);
    const past = startsAt < anchor;
    await writer.insert("HandledningSession", {
      id: sid,
      uid: `${sid}@ledarlyftet.se`,
      facilitatorId,
      cohortId,
      kind,
      title: kind === "group" ? "Gruppträff" : "Handledning",
      agenda: "Avstämning och nästa steg.",
      location: "Folkets hus",
      videoUrl: null,
      startsAt,
      endsAt: new Date(startsAt.getTime() + (kind === "group" ? 120 : 60) * 60_000),
      capacity: null,
      status: random.chance(0.03) ? "cancelled" : "scheduled",
      isOpenSlot: false,
      sequence: 0,
      seriesId: null,
      createdAt: new Date(startsAt.getTime() - 30 * DAY),
      updatedAt: startsAt,
    });
    for (const personId of attendees) {
      const status = past ? (random.chance(0.85) ? "attended" : "absent") : random.pick(["invited", "accepted", "accepted", "declined"]);
      await writer.insert("Attendance", {
        id: id("at", serial++),
        sessionId: sid,
        personId,
        status,
        respondedAt: status === "invited" ? null : startsAt,
        createdAt: new Date(startsAt.getTime() - 30 * DAY),
        updatedAt: startsAt,
      });
    }
    progress.tick();
  };
  const leadership = bySlug.get("ledarskapsprogrammet");
  for (const done of programCompletions) {
    if (done.programId !== leadership?.id || sessionsMade >= size.sessions) continue;
    for (let s = 0; s < leadership.requiredSessions; s++) {
      await session(random.pick(facilitators).id, null, "one-to-one", new Date(done.at.getTime() - (s + 1) * 20 * DAY), [done.personId]);
    }
  }
  for (let i = 0; sessionsMade < size.sessions; i++) {
    const cohort = cohorts[i % cohorts.length]!;
    const span = cohort.endsOn.getTime() - cohort.startsOn.getTime();
    const at = new Date(cohort.startsOn.getTime() + random.next() * span);
    at.setUTCHours(16, 0, 0, 0);
    const oneToOne = random.chance(0.4) && cohort.members.length > 0;
    await session(cohort.facilitatorId, cohort.id, oneToOne ? "one-to-one" : "group", at, oneToOne ? [random.pick(cohort.members)] : cohort.members);
  }
  for (const done of programCompletions) {
    await writer.insert("Completion", {
      id: id("cp", serial++),
      personId: done.personId,
      scope: "program",
      scopeId: done.programId,
      completedAt: done.at,
      version: 1,
      certificateCode: null,
    });
  }
  await writer.flush();

  // Crisis plans: every branch has one, at various stages.
  progress.phase("Krisplaner", size.branches);
  for (const branchId of branchIds) {
    const plan = await ensurePlan(branchId);
    const items = await db.crisisPlanItem.findMany({ where: { planId: plan.id }, select: { id: true } });
    const ready = random.next();
    for (const item of items) {
      const r = random.next();
      const status = r < ready ? "done" : r < ready + 0.2 ? "in-progress" : "not-started";
      if (status !== "not-started") await db.crisisPlanItem.update({ where: { id: item.id }, data: { status } });
    }
    if (random.chance(0.6)) await db.crisisPlan.update({ where: { id: plan.id }, data: { reviewedAt: ago(random.int(10, 500)) } });
    progress.tick();
  }

  // A year of monthly goal snapshots, so trends have a history.
  progress.phase("Målsnapshots", 12);
  for (let m = 11; m >= 0; m--) {
    const at = new Date(Date.UTC(anchor.getUTCFullYear(), anchor.getUTCMonth() - m, 1, 6));
    await takeSnapshots(at);
    progress.tick();
  }
  return { branches: branchIds.length, people: people.length, cohorts: cohorts.length, sessions: sessionsMade, firstParticipant: 3 + facilitatorCount };
}
