import { db } from "~/db.server";
import { planProgress } from "~/modules/crisis/progress";
import { POSITIONS } from "~/modules/people/positions";
import { periodBounds, share } from "./period";

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

function positionFilter(group: string | undefined, base: string[] | null): { in: string[] } | undefined {
  const all = POSITIONS.map((p) => p.key);
  let keys = base ?? all;
  if (group === "leading") keys = keys.filter((k) => LEADING.includes(k));
  else if (group === "other") keys = keys.filter((k) => !LEADING.includes(k));
  else if (group) keys = keys.filter((k) => k === group);
  return base === null && !group ? undefined : { in: keys };
}

/** Active people in scope; `leadingOnly` narrows to the ledande företrädare (the leadership goals' denominator). */
async function peopleInScope(scope: Scope, leadingOnly: boolean) {
  const position = positionFilter(scope.positionGroup, leadingOnly ? LEADING : null);
  const people = await db.person.findMany({
    where: { active: true, ...(scope.branchId ? { branchId: scope.branchId } : {}), ...(position ? { position } : {}) },
    select: { id: true },
  });
  return people.map((p) => p.id);
}

async function programId(slug: string) {
  return (await db.program.findUnique({ where: { slug }, select: { id: true } }))?.id ?? null;
}

async function completedProgram(personIds: string[], slug: string, from: Date | null, until: Date) {
  const id = await programId(slug);
  if (!id || personIds.length === 0) return [];
  const rows = await db.completion.findMany({
    where: { scope: "program", scopeId: id, personId: { in: personIds }, completedAt: { lt: until, ...(from ? { gte: from } : {}) } },
    select: { personId: true },
  });
  return [...new Set(rows.map((r) => r.personId))];
}

function result(numeratorIds: string[], denominatorIds: string[] | null): IndicatorValue {
  return {
    numerator: numeratorIds.length,
    denominator: denominatorIds ? denominatorIds.length : null,
    value: denominatorIds ? share(numeratorIds.length, denominatorIds.length) : numeratorIds.length,
    numeratorIds,
    denominatorIds: denominatorIds ?? [],
  };
}

/** The calculations behind the computed indicators, each over people's current branch and position. */
const FORMULAS: Record<string, (scope: Scope, period: string, parameter: number | null, now: Date) => Promise<IndicatorValue>> = {
  /** Leading representatives who have completed Ledarskapsprogrammet (at any time up to the period's end). */
  async "leadership-program-completed"(scope, period, _p, now) {
    const { asOf } = periodBounds(period, now);
    const leaders = await peopleInScope(scope, true);
    return result(await completedProgram(leaders, "ledarskapsprogrammet", null, asOf), leaders);
  },

  /** Leading representatives with at least N attended handledning sessions in the 12 months up to the period's end. */
  async "handledning-attended"(scope, period, parameter, now) {
    const { asOf } = periodBounds(period, now);
    const leaders = await peopleInScope(scope, true);
    const counts = await db.attendance.groupBy({
      by: ["personId"],
      where: { personId: { in: leaders }, status: "attended", session: { status: "scheduled", startsAt: { gte: new Date(asOf.getTime() - YEAR_MS), lt: asOf } } },
      _count: { _all: true },
    });
    const n = parameter ?? 2;
    return result(counts.filter((c) => c._count._all >= n).map((c) => c.personId), leaders);
  },

  /** People who completed Kommunikatörsutbildningen during the period (a count against a target number). */
  async "communicators-completed"(scope, period, _p, now) {
    const { start, asOf } = periodBounds(period, now);
    const people = await peopleInScope(scope, false);
    return result(await completedProgram(people, "kommunikatorsutbildningen", start, asOf), null);
  },

  /** Branches whose crisis plan was reviewed in the last 12 months and is at least X % done. */
  async "crisis-plans-ready"(scope, period, parameter, now) {
    const { asOf } = periodBounds(period, now);
    const branches = await db.branch.findMany({ where: scope.branchId ? { id: scope.branchId } : {}, select: { id: true, crisisPlan: { select: { reviewedAt: true, items: { select: { status: true } } } } } });
    const ready = branches.filter((b) => {
      if (!b.crisisPlan) return false;
      const progress = planProgress(b.crisisPlan.items, b.crisisPlan.reviewedAt, asOf);
      return !progress.reviewOverdue && progress.percent >= (parameter ?? 80);
    });
    return result(ready.map((b) => b.id), branches.map((b) => b.id));
  },

  /**
   * People enrolled in a cohort that ended in the period, who completed its
   * program. Withdrawn enrolments are not counted at all.
   */
  async "cohort-completion"(scope, period, _p, now) {
    const { start, asOf } = periodBounds(period, now);
    const people = new Set(await peopleInScope(scope, false));
    const enrolments = await db.enrolment.findMany({
      where: { status: { in: ["enrolled", "completed"] }, cohort: { endsOn: { gte: start, lt: asOf } } },
      select: { personId: true, status: true, cohort: { select: { programId: true } } },
    });
    const inScope = enrolments.filter((e) => people.has(e.personId));
    const done = new Set<string>();
    for (const e of inScope) {
      const completed = e.status === "completed" || (await db.completion.count({ where: { personId: e.personId, scope: "program", scopeId: e.cohort.programId, completedAt: { lt: asOf } } })) > 0;
      if (completed) done.add(e.personId);
    }
    return result([...done], [...new Set(inScope.map((e) => e.personId))]);
  },
};

export const FORMULA_KEYS = Object.keys(FORMULAS);

/** An indicator's value for a period and scope; entered ones take the newest entry for the period (district only). */
export async function indicatorValue(indicator: IndicatorRow, period: string, scope: Scope = {}, now = new Date()): Promise<IndicatorValue> {
  if (indicator.kind === "computed" && indicator.formula && FORMULAS[indicator.formula]) {
    return FORMULAS[indicator.formula]!(scope, period, indicator.parameter, now);
  }
  if (scope.branchId || scope.positionGroup) return { numerator: 0, denominator: null, value: null, numeratorIds: [], denominatorIds: [] };
  const entry = await db.indicatorEntry.findFirst({ where: { indicatorId: indicator.id, period }, orderBy: { measuredOn: "desc" } });
  return { numerator: entry?.value ?? 0, denominator: null, value: entry?.value ?? null, numeratorIds: [], denominatorIds: [] };
}
