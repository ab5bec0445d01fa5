/**
 * Every route that takes an id, attacked with a real id that belongs to
 * someone else. The list of routes is read from app/routes: a new route file
 * with a `$param` fails this test until it has an entry in CASES below.
 *
 * Public by design (no login; the code or token in the URL is the key):
 *   $                 unknown paths: 404 inside the layout
 *   kalender.$file    calendar apps cannot log in; the feed token is the secret
 *   password.$token   invite and reset links are opened before anyone is signed in
 *   paminnelser.$token a reminder's stop link (and mail clients' one-click POST); the person's id, signed
 *   verifiera.$code   anyone handed a certificate checks it; shows only what is printed on it
 * These are probed with unknown and malformed codes, and must reveal nothing.
 *
 * Open to every signed-in member by design:
 *   cohorts.$cohortId._index   the cohort's description (people enrol from it); its participant
 *                              list and decisions stay with its facilitators and admins
 *   handbok.$courseSlug(.pdf)  a handbook course's text, as its course page is (an enrolment-only
 *                              program's course is its participants'); never a knowledge check's answers
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, transaction } from "~/db.server";
import { actorOf } from "~/modules/auth/session.server";
import { issueAccountToken } from "~/modules/auth/account-tokens.server";
import { issueFeedToken } from "~/modules/calendar/feed.server";
import { ensurePlan } from "~/modules/crisis/crisis.server";
import { unsubscribeToken } from "~/modules/mail/preferences.server";
import { checkUpload, uploadManual } from "~/modules/manuals/manuals.server";
import { scheduleSessions } from "~/modules/sessions/sessions.server";
import { approvalCohort, attackWorld } from "./attack-world";
import { handbookContent } from "./content-fixture";
import { isoDay } from "../support/dates";
import { branchId, createPerson, signedIn } from "./helpers";
import { fillPattern, routeFiles, routeParams, routePattern, startRemixApp, type RemixApp } from "./remix-app";

type Person = Awaited<ReturnType<typeof signedIn>>;
type Form = Record<string, string | string[]>;

interface Protected {
  kind: "protected";
  params: Record<string, string>;
  /** Someone who may open it: proves the id is real. */
  insider: Person;
  /** Signed in, without access to this id. */
  outsiders: Person[];
  /** The post a forger would send, for routes with an action. */
  forgedPost?: Form;
  /** Text of the resource that must not reach an outsider. */
  secrets: string[];
  /** A signed-in member may open the page itself (see the file comment), but not see `secrets`. */
  openToMembers?: boolean;
  /** Checks that the forged post changed nothing. */
  unchanged?: () => Promise<void>;
}

interface Public {
  kind: "public";
  /** A URL that works (the code or token is valid). */
  valid?: { url: string; status: number };
  /** Unknown or malformed codes, by raw URL: each must answer one of `refused` and reveal nothing. */
  probes: string[];
  refused: number[];
  forgedPost?: { url: string; form: Form; refused: number[]; unchanged: () => Promise<void> };
}

type Case = Protected | Public;

let app: RemixApp;
const w = {} as {
  admin: Person;
  f1: Person;
  f2: Person;
  learner: Person;
  stranger: Person;
  applicant: Person;
  gChair: Person;
  gMember: Person;
  kChair: Person;
  lulea: string;
  cohortId: string;
  pendingId: string;
  reflectionId: string;
  privateReflectionId: string;
  submissionId: string;
  certificate: string;
  sessionId: string;
  feedToken: string;
  inviteToken: string;
  invited: { id: string; name: string; email: string };
  indicatorKey: string;
  manualId: string;
};

const CRISIS_PHONE = "070-999 88 77";
const SECRET_REFLECTION = "Min hemliga reflektion om ledarskap";
const SECRET_SUBMISSION = "Min inlämning om kommunikationsmodellen, bara för min utvecklingsledare.";
const SECRET_MANUAL = "Hemlig samtalsguide bara för utvecklingsledare";

