import { inSlices } from "~/utils/in-slices";
import { db, transaction } from "~/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { fieldError, ok, type ActionResult } from "~/utils/action-result";
import { notFound } from "~/utils/http.server";
import { indicatorByBranch, indicatorValue, listActivePeople, type IndicatorValue, type Scope } from "./indicators.server";
import { currentPeriod, goalStatus, periodBounds, type GoalStatus } from "./period";
import { definitionHasPlaceholder, indicatorDefinition, thresholdField } from "./thresholds";

type IndicatorRow = Awaited<ReturnType<typeof listIndicators>>[number];

export function listIndicators() {
  return db.indicator.findMany({ include: { goal: true }, orderBy: [{ goal: { order: "asc" } }, { order: "asc" }] });
}

/** The indicator a route's key names, or the 404 page. */
export async function requireIndicator(key: string | undefined) {
  const indicator = key ? await db.indicator.findUnique({ where: { key } }) : null;
  if (!indicator) throw notFound("Indikatorn finns inte.");
  return indicator;
}

/** An indicator with its entered values, newest measurement first. */
export function indicatorWithEntries(key: string) {
  return db.indicator.findUniqueOrThrow({ where: { key }, include: { entries: { orderBy: { measuredOn: "desc" } } } });
}

function yearElapsed(period: string, now: Date) {
  const { start, end, asOf } = periodBounds(period, now);
  return (asOf.getTime() - start.getTime()) / (end.getTime() - start.getTime());
}

export interface IndicatorReport {
  id: string;
  key: string;
  name: string;
  /** As readers see it, with the real threshold in place of its letter (thresholds.ts). */
  definition: string;
  kind: string;
  unit: string;
  baseline: number | null;
  baselineSource: string;
  target: number;
  parameter: number | null;
  goal: { key: string; title: string; area: string };
  district: Omit<IndicatorValue, "numeratorIds" | "denominatorIds">;
  status: GoalStatus;
  branches: { branchId: string; name: string; numerator: number; denominator: number | null; value: number | null }[];
  trend: { month: string; value: number | null }[];
}

const strip = ({ numeratorIds: _n, denominatorIds: _d, ...rest }: IndicatorValue) => rest;

/** Every indicator for a period: the district value and status, each branch, and the monthly trend. */
export async function goalsReport(period: string, scope: Omit<Scope, "branchId"> = {}, now = new Date()): Promise<IndicatorReport[]> {
  const [indicators, branches, people] = await Promise.all([
    listIndicators(),
    db.branch.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
    listActivePeople(),
  ]);
  const elapsed = yearElapsed(period, now);
  const reports: IndicatorReport[] = [];
  for (const indicator of indicators) {
    const { district, branches: values } = await indicatorByBranch(
      indicator,
      period,
      scope.positionGroup,
      branches.map((b) => b.id),
      now,
      people,
    );
    const perBranch = branches.map((b) => {
      const v = values.get(b.id)!;
      return { branchId: b.id, name: b.name, numerator: v.numerator, denominator: v.denominator, value: v.value };
    });
    const snapshots = await db.indicatorSnapshot.findMany({ where: { indicatorId: indicator.id, branchKey: "" }, orderBy: { month: "asc" }, take: 24 });
    reports.push({
      id: indicator.id,
      key: indicator.key,
      name: indicator.name,
      definition: indicatorDefinition(indicator),
      kind: indicator.kind,
      unit: indicator.unit,
      baseline: indicator.baseline,
      baselineSource: indicator.baselineSource,
      target: indicator.target,
      parameter: indicator.parameter,
      goal: { key: indicator.goal.key, title: indicator.goal.title, area: indicator.goal.area },
      district: strip(district),
      status: goalStatus({ unit: indicator.unit, value: district.value, target: indicator.target, baseline: indicator.baseline, yearElapsed: elapsed }),
      branches: perBranch,
      trend: snapshots.map((s) => ({ month: s.month, value: s.value })),
    });
  }
  return reports;
}

/**
 * The dashboard, report and exports share one calculation per period and
 * group: at 10,000 people a report costs a few hundred milliseconds, at
 * 75,000 a few seconds. Views arriving while it runs wait for the same
 * result; once it is a minute old, views get it at once while a new one is
 * computed beside them. After an admin changes an indicator the copy is
 * dropped, so the next view waits for the new numbers. Nothing is lost with
 * this cache; each server keeps its own.
 */
const REPORT_FRESH_MS = 60_000;
interface ComputedReport {
  computedAt: number;
  reports: IndicatorReport[];
}
interface ReportSlot {
  current: ComputedReport | null;
  refreshing: Promise<ComputedReport> | null;
}
const reportCache = new Map<string, ReportSlot>();

export async function dashboardReport(
  period: string,
  scope: Omit<Scope, "branchId"> = {},
  now = new Date(),
): Promise<{ reports: IndicatorReport[]; computedAt: Date }> {
  const key = `${period}|${scope.positionGroup ?? ""}`;
  let slot = reportCache.get(key);
  if (!slot) {
    slot = { current: null, refreshing: null };
    reportCache.set(key, slot);
  }
  const fresh = slot.current !== null && now.getTime() - slot.current.computedAt <= REPORT_FRESH_MS;
  if (!fresh && !slot.refreshing) {
    const owner = slot;
    owner.refreshing = goalsReport(period, scope, now)
      .then((reports) => (owner.current = { computedAt: now.getTime(), reports }))
      .finally(() => {
        owner.refreshing = null;
      });
    // A failed refresh keeps the old copy; the next view tries again. Only a view with no copy sees the error.
    owner.refreshing.catch(() => undefined);
  }
  const report = slot.current ?? (await slot.refreshing!);
  return { reports: report.reports, computedAt: new Date(report.computedAt) };
}

