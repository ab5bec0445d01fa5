import { db } from "~/db.server";
import { ITEM_STATUS_LABELS } from "~/modules/crisis/progress";
import { STATUS_LABELS as ENROLMENT_LABELS } from "~/modules/enrolment/eligibility";
import { FILE_KINDS } from "~/modules/manuals/file-kinds";
import { formatFileSize, MANUAL_CATEGORIES } from "~/modules/manuals/manuals";
import { ROLES } from "~/modules/people/roles";
import { ATTENDANCE_LABELS } from "~/modules/sessions/labels";
import { inSlices } from "~/utils/in-slices";
import { swedishDate, swedishDateTime } from "~/utils/time";

/*
 * The audit log in words: what an entry concerns ("Handledning: Gruppträff 3"
 * rather than "session cmx5…") and its details as labelled lines rather than
 * the JSON it is stored as. The CSV keeps the raw ids and JSON for whoever
 * needs to trace an entry; the page is for reading.
 */

const SUBJECT_KINDS: Record<string, string> = {
  person: "Person",
  cohort: "Omgång",
  session: "Handledning",
  enrolment: "Anmälan",
  "crisis-plan": "Krisplan",
  "crisis-template": "Krisplanmall, version",
  branch: "Arbetarekommun",
  indicator: "Indikator",
  assignment: "Inlämning",
  "calendar-reply": "Kalendersvar",
  manual: "Manual",
};

/** Detail keys the log uses, as a reader would name them. Anything else is shown under its own key. */
const DETAIL_LABELS: Record<string, string> = {
  count: "Antal",
  people: "Personer",
  format: "Format",
  seriesId: "Serie",
  marks: "Närvaro",
  cohortId: "Omgång",
  personId: "Person",
  facilitatorId: "Utvecklingsledare",
  facilitatorIds: "Utvecklingsledare",
  branchId: "Arbetarekommun",
  branchIds: "Arbetarekommuner",
  programId: "Program",
  name: "Namn",
  email: "E-post",
  role: "Roll",
  roles: "Roller",
  phone: "Telefon",
  title: "Rubrik",
  item: "Punkt",
  status: "Status",
  note: "Anteckning",
  reason: "Anledning",
  dueOn: "Klart senast",
  startsAt: "Börjar",
  endsAt: "Slutar",
  startsOn: "Start",
  endsOn: "Slut",
  capacity: "Platser",
  enrolmentOpensOn: "Anmälan öppnar",
  enrolmentClosesOn: "Anmälan stänger",
  mode: "Antagning",
  positions: "Befattningar",
  kind: "Typ",
  ownerId: "Ansvarig",
  notApplicableReason: "Varför ej aktuell",
  link: "Länk",
  reviewedAt: "Genomgången",
  section: "Sektion",
  guidance: "Vägledning",
  action: "Första steget",
  location: "Plats",
  agenda: "Agenda",
  position: "Befattning",
  before: "Före",
  after: "Efter",
  version: "Version",
  templateKey: "Mallpunkt",
  imported: "Importerade",
  skipped: "Hoppade över",
  from: "Från",
  to: "Till",
  description: "Beskrivning",
  category: "Kategori",
  audience: "Synlig för",
  fileName: "Fil",
  fileKind: "Filtyp",
  sizeBytes: "Storlek",
};

/** Stored codes as the pages name them (attendance, crisis items, enrolments). */
const VALUE_LABELS: Record<string, string> = { ...ATTENDANCE_LABELS, ...ITEM_STATUS_LABELS, ...ENROLMENT_LABELS };

/** Codes whose words depend on the detail key they sit under (a manual's category, its audience's roles, its file type). */
const VALUE_LABELS_BY_KEY: Record<string, Record<string, string>> = {
  category: Object.fromEntries(MANUAL_CATEGORIES.map((c) => [c.key, c.label])),
  audience: Object.fromEntries(ROLES.map((r) => [r.key, r.label])),
  fileKind: Object.fromEntries(Object.entries(FILE_KINDS).map(([key, kind]) => [key, kind.label])),
};