beforeAll(async () => {
  app = await startRemixApp();
  Object.assign(
    w,
    await attackWorld({
      content: {
        ...handbookContent(),
        "programs/stangt.md": "---\nkind: program\nprogram: stangt\ntitle: Stängt program\norder: 2\nenrolmentOnly: true\n---\n",
        "stangd/_course.md": "---\nkind: course\nprogram: stangt\ncourse: stangd-kurs\ntitle: Stängd kurs\norder: 1\n---\n",
        "stangd/m/_module.md": "---\nkind: module\ncourse: stangd-kurs\nmodule: m\ntitle: M\norder: 1\n---\n",
        "stangd/m/l.md":
          "---\nprogram: stangt\ncourse: stangd-kurs\nmodule: m\nlesson: s-lektion\ntitle: Hemlig lektion\norder: 1\ntype: text\n---\nText som bara anmälda läser.\n",
      },
    }),
  );
  w.f2 = await signedIn({ roles: ["facilitator"], branch: "Kiruna" });
  w.stranger = await signedIn({ branch: "Kiruna" });
  w.applicant = await signedIn({ branch: "Luleå" });
  w.gChair = await signedIn({ branch: "Gällivare", position: "ordforande" });
  w.gMember = await signedIn({ branch: "Gällivare", position: "medlem" });
  w.kChair = await signedIn({ branch: "Kiruna", position: "ordforande" });
  await db.branchSupport.create({ data: { facilitatorId: w.f2.id, branchId: await branchId("Kiruna") } });

  const program = await db.program.findUniqueOrThrow({ where: { slug: "testprogram" } });
  w.cohortId = await approvalCohort({ admin: w.admin, programId: program.id }, w.f1, "Omgång för f1");
  w.pendingId = (await db.enrolment.create({ data: { cohortId: w.cohortId, personId: w.applicant.id, status: "pending" } })).id;

  const lesson = (slug: string) => db.lesson.findUniqueOrThrow({ where: { slug } });
  w.reflectionId = (
    await db.reflection.create({ data: { personId: w.learner.id, lessonId: (await lesson("t-reflektion")).id, text: SECRET_REFLECTION, shared: true } })
  ).id;
  w.privateReflectionId = (
    await db.reflection.create({ data: { personId: w.applicant.id, lessonId: (await lesson("t-reflektion")).id, text: "Privat", shared: false } })
  ).id;
  w.submissionId = (
    await db.assignmentSubmission.create({ data: { personId: w.learner.id, lessonId: (await lesson("t-uppgift")).id, text: SECRET_SUBMISSION } })
  ).id;
  const course = await db.course.findUniqueOrThrow({ where: { slug: "testkurs" } });
  w.certificate = "ABCD-EFGH-JKLM";
  await db.completion.create({ data: { personId: w.learner.id, scope: "course", scopeId: course.id, certificateCode: w.certificate } });

  const scheduled = await scheduleSessions(actorOf(w.f1), {
    kind: "one-to-one",
    title: "Samtal med f1",
    agenda: "Personlig agenda",
    date: isoDay(10),
    startTime: "18:00",
    endTime: "19:00",
    location: "Luleå",
    videoUrl: "",
    cohortId: "",
    participantIds: [w.learner.id],
    capacity: "",
    repeatWeeks: 0,
    occurrences: 1,
  });
  if (!scheduled.ok) throw new Error(scheduled.message);
  w.sessionId = scheduled.value.ids[0]!;
  w.feedToken = await issueFeedToken(w.learner.id);

  const invited = await createPerson({ branch: "Luleå" });
  await db.password.delete({ where: { personId: invited.id } });
  w.invited = invited;
  w.inviteToken = await transaction((tx) => issueAccountToken(tx, invited.id, "invite"));
  w.indicatorKey = (await db.indicator.findFirstOrThrow({ orderBy: { key: "asc" } })).key;
  const plan = await ensurePlan(await branchId("Gällivare"));
  await db.crisisContact.create({ data: { planId: plan.id, name: "Krisgruppen Gällivare", role: "Krisgrupp", phone: CRISIS_PHONE, order: 1 } });
  // A manual for Utvecklingsledare only, its secret inside the file's bytes.
  const file = await checkUpload(new File([`%PDF-1.4\n% ${SECRET_MANUAL}\n`], "guide.pdf"));
  if (!file.ok) throw new Error(file.message);
  const manual = await uploadManual(actorOf(w.admin), { title: "Samtalsguide", description: "", category: "ledarskap", audience: ["facilitator"] }, file.value);
  if (!manual.ok) throw new Error(manual.message);
  w.manualId = manual.value.manualId;
}, 60_000);

afterAll(async () => {
  await app?.close();
});

