import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "~/db.server";
import { branchId, createPerson } from "../../../tests/integration/helpers";
import { indicatorValue } from "./indicators.server";
import { goalStatus, share } from "./period";
import { ensureGoals } from "./seed-goals.server";
import { drillDown, takeSnapshots } from "./goals.server";

const NOW = new Date("2026-11-24T12:00:00Z");
const ind = (key: string) => db.indicator.findUniqueOrThrow({ where: { key } });
let leadership: string;
let communicators: string;

async function complete(personId: string, programId: string, at: string) {
  await db.completion.create({ data: { personId, scope: "program", scopeId: programId, completedAt: new Date(at) } });
}

beforeAll(async () => {
  await ensureGoals();
  leadership = (
    await db.program.create({ data: { slug: "ledarskapsprogrammet", title: "Ledarskapsprogrammet", descriptionHtml: "", order: 1, requiredSessions: 2 } })
  ).id;
  communicators = (await db.program.create({ data: { slug: "kommunikatorsutbildningen", title: "Kommunikatörsutbildningen", descriptionHtml: "", order: 2 } }))
    .id;
});

describe("computed indicators on hand-made data", () => {
  it("share of leading representatives who completed Ledarskapsprogrammet, with an empty denominator and a move between branches", async () => {
    const indicator = await ind("ledare-ledarskapsprogrammet");
    // Arjeplog: 3 leaders (one done), 1 member (done, but not a leader), 1 inactive leader (done).
    const a = await createPerson({ branch: "Arjeplog", position: "kommunalrad" });
    await createPerson({ branch: "Arjeplog", position: "gruppledare" });
    await createPerson({ branch: "Arjeplog", position: "ordforande" });
    const member = await createPerson({ branch: "Arjeplog", position: "medlem" });
    const gone = await createPerson({ branch: "Arjeplog", position: "kommunalrad", active: false });
    for (const p of [a, member, gone]) await complete(p.id, leadership, "2026-05-01T10:00:00Z");
    const arjeplog = { branchId: await branchId("Arjeplog") };
    expect(await indicatorValue(indicator, "2026", arjeplog, NOW)).toMatchObject({ numerator: 1, denominator: 3, value: 33.3 });
    // A completion after the period's end does not count for that period.
    expect(await indicatorValue(indicator, "2025", arjeplog, NOW)).toMatchObject({ numerator: 0, denominator: 3, value: 0 });
    // Nobody leading in Överkalix: no value rather than 0 %.
    expect(await indicatorValue(indicator, "2026", { branchId: await branchId("Överkalix") }, NOW)).toMatchObject({
      numerator: 0,
      denominator: 0,
      value: null,
    });
    // The leader moves to Älvsbyn: live values follow the person; the snapshot taken before keeps the old count.
    await db.indicatorSnapshot.deleteMany();
    await takeSnapshots(NOW);
    await db.person.update({ where: { id: a.id }, data: { branchId: await branchId("Älvsbyn") } });
    expect(await indicatorValue(indicator, "2026", arjeplog, NOW)).toMatchObject({ numerator: 0, denominator: 2, value: 0 });
    expect(await indicatorValue(indicator, "2026", { branchId: await branchId("Älvsbyn") }, NOW)).toMatchObject({ numerator: 1, denominator: 1, value: 100 });
    const snapshot = await db.indicatorSnapshot.findFirstOrThrow({ where: { indicatorId: indicator.id, branchKey: arjeplog.branchId, month: "2026-11" } });
    expect(snapshot).toMatchObject({ numerator: 1, denominator: 3, value: 33.3 });
    // Per position group.
    expect(await indicatorValue(indicator, "2026", { branchId: arjeplog.branchId, positionGroup: "gruppledare" }, NOW)).toMatchObject({
      numerator: 0,
      denominator: 1,
    });
    expect(await indicatorValue(indicator, "2026", { branchId: arjeplog.branchId, positionGroup: "other" }, NOW)).toMatchObject({
      denominator: 0,
      value: null,
    });
  });

  it("share of leading representatives with at least N attended sessions in the last 12 months", async () => {
    const indicator = await ind("ledare-handledning");
    const facilitator = await createPerson({ roles: ["facilitator"], branch: "Luleå" });
    const [l1, l2, l3] = await Promise.all([1, 2, 3].map(() => createPerson({ branch: "Kalix", position: "regionrad" })));
    const session = async (startsAt: string, status = "scheduled") =>
      db.handledningSession.create({
        data: {
          uid: `${Math.random()}@t`,
          facilitatorId: facilitator.id,
          kind: "group",
          title: "H",
          startsAt: new Date(startsAt),
          endsAt: new Date(new Date(startsAt).getTime() + 3_600_000),
          status,
        },
      });
    const s1 = await session("2026-03-01T17:00:00Z");
    const s2 = await session("2026-09-01T16:00:00Z");
    const old = await session("2025-10-01T16:00:00Z");
    const cancelled = await session("2026-10-01T16:00:00Z", "cancelled");
    const attend = (sessionId: string, personId: string, status = "attended") => db.attendance.create({ data: { sessionId, personId, status } });
    await attend(s1.id, l1!.id);
    await attend(s2.id, l1!.id); // two in the last 12 months: counts
    await attend(s2.id, l2!.id);
    await attend(old.id, l2!.id); // older than 12 months: does not count
    await attend(s1.id, l3!.id);
    await attend(cancelled.id, l3!.id); // a cancelled session does not count
    const kalix = { branchId: await branchId("Kalix") };
    expect(await indicatorValue(indicator, "2026", kalix, NOW)).toMatchObject({ numerator: 1, denominator: 3, value: 33.3, numeratorIds: [l1!.id] });
    expect(await indicatorValue({ ...indicator, parameter: 1 }, "2026", kalix, NOW)).toMatchObject({ numerator: 3, denominator: 3, value: 100 });
  });

  it("number who completed Kommunikatörsutbildningen this year", async () => {
    const indicator = await ind("kommunikatorer-utbildade");
    const people = await Promise.all([1, 2, 3].map(() => createPerson({ branch: "Pajala" })));
    await complete(people[0]!.id, communicators, "2026-02-01T10:00:00Z");
    await complete(people[1]!.id, communicators, "2026-11-01T10:00:00Z");
    await complete(people[2]!.id, communicators, "2025-12-30T10:00:00Z"); // last year
    const pajala = { branchId: await branchId("Pajala") };
    expect(await indicatorValue(indicator, "2026", pajala, NOW)).toMatchObject({ numerator: 2, denominator: null, value: 2 });
    expect(await indicatorValue(indicator, "2025", pajala, NOW)).toMatchObject({ value: 1 });
    expect(await indicatorValue(indicator, "2026", { branchId: await branchId("Jokkmokk") }, NOW)).toMatchObject({ value: 0 });
  });

  it("share of branches whose crisis plan is reviewed and at least X % done", async () => {
    const indicator = await ind("krisplaner-klara");
    const make = async (name: string, reviewedAt: Date | null, done: number, total: number) => {
      const plan = await db.crisisPlan.create({ data: { branchId: await branchId(name), templateVersion: 1, reviewedAt } });
      for (let i = 0; i < total; i++) {
        await db.crisisPlanItem.create({
          data: {
            planId: plan.id,
            sectionKey: "s",
            sectionTitle: "S",
            sectionOrder: 1,
            order: i,
            title: `P${i}`,
            status: i < done ? (i === 0 ? "not-applicable" : "done") : "in-progress",
          },
        });
      }
    };
    await make("Boden", new Date("2026-06-01T00:00:00Z"), 4, 5); // 80 %, reviewed: ready
    await make("Piteå", new Date("2026-06-01T00:00:00Z"), 3, 5); // 60 %: not ready
    await make("Luleå", new Date("2025-10-01T00:00:00Z"), 5, 5); // review older than 12 months: not ready
    // 14 branches; 11 have no plan at all.
    expect(await indicatorValue(indicator, "2026", {}, NOW)).toMatchObject({ numerator: 1, denominator: 14, value: 7.1 });
    expect(await indicatorValue(indicator, "2026", { branchId: await branchId("Boden") }, NOW)).toMatchObject({ numerator: 1, denominator: 1, value: 100 });
    expect(await indicatorValue({ ...indicator, parameter: 60 }, "2026", {}, NOW)).toMatchObject({ numerator: 2 });
  });

  it("share of people in a cohort that ended this year who completed it; withdrawn enrolments do not count", async () => {
    const indicator = await ind("omgangar-genomforda");
    const cohort = await db.cohort.create({
      data: {
        programId: leadership,
        name: "Vår 2026",
        startsOn: new Date("2026-01-10T00:00:00Z"),
        endsOn: new Date("2026-06-10T00:00:00Z"),
        enrolmentOpensAt: new Date("2025-11-01T00:00:00Z"),
        enrolmentClosesAt: new Date("2025-12-20T00:00:00Z"),
        capacity: 10,
        mode: "open",
      },
    });
    const running = await db.cohort.create({
      data: {
        programId: leadership,
        name: "Höst 2026",
        startsOn: new Date("2026-09-01T00:00:00Z"),
        endsOn: new Date("2027-02-01T00:00:00Z"),
        enrolmentOpensAt: new Date("2026-06-01T00:00:00Z"),
        enrolmentClosesAt: new Date("2026-08-20T00:00:00Z"),
        capacity: 10,
        mode: "open",
      },
    });
    const [done, notDone, withdrawn, stillRunning] = await Promise.all([1, 2, 3, 4].map(() => createPerson({ branch: "Gällivare" })));
    await db.enrolment.createMany({
      data: [
        { cohortId: cohort.id, personId: done!.id, status: "enrolled" },
        { cohortId: cohort.id, personId: notDone!.id, status: "enrolled" },
        { cohortId: cohort.id, personId: withdrawn!.id, status: "withdrawn" },
        { cohortId: running.id, personId: stillRunning!.id, status: "enrolled" },
      ],
    });
    await complete(done!.id, leadership, "2026-06-01T10:00:00Z");
    await complete(withdrawn!.id, leadership, "2026-06-01T10:00:00Z");
    const gallivare = { branchId: await branchId("Gällivare") };
    expect(await indicatorValue(indicator, "2026", gallivare, NOW)).toMatchObject({ numerator: 1, denominator: 2, value: 50 });
    expect(await indicatorValue(indicator, "2025", gallivare, NOW)).toMatchObject({ numerator: 0, denominator: 0, value: null });
  });

  it("drill-down names the people behind a number", async () => {
    const result = await drillDown("ledare-handledning", "2026", { branchId: await branchId("Kalix") });
    expect(result!.rows).toHaveLength(3);
    expect(result!.rows.filter((r) => r.counted)).toHaveLength(1);
  });
});