/** Which table an id under this detail key points into. */
const ID_KEYS: Record<string, "person" | "cohort" | "branch" | "program"> = {
  personId: "person",
  facilitatorId: "person",
  facilitatorIds: "person",
  ownerId: "person",
  actorId: "person",
  cohortId: "cohort",
  branchId: "branch",
  branchIds: "branch",
  programId: "program",
};

export type Names = Map<string, string>;

type Entry = { actorId?: string | null; subjectType: string; subjectId: string | null; detail: string };

function parseDetail(detail: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(detail);
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : { värde: parsed };
  } catch {
    return { värde: detail };
  }
}

/** Every id the entries' details point to, by the table it lives in. */
function referencedIds(entries: Entry[]) {
  const ids = { person: new Set<string>(), cohort: new Set<string>(), branch: new Set<string>(), program: new Set<string>() };
  const visit = (value: unknown, key: string) => {
    const table = ID_KEYS[key];
    if (table && typeof value === "string") {
      ids[table].add(value);
    } else if (table && Array.isArray(value)) {
      for (const id of value) if (typeof id === "string") ids[table].add(id);
    } else if (value && typeof value === "object") {
      for (const [inner, part] of Object.entries(value)) {
        // Attendance marks are keyed by the person marked.
        if (key === "marks") ids.person.add(inner);
        visit(part, inner);
      }
    }
  };
  for (const entry of entries) visit(parseDetail(entry.detail), "");
  return ids;
}

const nameRows = <T extends { id: string }>(ids: Set<string>, read: (slice: string[]) => Promise<T[]>) => inSlices([...ids], read);

/**
 * The names behind the entries' subjects and the ids in their details: one
 * query per kind of thing, however many entries there are.
 */
export async function namesFor(entries: Entry[]): Promise<Names> {
  const ids = referencedIds(entries);
  const subjects = (type: string) => new Set(entries.filter((e) => e.subjectType === type && e.subjectId).map((e) => e.subjectId!));
  for (const id of subjects("person")) ids.person.add(id);
  for (const entry of entries) if (entry.actorId) ids.person.add(entry.actorId);
  for (const id of subjects("cohort")) ids.cohort.add(id);
  for (const id of subjects("branch")) ids.branch.add(id);
  const [people, cohorts, branches, programs, sessions, enrolments, plans, indicators, submissions, manuals] = await Promise.all([
    nameRows(ids.person, (slice) => db.person.findMany({ where: { id: { in: slice } }, select: { id: true, name: true } })),
    nameRows(ids.cohort, (slice) => db.cohort.findMany({ where: { id: { in: slice } }, select: { id: true, name: true } })),
    nameRows(ids.branch, (slice) => db.branch.findMany({ where: { id: { in: slice } }, select: { id: true, name: true } })),
    nameRows(ids.program, (slice) => db.program.findMany({ where: { id: { in: slice } }, select: { id: true, title: true } })),
    nameRows(subjects("session"), (slice) =>
      db.handledningSession.findMany({ where: { id: { in: slice } }, select: { id: true, title: true, startsAt: true } }),
    ),
    nameRows(subjects("enrolment"), (slice) =>
      db.enrolment.findMany({ where: { id: { in: slice } }, select: { id: true, person: { select: { name: true } }, cohort: { select: { name: true } } } }),
    ),
    nameRows(subjects("crisis-plan"), (slice) =>
      db.crisisPlan.findMany({ where: { id: { in: slice } }, select: { id: true, branch: { select: { name: true } } } }),
    ),
    nameRows(subjects("indicator"), (slice) => db.indicator.findMany({ where: { id: { in: slice } }, select: { id: true, name: true } })),
    nameRows(subjects("assignment"), (slice) =>
      db.assignmentSubmission.findMany({
        where: { id: { in: slice } },
        select: { id: true, person: { select: { name: true } }, lesson: { select: { title: true } } },
      }),
    ),
    nameRows(subjects("manual"), (slice) => db.manual.findMany({ where: { id: { in: slice } }, select: { id: true, title: true } })),
  ]);
  return new Map<string, string>([
    ...people.map((row) => [row.id, row.name] as const),
    ...cohorts.map((row) => [row.id, row.name] as const),
    ...branches.map((row) => [row.id, row.name] as const),
    ...programs.map((row) => [row.id, row.title] as const),
    ...sessions.map((row) => [row.id, `${row.title}, ${swedishDateTime(row.startsAt)}`] as const),
    ...enrolments.map((row) => [row.id, `${row.person.name} i ${row.cohort.name}`] as const),
    ...plans.map((row) => [row.id, row.branch.name] as const),
    ...indicators.map((row) => [row.id, row.name] as const),
    ...submissions.map((row) => [row.id, `${row.person.name}: ${row.lesson.title}`] as const),
    ...manuals.map((row) => [row.id, row.title] as const),
  ]);
}

