import { db } from "~/db.server";
import { branchPlanProgress } from "~/modules/crisis/crisis.server";
import { POSITIONS } from "~/modules/people/positions";
import { inSlices } from "~/utils/in-slices";
import { periodBounds, share } from "./period";
import { thresholdOf } from "./thresholds";

const LEADING: string[] = POSITIONS.filter((p) => p.leading).map((p) => p.key);
const YEAR_MS = 365 * 86_400_000;

export interface Scope {
  branchId?: string;
  /** A position key, "leading" or "other". */
  positionGroup?: string;
}

export interface IndicatorValue {
  numerator: number;
  denominator: number | null;
  /** Per cent for shares, the count for counts; null when there is nobody to count. */
  value: number | null;
  /** Who is behind the numbers (people, or branches for the crisis plans): admins only. */
  numeratorIds: string[];
  denominatorIds: string[];
}

interface IndicatorRow {
  formula: string | null;
  kind: string;
  unit: string;
  parameter: number | null;
  id: string;
}

interface Person {
  id: string;
  branchId: string;
  position: string;
}

interface Context {
  people: Person[];
  leaders: Person[];
  period: string;
  /** The indicator's threshold (N sessions, X per cent), already defaulted: see thresholds.ts. */
  threshold: number | null;
  now: Date;
}

/** What a calculation counts for the whole district; values per branch are cut from it. */
interface Counted {
  numeratorIds: string[];
  /** null for counts (no denominator). */
  denominatorIds: string[] | null;
  /** The branch each counted id belongs to. */
  branchOf: (id: string) => string | undefined;
}

function inGroup(position: string, group: string | undefined) {
  if (!group) return true;
  if (group === "leading") return LEADING.includes(position);
  if (group === "other") return !LEADING.includes(position);
  return position === group;
}

async function programId(slug: string) {
  return (await db.program.findUnique({ where: { slug }, select: { id: true } }))?.id ?? null;
}

// The calculations below read every matching row and keep the people in
// scope in memory: the district is the scope, and an id list of thousands
// would not fit in one query anyway.

async function completedProgram(personIds: string[], slug: string, from: Date | null, until: Date) {
  const id = await programId(slug);
  if (!id || personIds.length === 0) return [];
  const inScope = new Set(personIds);
  const rows = await db.completion.findMany({
    where: { scope: "program", scopeId: id, completedAt: { lt: until, ...(from ? { gte: from } : {}) } },
    select: { personId: true },
  });
  return [...new Set(rows.map((r) => r.personId).filter((p) => inScope.has(p)))];
}

const byPerson = (people: Person[]) => {
  const map = new Map(people.map((p) => [p.id, p.branchId]));
  return (id: string) => map.get(id);
};

/** The calculations behind the computed indicators, over people's current branch and position. */
const FORMULAS: Record<string, (ctx: Context) => Promise<Counted>> = {
  /** Leading representatives who have completed Ledarskapsprogrammet (at any time up to the period's end). */
  async "leadership-program-completed"({ leaders, period, now }) {
    const ids = leaders.map((p) => p.id);
    return {
      numeratorIds: await completedProgram(ids, "ledarskapsprogrammet", null, periodBounds(period, now).asOf),
      denominatorIds: ids,
      branchOf: byPerson(leaders),
    };
  },

  /** Leading representatives with at least N attended handledning sessions in the 12 months up to the period's end. */
  async "handledning-attended"({ leaders, period, threshold, now }) {
    const { asOf } = periodBounds(period, now);
    const ids = leaders.map((p) => p.id);
    // Leaders are a few per cent of the members: asking by person uses the
    // (personId, status) index, where a scan of every attendance took 0.5 s at 10,000 people.
    const counts = await inSlices(ids, (slice) =>
      db.attendance.groupBy({
        by: ["personId"],
        where: {
          personId: { in: slice },
          status: "attended",
          session: { status: "scheduled", startsAt: { gte: new Date(asOf.getTime() - YEAR_MS), lt: asOf } },
        },
        _count: { _all: true },
      }),
    );
    return { numeratorIds: counts.filter((c) => c._count._all >= threshold!).map((c) => c.personId), denominatorIds: ids, branchOf: byPerson(leaders) };
  },

  /** People who completed Kommunikatörsutbildningen during the period (a count against a target number). */
  async "communicators-completed"({ people, period, now }) {
    const { start, asOf } = periodBounds(period, now);
    return {
      numeratorIds: await completedProgram(
        people.map((p) => p.id),
        "kommunikatorsutbildningen",
        start,
        asOf,
      ),
      denominatorIds: null,
      branchOf: byPerson(people),
    };
  },

  /** Branches whose crisis plan was reviewed in the last 12 months and is at least X % done. */
  async "crisis-plans-ready"({ period, threshold, now }) {
    const plans = await branchPlanProgress(periodBounds(period, now).asOf);
    const ready = plans.filter((p) => !p.progress.reviewOverdue && p.progress.percent >= threshold!);
    return { numeratorIds: ready.map((p) => p.branchId), denominatorIds: plans.map((p) => p.branchId), branchOf: (id) => id };
  },

  /**
   * People enrolled in a cohort that ended in the period, who completed its
   * program. Withdrawn enrolments are not counted at all.
   */
  async "cohort-completion"({ people, period, now }) {
    const { start, asOf } = periodBounds(period, now);
    const inScope = new Set(people.map((p) => p.id));
    const enrolments = (
      await db.enrolment.findMany({
        where: { status: { in: ["enrolled", "completed"] }, cohort: { endsOn: { gte: start, lt: asOf } } },
        select: { personId: true, status: true, cohort: { select: { programId: true } } },
      })
    ).filter((e) => inScope.has(e.personId));
    const completions = await db.completion.findMany({
      where: { scope: "program", completedAt: { lt: asOf } },
      select: { personId: true, scopeId: true },
    });
    const finished = new Set(completions.map((c) => `${c.personId}:${c.scopeId}`));
    const done = enrolments.filter((e) => e.status === "completed" || finished.has(`${e.personId}:${e.cohort.programId}`)).map((e) => e.personId);
    return { numeratorIds: [...new Set(done)], denominatorIds: [...new Set(enrolments.map((e) => e.personId))], branchOf: byPerson(people) };
  },
};

