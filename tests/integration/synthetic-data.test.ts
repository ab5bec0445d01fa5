import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { TMP_DIR } from "../setup/migrated-base";

// The benchmark's data: built by the real command, twice, and compared. At
// size XS (120 people in 4 branches; every phase S, M and L go through):
// same seed, same organisation; another seed, another one; every table
// filled. Size S made the three builds take about 25 s idle and 46 s busy.
const files: string[] = [];
// Asynchronously: a blocking child would starve the test worker's own messages.
async function build(seed: number, name: string) {
  const file = path.join(TMP_DIR, `synthetic-${name}-${process.pid}.db`);
  files.push(file);
  await promisify(execFile)("node_modules/.bin/tsx", [
    "scripts/seed-synthetic.ts",
    "--size",
    "XS",
    "--seed",
    String(seed),
    "--anchor",
    "2026-11-01",
    "--database",
    `file:${file}`,
  ]);
  return new Database(file, { readonly: true });
}

/** What the organisation is, without the catalog's random ids: who, where, what they did. */
function describeOrganisation(sqlite: Database.Database) {
  const rows = (sql: string) => JSON.stringify(sqlite.prepare(sql).all());
  return {
    people: rows(
      `SELECT p.email, p.name, p.position, b.name AS branch, p.isFacilitator, p.isAdmin, p.lastLoginAt FROM Person p JOIN Branch b ON b.id = p.branchId ORDER BY p.email`,
    ),
    progress: rows(
      `SELECT p.email, l.slug, lp.completedAt FROM LessonProgress lp JOIN Person p ON p.id = lp.personId JOIN Lesson l ON l.id = lp.lessonId ORDER BY p.email, l.slug`,
    ),
    sessions: rows(
      `SELECT id, kind, startsAt, status, (SELECT COUNT(*) FROM Attendance a WHERE a.sessionId = s.id AND a.status = 'attended') AS attended FROM HandledningSession s ORDER BY id`,
    ),
  };
}

afterAll(() => {
  for (const f of files) for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(f + suffix, { force: true });
});

describe("seed:synthetic", () => {
  // 13 s alone on an idle machine (4 s a build), under 20 s beside the rest of the suite.
  it("builds the XS organisation the same way from the same seed, and differently from another", { timeout: 60_000 }, async () => {
    // Side by side, as two builds of the same seed on one machine may well run.
    const [a, b, c] = await Promise.all([build(7, "a"), build(7, "b"), build(8, "c")]);
    const count = (db: Database.Database, table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n;
    expect(count(a, "Person")).toBe(120);
    expect(count(a, "Branch")).toBe(4);
    expect(count(a, "Cohort")).toBe(6);
    expect(count(a, "HandledningSession")).toBe(240);
    expect(count(a, "LessonProgress")).toBeGreaterThan(9_600);
    expect(describeOrganisation(a)).toEqual(describeOrganisation(b));
    expect(describeOrganisation(a).people).not.toEqual(describeOrganisation(c).people);
    // Numbers the goals can use: completions exactly where progress earns them, snapshots a year back.
    expect(count(a, "Completion")).toBeGreaterThan(120);
    expect((a.prepare(`SELECT COUNT(DISTINCT month) AS n FROM IndicatorSnapshot`).get() as { n: number }).n).toBe(12);
    for (const db of [a, b, c]) db.close();
  });
});