/** Every route file with a `$param`, and what an attack on it must meet. Keyed by file name. */
const CASES: Record<string, () => Promise<Case>> = {
  "$.tsx": async () => ({
    kind: "public",
    forgedPost: { url: "/finns-inte", form: { intent: "delete" }, refused: [404], unchanged: async () => {} },
    probes: ["/finns-inte", "/admin/people/x/y/z", "/..%2f..%2fetc%2fpasswd", "/%2e%2e/%2e%2e/etc/passwd", "/etc/passwd%00.html", `/${"a".repeat(5000)}`],
    refused: [404],
  }),
  "admin.branches.$branchId.tsx": async () => ({
    kind: "protected",
    params: { branchId: w.lulea },
    insider: w.admin,
    outsiders: [w.f1, w.learner],
    forgedPost: { name: "Hackad" },
    secrets: [],
    unchanged: async () => expect((await db.branch.findUniqueOrThrow({ where: { id: w.lulea } })).name).toBe("Luleå"),
  }),
  "admin.branches.$branchId.export[.csv].ts": async () => ({
    kind: "protected",
    params: { branchId: w.lulea },
    insider: w.admin,
    // Luleå's own Utvecklingsledare too: a branch's progress is the district's to follow up.
    outsiders: [w.f1, w.learner],
    secrets: [w.learner.email, "Obligatoriska lektioner"],
  }),
  "admin.goals.$key.tsx": async () => ({
    kind: "protected",
    params: { key: w.indicatorKey },
    insider: w.admin,
    outsiders: [w.f1, w.learner],
    forgedPost: { intent: "entry", period: "2026", value: "99", source: "Förfalskad", measuredOn: "2026-01-01" },
    secrets: [],
    unchanged: async () => expect(await db.indicatorEntry.count({ where: { source: "Förfalskad" } })).toBe(0),
  }),
  "admin.people.$personId.tsx": async () => ({
    kind: "protected",
    params: { personId: w.learner.id },
    insider: w.admin,
    outsiders: [w.f1, w.stranger],
    forgedPost: { intent: "deactivate" },
    secrets: [w.learner.email],
    unchanged: async () => expect((await db.person.findUniqueOrThrow({ where: { id: w.learner.id } })).active).toBe(true),
  }),
  "admin.people.$personId_.erase.tsx": async () => ({
    kind: "protected",
    params: { personId: w.learner.id },
    insider: w.admin,
    outsiders: [w.f1, w.stranger],
    forgedPost: { confirmEmail: w.learner.email },
    secrets: [w.learner.email],
    unchanged: async () => expect((await db.person.findUniqueOrThrow({ where: { id: w.learner.id } })).erasedAt).toBeNull(),
  }),
  "certificates.$code.tsx": async () => ({
    kind: "protected",
    params: { code: w.certificate },
    insider: w.learner,
    // The learner's own Utvecklingsledare does not get to open the certificate page either.
    outsiders: [w.stranger, w.f1],
    secrets: [w.learner.name],
  }),
  "cohorts.$cohortId._index.tsx": async () => ({
    kind: "protected",
    params: { cohortId: w.cohortId },
    insider: w.f1,
    outsiders: [w.f2, w.stranger],
    openToMembers: true,
    forgedPost: { intent: "approve", enrolmentId: w.pendingId },
    secrets: [w.applicant.name, w.applicant.email],
    unchanged: async () => expect((await db.enrolment.findUniqueOrThrow({ where: { id: w.pendingId } })).status).toBe("pending"),
  }),
  "cohorts.$cohortId.bulk.tsx": async () => ({
    kind: "protected",
    params: { cohortId: w.cohortId },
    insider: w.f1,
    outsiders: [w.f2, w.stranger],
    forgedPost: { intent: "commit", personIds: [w.stranger.id] },
    secrets: [],
    unchanged: async () => expect(await db.enrolment.count({ where: { cohortId: w.cohortId, personId: w.stranger.id } })).toBe(0),
  }),
  "cohorts.$cohortId.export[.csv].ts": async () => {
    // The file lists participants, not applicants: someone enrolled, to be sure they do not reach an outsider.
    await db.enrolment.upsert({
      where: { cohortId_personId: { cohortId: w.cohortId, personId: w.learner.id } },
      create: { cohortId: w.cohortId, personId: w.learner.id, status: "enrolled", enrolledAt: new Date() },
      update: {},
    });
    return {
      kind: "protected",
      params: { cohortId: w.cohortId },
      insider: w.f1,
      outsiders: [w.f2, w.stranger, w.learner],
      secrets: [w.learner.email, "Obligatoriska lektioner"],
    };
  },
  "courses.$courseSlug.$lessonSlug.tsx": async () => ({
    kind: "protected",
    params: { courseSlug: "stangd-kurs", lessonSlug: "s-lektion" },
    insider: w.admin,
    outsiders: [w.stranger],
    forgedPost: { intent: "read" },
    secrets: ["Text som bara anmälda läser."],
    unchanged: async () => {
      await app.flushLessonVisits();
      expect(await db.lessonProgress.count({ where: { personId: w.stranger.id } })).toBe(0);
    },
  }),
  "courses.$courseSlug._index.tsx": async () => ({
    kind: "protected",
    params: { courseSlug: "stangd-kurs" },
    insider: w.admin,
    outsiders: [w.stranger],
    secrets: ["Hemlig lektion"],
  }),
  // The course editor: only Kursredaktörer and admins; the page's editor-only words are the secrets, and a forged save makes no draft.
  "redigera.$courseSlug._index.tsx": async () => ({
    kind: "protected",
    params: { courseSlug: "testkurs" },
    insider: w.admin,
    outsiders: [w.learner, w.f1, w.stranger],
    forgedPost: { intent: "details", revision: "0", title: "Kapad kurs", body: "" },
    secrets: ["Spara i utkastet", "Publicerad version"],
    unchanged: async () => expect(await db.courseDraft.count()).toBe(0),
  }),
  "redigera.$courseSlug.lektion.$lessonSlug.tsx": async () => ({
    kind: "protected",
    params: { courseSlug: "testkurs", lessonSlug: "t-quiz" },
    insider: w.admin,
    outsiders: [w.learner, w.f1, w.stranger],
    forgedPost: { intent: "save", revision: "0", title: "Kapad", minutes: "", body: "Kapad text" },
    // The right answers are in the editor, never for a learner.
    secrets: ["Spara i utkastet", "Rätt svar"],
    unchanged: async () => expect(await db.courseDraft.count()).toBe(0),
  }),
  "redigera.$courseSlug.modul.$moduleSlug.tsx": async () => ({
    kind: "protected",
    params: { courseSlug: "testkurs", moduleSlug: "m1" },
    insider: w.admin,
    outsiders: [w.learner, w.f1, w.stranger],
    forgedPost: { revision: "0", title: "Kapad modul", body: "" },
    secrets: ["Spara i utkastet"],
    unchanged: async () => expect(await db.courseDraft.count()).toBe(0),
  }),
  "redigera.$courseSlug.versioner.tsx": async () => ({
    kind: "protected",
    params: { courseSlug: "testkurs" },
    insider: w.admin,
    outsiders: [w.learner, w.f1, w.stranger],
    forgedPost: { revision: "0", number: "1" },
    secrets: ["Hämta som utkast", "Publicerade versioner"],
    unchanged: async () => expect(await db.courseDraft.count()).toBe(0),
  }),
  "handbok.$courseSlug.tsx": async () => ({
    kind: "protected",
    params: { courseSlug: "kommunikationsmodellen" },
    insider: w.learner,
    outsiders: [w.stranger, w.applicant],
    openToMembers: true,
    // The fixture's knowledge check: its feedback is course work, never handbook text.
    secrets: ["Ja, det stämmer.", "Nej, läs igen.", "A stämmer."],
  }),
  "handbok.$courseSlug[.pdf].ts": async () => ({
    kind: "protected",
    params: { courseSlug: "kommunikationsmodellen" },
    insider: w.learner,
    outsiders: [w.stranger, w.applicant],
    openToMembers: true,
    secrets: ["Ja, det stämmer.", "Nej, läs igen.", "A stämmer."],
  }),
  "crisis.$branchSlug._index.tsx": async () => ({
    kind: "protected",
    params: { branchSlug: "gallivare" },
    insider: w.gChair,
    // A plain member of the branch, the chair of another, and an Utvecklingsledare of another.
    outsiders: [w.gMember, w.kChair, w.f2],
    forgedPost: { intent: "reviewed" },
    secrets: [CRISIS_PHONE],
    unchanged: async () => expect((await db.crisisPlan.findFirstOrThrow({ where: { branch: { slug: "gallivare" } } })).reviewedAt).toBeNull(),
  }),
  "crisis.$branchSlug.now.tsx": async () => ({
    kind: "protected",
    params: { branchSlug: "gallivare" },
    insider: w.gMember,
    outsiders: [w.kChair, w.stranger],
    secrets: [CRISIS_PHONE],
  }),
  "crisis.$branchSlug.print.tsx": async () => ({
    kind: "protected",
    params: { branchSlug: "gallivare" },
    insider: w.gChair,
    outsiders: [w.gMember, w.kChair],
    secrets: [CRISIS_PHONE],
  }),
  "kalender.$file.ts": async () => ({
    kind: "public",
    valid: { url: `/kalender/${w.feedToken}.ics`, status: 200 },
    probes: [
      `/kalender/${"x".repeat(32)}.ics`,
      `/kalender/${w.feedToken}`,
      `/kalender/${w.feedToken.toUpperCase()}.ics`,
      "/kalender/..%2F..%2Fetc%2Fpasswd",
      "/kalender/%2e%2e%2f%2e%2e%2fdata%2fledarlyftet.db",
      `/kalender/${w.feedToken}%00.ics`,
      `/kalender/${"a".repeat(10_000)}.ics`,
      "/kalender/%FF%FE.ics",
      "/kalender/.ics",
    ],
    refused: [404],
  }),
  "e-post.$token.tsx": async () => {
    const [, , mac] = unsubscribeToken(w.learner.id, "learner-nudges").split(".");
    return {
      kind: "public",
      valid: { url: `/e-post/${unsubscribeToken(w.learner.id, "learner-nudges")}`, status: 200 },
      probes: [
        `/e-post/${w.learner.id}`,
        `/e-post/learner-nudges.${w.stranger.id}.${mac}`,
        `/e-post/weekly-digests.${w.learner.id}.${mac}`,
        `/e-post/${unsubscribeToken(w.learner.id, "learner-nudges")}x`,
        "/e-post/..%2F..%2Fetc%2Fpasswd",
        `/e-post/${"a".repeat(10_000)}`,
      ],
      refused: [404],
      forgedPost: {
        url: `/e-post/learner-nudges.${w.stranger.id}.${mac}`,
        form: { "List-Unsubscribe": "One-Click" },
        refused: [404],
        unchanged: async () => expect((await db.person.findUniqueOrThrow({ where: { id: w.stranger.id } })).learnerNudges).toBe(true),
      },
    };
  },
  "paminnelser.$token.tsx": async () => {
    // The old reminder links: "<person>.<mac>".
    const old = unsubscribeToken(w.learner.id, "session-reminders").split(".");
    return {
      kind: "public",
      valid: { url: `/paminnelser/${old[1]}.${old[2]}`, status: 200 },
      probes: [
        `/paminnelser/${w.learner.id}`,
        `/paminnelser/${w.stranger.id}.${old[2]}`,
        `/paminnelser/${old[1]}.${old[2]}x`,
        "/paminnelser/..%2F..%2Fetc%2Fpasswd",
        `/paminnelser/${"a".repeat(10_000)}`,
      ],
      refused: [404],
      forgedPost: {
        url: `/paminnelser/${w.stranger.id}.${old[2]}`,
        form: { "List-Unsubscribe": "One-Click" },
        refused: [404],
        unchanged: async () => expect((await db.person.findUniqueOrThrow({ where: { id: w.stranger.id } })).sessionReminders).toBe(true),
      },
    };
  },
  "password.$token.tsx": async () => ({
    kind: "public",
    valid: { url: `/password/${w.inviteToken}`, status: 200 },
    probes: [
      `/password/${"A".repeat(43)}`,
      `/password/${w.inviteToken.slice(0, -1)}`,
      "/password/..%2F..%2Fetc%2Fpasswd",
      `/password/${w.inviteToken}%00`,
      `/password/${"a".repeat(10_000)}`,
      "/password/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    ],
    refused: [410],
    forgedPost: {
      url: `/password/${"A".repeat(43)}`,
      form: { password: "ett-nytt-losenord-1", passwordConfirm: "ett-nytt-losenord-1" },
      refused: [400, 410],
      unchanged: async () => expect(await db.password.count({ where: { personId: w.invited.id } })).toBe(0),
    },
  }),
  "review.reflections.$reflectionId.tsx": async () => ({
    kind: "protected",
    params: { reflectionId: w.reflectionId },
    insider: w.f1,
    outsiders: [w.f2, w.stranger, w.applicant],
    secrets: [SECRET_REFLECTION],
  }),
  "review.submissions.$submissionId.tsx": async () => ({
    kind: "protected",
    params: { submissionId: w.submissionId },
    insider: w.f1,
    outsiders: [w.f2, w.stranger],
    forgedPost: { decision: "approve" },
    secrets: [SECRET_SUBMISSION],
    unchanged: async () => expect((await db.assignmentSubmission.findUniqueOrThrow({ where: { id: w.submissionId } })).status).toBe("submitted"),
  }),
  "sessions.$sessionId._index.tsx": async () => ({
    kind: "protected",
    params: { sessionId: w.sessionId },
    insider: w.learner,
    outsiders: [w.f2, w.stranger],
    forgedPost: { intent: "cancel" },
    secrets: ["Personlig agenda"],
    unchanged: async () => expect((await db.handledningSession.findUniqueOrThrow({ where: { id: w.sessionId } })).status).toBe("scheduled"),
  }),
  "sessions.$sessionId.calendar[.ics].ts": async () => ({
    kind: "protected",
    params: { sessionId: w.sessionId },
    insider: w.learner,
    outsiders: [w.f2, w.stranger],
    secrets: ["Personlig agenda", "BEGIN:VCALENDAR"],
  }),
  "verktyg.$manualId.ladda-ner.ts": async () => ({
    kind: "protected",
    params: { manualId: w.manualId },
    // Shown to Utvecklingsledare only: a Deltagare, even in the same branch, gets the same 404 as for no manual.
    insider: w.f1,
    outsiders: [w.learner, w.stranger, w.applicant],
    secrets: [SECRET_MANUAL, "%PDF-"],
  }),
  "verktyg.$manualId.redigera.tsx": async () => ({
    kind: "protected",
    params: { manualId: w.manualId },
    insider: w.admin,
    // An Utvecklingsledare who may download the manual does not get to change it.
    outsiders: [w.f1, w.learner],
    forgedPost: { intent: "details", title: "Hackad", category: "utspel", visibility: "everyone" },
    secrets: ["Hämtad"],
    unchanged: async () =>
      expect(await db.manual.findUniqueOrThrow({ where: { id: w.manualId } })).toMatchObject({ title: "Samtalsguide", audience: "facilitator" }),
  }),
  "verktyg.$manualId.ta-bort.tsx": async () => ({
    kind: "protected",
    params: { manualId: w.manualId },
    insider: w.admin,
    outsiders: [w.f1, w.learner],
    forgedPost: { intent: "delete" },
    secrets: ["tas bort för gott"],
    unchanged: async () => expect(await db.manual.count({ where: { id: w.manualId } })).toBe(1),
  }),
  "verifiera.$code.tsx": async () => ({
    kind: "public",
    valid: { url: `/verifiera/${w.certificate}`, status: 200 },
    probes: [
      "/verifiera/ABCD-EFGH-JKLN",
      "/verifiera/abcd",
      "/verifiera/..%2F..%2Fetc%2Fpasswd",
      `/verifiera/${w.certificate}%00`,
      `/verifiera/${"A".repeat(10_000)}`,
      "/verifiera/%3Cscript%3E",
    ],
    refused: [404],
  }),
};

const paramRoutes = routeFiles().filter((file) => routeParams(file).length > 0);

async function text(res: Response) {
  return res.body ? await res.text() : "";
}

function worldSecrets() {
  // What no refusal and no public page may print: people's e-mail addresses and private texts.
  return [w.learner.email, w.applicant.email, w.stranger.email, SECRET_REFLECTION, SECRET_SUBMISSION, "Personlig agenda", CRISIS_PHONE, SECRET_MANUAL];
}

describe("attack: every route with an id refuses people without access", () => {
  it("the table covers every route file with a $param (add a case for a new one)", () => {
    expect(paramRoutes.length).toBeGreaterThan(10);
    const missing = paramRoutes.filter((file) => !(file in CASES));
    expect(missing, `route files with a $param but no entry in CASES: ${missing.join(", ")}`).toEqual([]);
    const stale = Object.keys(CASES).filter((file) => !paramRoutes.includes(file));
    expect(stale, "entries in CASES for route files that no longer exist").toEqual([]);
  });

  it.each(paramRoutes)("%s", async (file) => {
    const make = CASES[file];
    if (!make) throw new Error(`no case for ${file}`);
    const c = await make();
    const { pattern, index } = routePattern(app.build, file);
    const module = app.build.routes[`routes/${file.replace(/\.tsx?$/, "")}`]!.module;
    const hasAction = typeof module.action === "function";

    if (c.kind === "public") {
      if (c.valid) {
        const valid = await app.request(c.valid.url, { cookie: w.stranger.cookie });
        expect(valid.status, `${c.valid.url} with a valid code`).toBe(c.valid.status);
        await text(valid);
      }
      for (const url of c.probes) {
        for (const cookie of [undefined, w.stranger.cookie]) {
          const res = await app.request(url, { cookie });
          expect(c.refused, `${url} (${cookie ? "signed in" : "anonymous"}) answered ${res.status}`).toContain(res.status);
          const body = await text(res);
          for (const secret of worldSecrets()) expect(body, `${url} reveals ${secret}`).not.toContain(secret);
          expect(body).not.toContain("BEGIN:VCALENDAR");
        }
      }
      if (hasAction) {
        expect(c.forgedPost, `${file} has an action: give it a forgedPost`).toBeDefined();
        const res = await app.request(c.forgedPost!.url, { form: c.forgedPost!.form });
        expect(c.forgedPost!.refused).toContain(res.status);
        await text(res);
        await c.forgedPost!.unchanged();
      }
      return;
    }

    const url = fillPattern(pattern, c.params);
    const postUrl = index ? `${url}?index` : url;

    // The id is real: someone with access opens it.
    const own = await app.request(url, { cookie: c.insider.cookie });
    expect(own.status, `${url} for the insider`).toBe(200);
    await text(own);

    // Anonymous: to the login page, and back here afterwards.
    const anonymous = await app.request(url);
    expect(anonymous).toRedirectTo(`/login?redirectTo=${encodeURIComponent(url)}`);
    if (hasAction) {
      const anonymousPost = await app.request(postUrl, { form: c.forgedPost ?? {} });
      expect(anonymousPost).toRedirectTo(/^\/login\?redirectTo=/);
    }

    for (const outsider of c.outsiders) {
      const res = await app.request(url, { cookie: outsider.cookie });
      const body = await text(res);
      if (c.openToMembers) expect(res.status).toBe(200);
      else expect([403, 404], `${url} for ${outsider.name} answered ${res.status}`).toContain(res.status);
      for (const secret of c.secrets) expect(body, `${url} shows ${secret} to ${outsider.name}`).not.toContain(secret);

      if (hasAction) {
        expect(c.forgedPost, `${file} has an action: give it a forgedPost`).toBeDefined();
        const post = await app.request(postUrl, { cookie: outsider.cookie, form: c.forgedPost! });
        expect([403, 404], `forged post to ${url} by ${outsider.name} answered ${post.status}`).toContain(post.status);
        await text(post);
        await c.unchanged?.();
      }
    }
  });

  it("a private reflection does not exist even for the learner's own Utvecklingsledare", async () => {
    await db.branchSupport.create({ data: { facilitatorId: w.f2.id, branchId: w.lulea } });
    try {
      const res = await app.request(`/review/reflections/${w.privateReflectionId}`, { cookie: w.f1.cookie });
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain("Privat");
    } finally {
      await db.branchSupport.delete({ where: { facilitatorId_branchId: { facilitatorId: w.f2.id, branchId: w.lulea } } });
    }
  });

  it("an id smuggled inside an allowed page's form is checked too: another branch's crisis item, another cohort's enrolment", async () => {
    // Kiruna's chair edits Kiruna's plan, but names an item and a contact of Gällivare's plan.
    await app.request("/crisis/gallivare", { cookie: w.gChair.cookie });
    await app.request("/crisis/kiruna", { cookie: w.kChair.cookie });
    const gallivare = await db.crisisPlan.findFirstOrThrow({ where: { branch: { slug: "gallivare" } }, include: { items: true } });
    const item = gallivare.items[0]!;
    const contact = await db.crisisContact.create({ data: { planId: gallivare.id, name: "Eva Ek", role: "Ordförande", phone: "070-111 22 33", order: 1 } });
    const itemPost = await app.request("/crisis/kiruna?index", {
      cookie: w.kChair.cookie,
      form: { intent: "item", itemId: item.id, status: "done", note: "Förfalskad" },
    });
    expect(itemPost.status).toBe(404);
    const contactPost = await app.request("/crisis/kiruna?index", { cookie: w.kChair.cookie, form: { intent: "remove-contact", contactId: contact.id } });
    expect(contactPost.status).toBe(404);
    expect((await db.crisisPlanItem.findUniqueOrThrow({ where: { id: item.id } })).note).not.toBe("Förfalskad");
    expect(await db.crisisContact.count({ where: { id: contact.id } })).toBe(1);

    // f2 runs a cohort of their own, and tries to approve f1's applicant from it.
    const program = await db.program.findUniqueOrThrow({ where: { slug: "testprogram" } });
    const own = await approvalCohort({ admin: w.admin, programId: program.id }, w.f2, "Omgång för f2");
    const forged = await app.request(`/cohorts/${own}?index`, { cookie: w.f2.cookie, form: { intent: "approve", enrolmentId: w.pendingId } });
    expect(forged.status).toBe(403);
    const withdraw = await app.request(`/cohorts/${w.cohortId}?index`, {
      cookie: w.stranger.cookie,
      form: { intent: "withdraw", enrolmentId: w.pendingId, reason: "" },
    });
    expect(withdraw.status).toBe(403);
    expect((await db.enrolment.findUniqueOrThrow({ where: { id: w.pendingId } })).status).toBe("pending");
  });
});

/**
 * Routes without an id that anyone may open. Every other route sends an
 * anonymous visitor to /login, for its page and for its action.
 */
const PUBLIC_ROUTES: Record<string, string> = {
  "login.tsx": "where one signs in",
  "forgot-password.tsx": "asks for a reset link; answers the same for any address",
  "healthz.ts": "database status for the load balancer; no personal data",
  "logout.tsx": "ends the session presented, if any",
  "integritet.tsx": "the privacy notice: what is kept and why, for anyone to read before signing in",
};

describe("attack: routes without an id", () => {
  const plain = routeFiles().filter((file) => routeParams(file).length === 0);

  it.each(plain)("%s sends an anonymous visitor to /login unless it is public by design", async (file) => {
    const { pattern, index } = routePattern(app.build, file);
    const module = app.build.routes[`routes/${file.replace(/\.tsx?$/, "")}`]!.module;
    const res = await app.request(pattern);
    await text(res);
    if (file in PUBLIC_ROUTES) {
      expect(res.status).toBeLessThan(500);
      return;
    }
    expect(res).toRedirectTo(/^\/login(\?redirectTo=|$)/);
    if (typeof module.action === "function") {
      const post = await app.request(index ? `${pattern}?index` : pattern, { form: { intent: "x" } });
      await text(post);
      expect(post).toRedirectTo(/^\/login(\?redirectTo=|$)/);
    }
  });

  it("the list of public routes names only routes that exist", () => {
    expect(Object.keys(PUBLIC_ROUTES).filter((f) => !plain.includes(f))).toEqual([]);
  });
});

describe("attack: path tricks in slugs", () => {
  // Each probe with where it must end: 404 from the route itself (the slug names nothing), or
  // another page when the URL parser has already resolved the dot segments (no file is ever read).
  const probes: [url: string, status: number][] = [
    ["/courses/testkurs/..%2F..%2Fetc%2Fpasswd", 404],
    ["/courses/testkurs/..%2f..%2f..%2fprisma%2fschema.prisma", 404],
    ["/courses/..%2F..%2Fcontent/t-las", 404],
    ["/courses/testkurs/t-las%00", 404],
    ["/courses/testkurs/t-las%00.md", 404],
    ["/courses/testkurs/..%5C..%5Cwindows%5Cwin.ini", 404],
    ["/courses/testkurs/%2e%2e%2f%2e%2e%2fetc%2fpasswd", 404],
    [`/courses/testkurs/${"a".repeat(10_000)}`, 404],
    [`/courses/${"a".repeat(10_000)}/t-las`, 404],
    ["/courses/testkurs/t-las/%2e%2e/%2e%2e/%2e%2e/etc/passwd", 404],
    ["/crisis/..%2F..%2Fetc%2Fpasswd", 404],
    ["/crisis/..%2F..%2Fetc%2Fpasswd/now", 404],
    ["/crisis/lulea%00", 404],
    ["/crisis/lulea%00/print", 404],
    ["/crisis/%2e%2e%2f%2e%2e%2fdata", 404],
    ["/crisis/..%5C..%5Cdata/now", 404],
    [`/crisis/${"a".repeat(10_000)}/now`, 404],
  ];

  it.each(probes)("%s answers %i and reads no file", async (url, status) => {
    const res = await app.request(url, { cookie: w.learner.cookie });
    const body = await text(res);
    expect(res.status).toBe(status);
    expect(body).not.toMatch(/root:x:0:0|datasource db|generator client|\[fonts\]/);
  });

  it("a course slug that only looks like a path is the same 404 as any unknown course", async () => {
    const unknown = await app.request("/courses/finns-inte/t-las", { cookie: w.learner.cookie });
    const tricked = await app.request("/courses/..%2F..%2Fetc/t-las", { cookie: w.learner.cookie });
    expect(tricked.status).toBe(unknown.status);
    expect((await text(tricked)).replace(/nonce="[^"]*"/g, "")).toContain("Kursen finns inte.");
    await text(unknown);
  });
});