/** "Handledning: Gruppträff 3, 12 jan. 2027 18:00"; a thing since deleted keeps its kind and id. */
export function describeSubject(entry: Entry, names: Names): string {
  const kind = SUBJECT_KINDS[entry.subjectType] ?? entry.subjectType;
  if (!entry.subjectId) return kind;
  return `${kind}: ${names.get(entry.subjectId) ?? entry.subjectId}`;
}

function describeValue(value: unknown, key: string, names: Names): string {
  if (value === null || value === undefined || value === "") return "–";
  if (typeof value === "boolean") return value ? "ja" : "nej";
  if (typeof value === "string") {
    if (ID_KEYS[key]) return names.get(value) ?? value;
    const byKey = VALUE_LABELS_BY_KEY[key]?.[value];
    if (byKey) return byKey;
    // A status, or a person's attendance mark (keyed by the person): the page's word for the code.
    if ((key === "status" || names.has(key)) && VALUE_LABELS[value]) return VALUE_LABELS[value];
    // A day (dueOn, startsOn) is stored at noon UTC; its time means nothing.
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return key.endsWith("On") ? swedishDate(value) : swedishDateTime(value);
    return value;
  }
  if (typeof value === "number") return key === "sizeBytes" ? formatFileSize(value) : String(value);
  // A manual shown to no role in particular is shown to everyone.
  if (Array.isArray(value) && value.length === 0 && key === "audience") return "alla inloggade";
  if (Array.isArray(value)) return value.length === 0 ? "inga" : value.map((part) => describeValue(part, key, names)).join(", ");
  const parts = Object.entries(value as Record<string, unknown>).map(
    ([inner, part]) => `${names.get(inner) ?? DETAIL_LABELS[inner] ?? inner} ${describeValue(part, inner, names)}`,
  );
  return parts.length === 0 ? "–" : parts.join(", ");
}

/** One "Etikett: värde" line per detail, ids as names; an entry without details has none. */
export function describeDetail(detail: string, names: Names): string[] {
  return Object.entries(parseDetail(detail))
    .filter(([, value]) => value !== null && value !== undefined)
    .map(([key, value]) => `${DETAIL_LABELS[key] ?? key}: ${describeValue(value, key, names)}`);
}

/**
 * What an edit changed, field by field: the entries' before/after records
 * side by side, only where they differ, in the page's words. An addition has
 * only "after", a removal only "before".
 */
export function describeChanges(detail: Record<string, unknown>, names: Names): { field: string; before: string; after: string }[] {
  const record = (value: unknown) => (value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
  const before = record(detail.before);
  const after = record(detail.after);
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((key) => key !== "id");
  return keys
    .map((key) => ({
      field: DETAIL_LABELS[key] ?? key,
      before: key in before ? describeValue(before[key], key, names) : "–",
      after: key in after ? describeValue(after[key], key, names) : "–",
    }))
    .filter((change) => change.before !== change.after);
}