describe("status against target", () => {
  it("is i fas at target, risk halfway from the baseline, efter below; counts follow the year", () => {
    expect(goalStatus({ unit: "percent", value: 30, target: 30, baseline: 19, yearElapsed: 0.9 })).toBe("i-fas");
    expect(goalStatus({ unit: "percent", value: 25, target: 30, baseline: 19, yearElapsed: 0.9 })).toBe("risk");
    expect(goalStatus({ unit: "percent", value: 20, target: 30, baseline: 19, yearElapsed: 0.9 })).toBe("efter");
    expect(goalStatus({ unit: "count", value: 200, target: 400, baseline: null, yearElapsed: 0.5 })).toBe("i-fas");
    expect(goalStatus({ unit: "count", value: 160, target: 400, baseline: null, yearElapsed: 0.5 })).toBe("risk");
    expect(goalStatus({ unit: "percent", value: null, target: 30, baseline: 19, yearElapsed: 0.5 })).toBe("saknas");
    expect(share(1, 3)).toBe(33.3);
    expect(share(0, 0)).toBeNull();
  });
});

describe("a district of national size", () => {
  it("computes and drills into an indicator over more people than one query can name", async () => {
    // Past ~1,000 ids a single `IN (...)` is refused on SQLite; a big district must still get its numbers.
    const indicator = await ind("ledare-ledarskapsprogrammet");
    const boden = await branchId("Boden");
    const many = Array.from({ length: 1_200 }, (_, i) => ({
      id: `bulk-leader-${i}`,
      email: `bulk-leader-${i}@example.se`,
      name: `Ledare ${i}`,
      position: "kommunalrad",
      branchId: boden,
    }));
    await db.person.createMany({ data: many });
    await db.completion.createMany({
      data: many.slice(0, 300).map((p) => ({ personId: p.id, scope: "program", scopeId: leadership, completedAt: new Date("2026-03-01T10:00:00Z") })),
    });
    expect(await indicatorValue(indicator, "2026", { branchId: boden }, NOW)).toMatchObject({ numerator: 300, denominator: 1_200, value: 25 });
    const result = await drillDown("ledare-ledarskapsprogrammet", "2026", { branchId: boden });
    expect(result!.rows).toHaveLength(1_200);
    expect(result!.rows.filter((r) => r.counted)).toHaveLength(300);
    expect(result!.rows.every((r) => r.name.startsWith("Ledare "))).toBe(true);
  });
});