/**
 * This year's goals in brief, for the admin's overview: each indicator's
 * district value against its target and status, from the dashboard's own
 * (cached) calculation, so the two never disagree.
 */
export async function goalsSummary(now = new Date()) {
  const period = currentPeriod(now);
  const { reports } = await dashboardReport(period, {}, now);
  const indicators = reports.map((r) => ({ key: r.key, name: r.name, unit: r.unit, value: r.district.value, target: r.target, status: r.status }));
  return { period, indicators, onTrack: indicators.filter((i) => i.status === "i-fas").length };
}

/** After an admin changes an indicator or its values, the next view recalculates (a refresh under way finishes unseen). */
function forgetDashboardReports() {
  reportCache.clear();
}

/** The people (or branches) behind a number. Callers must have checked "goals:drilldown". */
export async function drillDown(indicatorKey: string, period: string, scope: Scope) {
  const indicator = await db.indicator.findUnique({ where: { key: indicatorKey } });
  if (!indicator) return null;
  const v = await indicatorValue(indicator, period, scope);
  const isBranches = indicator.formula === "crisis-plans-ready";
  const names = isBranches
    ? new Map((await db.branch.findMany({ select: { id: true, name: true } })).map((b) => [b.id, b.name]))
    : new Map(
        (
          await inSlices([...new Set([...v.numeratorIds, ...v.denominatorIds])], (ids) =>
            db.person.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
          )
        ).map((p) => [p.id, p.name]),
      );
  const counted = new Set(v.numeratorIds);
  const rows = (v.denominatorIds.length ? v.denominatorIds : v.numeratorIds).map((id) => ({ id, name: names.get(id) ?? "okänd", counted: counted.has(id) }));
  rows.sort((a, b) => Number(b.counted) - Number(a.counted) || a.name.localeCompare(b.name, "sv"));
  return {
    indicator: { key: indicator.key, name: indicator.name, definition: indicatorDefinition(indicator), unit: indicator.unit },
    value: strip(v),
    rows,
    isBranches,
  };
}

/** Stores this month's value of every indicator for the district and each branch; run monthly and on demand. */
export async function takeSnapshots(now = new Date()) {
  const period = String(now.getUTCFullYear());
  const month = now.toISOString().slice(0, 7);
  const reports = await goalsReport(period, {}, now);
  forgetDashboardReports();
  let stored = 0;
  for (const r of reports) {
    const rows = [
      { branchKey: "", branchName: "Hela distriktet", ...r.district },
      ...r.branches.map((b) => ({ branchKey: b.branchId, branchName: b.name, numerator: b.numerator, denominator: b.denominator, value: b.value })),
    ];
    for (const row of rows) {
      const data = { branchName: row.branchName, numerator: row.numerator, denominator: row.denominator, value: row.value, takenAt: now };
      await db.indicatorSnapshot.upsert({
        where: { indicatorId_period_branchKey_month: { indicatorId: r.id, period, branchKey: row.branchKey, month } },
        create: { indicatorId: r.id, period, branchKey: row.branchKey, month, ...data },
        update: data,
      });
      stored++;
    }
  }
  return { month, stored };
}

/** Takes this month's snapshot if there is none yet: safe to call at every start and on a timer. */
export async function ensureMonthlySnapshot(now = new Date()) {
  const month = now.toISOString().slice(0, 7);
  if ((await db.indicatorSnapshot.count({ where: { month } })) > 0) return null;
  return takeSnapshots(now);
}

export async function updateIndicator(
  actorId: string,
  id: string,
  input: { name: string; definition: string; baseline: number | null; baselineSource: string; target: number; parameter: number | null },
): Promise<ActionResult> {
  const before = await db.indicator.findUniqueOrThrow({ where: { id } });
  if (before.unit === "percent" && input.target > 100) return fieldError("target", "En andel kan vara högst 100 %.");
  if (!definitionHasPlaceholder(before.formula, input.definition)) {
    const letter = thresholdField(before.formula)!.placeholder;
    return fieldError("definition", `Skriv ${letter} där talet ska stå, så visar texten alltid det tal som räknas (det anges i fältet nedanför).`);
  }
  await transaction(async (tx) => {
    await tx.indicator.update({ where: { id }, data: input });
    await recordAudit(
      {
        actorId,
        action: "indicator.updated",
        subjectType: "indicator",
        subjectId: id,
        detail: {
          before: { name: before.name, definition: before.definition, baseline: before.baseline, target: before.target, parameter: before.parameter },
          after: input,
        },
      },
      tx,
    );
  });
  forgetDashboardReports();
  return ok();
}

export async function addEntry(actorId: string, indicatorId: string, input: { period: string; value: number; source: string; measuredOn: string }) {
  await transaction(async (tx) => {
    const entry = await tx.indicatorEntry.create({
      data: {
        indicatorId,
        period: input.period,
        value: input.value,
        source: input.source,
        measuredOn: new Date(`${input.measuredOn}T12:00:00Z`),
        enteredById: actorId,
      },
    });
    await recordAudit(
      { actorId, action: "indicator.entry-added", subjectType: "indicator", subjectId: indicatorId, detail: { after: { id: entry.id, ...input } } },
      tx,
    );
  });
  forgetDashboardReports();
}

export type { IndicatorRow };