export const FORMULA_KEYS = Object.keys(FORMULAS);

function valueOf(numeratorIds: string[], denominatorIds: string[] | null): IndicatorValue {
  return {
    numerator: numeratorIds.length,
    denominator: denominatorIds ? denominatorIds.length : null,
    value: denominatorIds ? share(numeratorIds.length, denominatorIds.length) : numeratorIds.length,
    numeratorIds,
    denominatorIds: denominatorIds ?? [],
  };
}

const EMPTY: IndicatorValue = { numerator: 0, denominator: null, value: null, numeratorIds: [], denominatorIds: [] };

/** Everyone the indicators count, loaded once per report rather than once per indicator. */
export function listActivePeople(): Promise<Person[]> {
  // Erased people who were active when erased still count, so an erasure never moves a goal's numbers.
  return db.person.findMany({ where: { OR: [{ active: true }, { countsInGoals: true }] }, select: { id: true, branchId: true, position: true } });
}

/**
 * An indicator for the district and every branch at once: one calculation,
 * cut per branch in memory, so a dashboard of 14 branches costs what one does.
 */
export async function indicatorByBranch(
  indicator: IndicatorRow,
  period: string,
  positionGroup: string | undefined,
  branchIds: string[],
  now = new Date(),
  activePeople?: Person[],
) {
  if (indicator.kind !== "computed" || !indicator.formula || !FORMULAS[indicator.formula]) {
    const entry = positionGroup ? null : await db.indicatorEntry.findFirst({ where: { indicatorId: indicator.id, period }, orderBy: { measuredOn: "desc" } });
    const district: IndicatorValue = entry ? { ...EMPTY, numerator: entry.value, value: entry.value } : EMPTY;
    return { district, branches: new Map(branchIds.map((id) => [id, EMPTY])) };
  }
  const active = activePeople ?? (await listActivePeople());
  const people = active.filter((p) => inGroup(p.position, positionGroup));
  const counted = await FORMULAS[indicator.formula]!({
    people,
    leaders: people.filter((p) => LEADING.includes(p.position)),
    period,
    threshold: thresholdOf(indicator),
    now,
  });
  const cut = (branchId: string) =>
    valueOf(
      counted.numeratorIds.filter((id) => counted.branchOf(id) === branchId),
      counted.denominatorIds ? counted.denominatorIds.filter((id) => counted.branchOf(id) === branchId) : null,
    );
  return { district: valueOf(counted.numeratorIds, counted.denominatorIds), branches: new Map(branchIds.map((id) => [id, cut(id)])) };
}

/** An indicator's value for a period and scope; entered ones have district values only. */
export async function indicatorValue(indicator: IndicatorRow, period: string, scope: Scope = {}, now = new Date()): Promise<IndicatorValue> {
  const { district, branches } = await indicatorByBranch(indicator, period, scope.positionGroup, scope.branchId ? [scope.branchId] : [], now);
  return scope.branchId ? branches.get(scope.branchId)! : district;
}