describe("the dashboard's shared calculation", () => {
  it("serves views at the same time from one calculation, recalculates at once after a change, and beside the views after a minute", async () => {
    const { addEntry, dashboardReport } = await import("./goals.server");
    const [a, b] = await Promise.all([dashboardReport("2026", {}, NOW), dashboardReport("2026", {}, NOW)]);
    expect(a.reports).toBe(b.reports);
    const entered = a.reports.find((r) => r.kind !== "computed")!;
    const admin = await createPerson({ roles: ["admin"] });
    await addEntry(admin.id, entered.id, { period: "2026", value: 42, source: "Enkät", measuredOn: "2026-10-01" });
    const after = await dashboardReport("2026", {}, NOW);
    expect(after.reports.find((r) => r.id === entered.id)!.district.value).toBe(42);
    // A minute on, the view gets the old copy at once while the next is computed beside it.
    const aMinuteOn = new Date(NOW.getTime() + 61_000);
    const stale = await dashboardReport("2026", {}, aMinuteOn);
    expect(stale.reports).toBe(after.reports);
    await vi.waitFor(async () => {
      const later = await dashboardReport("2026", {}, aMinuteOn);
      expect(later.reports).not.toBe(after.reports);
      expect(later.computedAt.getTime()).toBe(aMinuteOn.getTime());
    });
  });
});
