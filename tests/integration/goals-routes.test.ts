import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { ensureDistrictBranches } from "~/modules/branches/branches.server";
import { ensureGoals } from "~/modules/goals/seed-goals.server";
import { loader as dashboardLoader } from "~/routes/admin.goals._index";
import { loader as exportLoader } from "~/routes/admin.goals.export[.csv]";
import { loader as pdfLoader } from "~/routes/admin.goals.report[.pdf]";
import { action as indicatorAction, loader as drillLoader } from "~/routes/admin.goals.$key";
import { loader as reportLoader } from "~/routes/admin.goals.report";
import { csvCell, parseCsv } from "~/utils/csv";
import { pdfTextLines } from "../support/pdf-text";
import { createPerson, formRequest, getRequest, settle, signedIn } from "./helpers";

const context = { clientAddress: "203.0.113.41" };

beforeAll(async () => {
  await ensureDistrictBranches();
  await ensureGoals();
});

describe("goals routes", () => {
  it("a Deltagare or Utvecklingsledare gets 403 on the dashboard, the export, the report and the drill-down", async () => {
    for (const role of ["participant", "facilitator"] as const) {
      const me = await signedIn({ roles: [role] });
      const req = (url: string) => getRequest(url, me.cookie);
      expect((await settle(() => dashboardLoader({ request: req("/admin/goals"), context, params: {} }))).status).toBe(403);
      expect((await settle(() => exportLoader({ request: req("/admin/goals/export.csv"), context, params: {} }))).status).toBe(403);
      expect((await settle(() => pdfLoader({ request: req("/admin/goals/report.pdf"), context, params: {} }))).status).toBe(403);
      expect(
        (await settle(() => drillLoader({ request: req("/admin/goals/ledare-handledning"), context, params: { key: "ledare-handledning" } }))).status,
      ).toBe(403);
    }
  });

  it("exports semicolon CSV with BOM, the required columns, every branch, and numbers that match the dashboard", async () => {
    const admin = await signedIn({ roles: ["admin"] });
    await createPerson({ branch: "Kiruna", position: "kommunalrad" });
    const res = await settle(() => exportLoader({ request: getRequest("/admin/goals/export.csv?period=2026", admin.cookie), context, params: {} }));
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toMatch(
      /^attachment; filename="ledarlyftet-mal-2026\.csv"; filename\*=UTF-8''ledarlyftet-m%C3%A5l-2026\.csv$/,
    );
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(new TextDecoder().decode(bytes));
    expect(rows[0]!.slice(0, 8)).toEqual(["Indikator", "Arbetarekommun", "Period", "Utgångsläge", "Målvärde", "Utfall", "Täljare", "Nämnare"]);
    const indicators = await db.indicator.count();
    expect(rows.length - 1).toBe(indicators * 15);
    const leaders = rows.filter((r) => r[0] === "Ledande företrädare i kontinuerlig handledning");
    expect(new Set(leaders.map((r) => r[1])).size).toBe(15);
    const dashboard = await (
      await settle(() => dashboardLoader({ request: getRequest("/admin/goals?period=2026", admin.cookie), context, params: {} }))
    ).json();
    const fromDashboard = dashboard.reports.find((r: { key: string }) => r.key === "ledare-handledning");
    const kiruna = leaders.find((r) => r[1] === "Kiruna")!;
    const kirunaOnDashboard = fromDashboard.shownBranches.rows.find((b: { name: string }) => b.name === "Kiruna");
    expect(Number(kiruna[7])).toBe(kirunaOnDashboard.denominator);
    expect(kiruna[5]).toBe(kirunaOnDashboard.value === null ? "" : String(kirunaOnDashboard.value).replace(".", ","));
    const survey = rows.find((r) => r[0] === "Vi leder debatten i de viktiga frågorna" && r[1] === "Hela distriktet")!;
    expect(survey[3]).toBe("35");
  });

  it("neutralises cells that would start a formula", () => {
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell("+46 70")).toBe("'+46 70");
    expect(csvCell("-1")).toBe("'-1");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell(33.3)).toBe("33,3");
    expect(csvCell("a;b")).toBe('"a;b"');
  });

  it("serves the follow-up as a well-formed PDF", async () => {
    const admin = await signedIn({ roles: ["admin"] });
    const res = await settle(() => pdfLoader({ request: getRequest("/admin/goals/report.pdf?period=2026", admin.cookie), context, params: {} }));
    expect(res.headers.get("Content-Type")).toBe("application/pdf");
    // Saved as a file to take to the meeting, not opened in the browser's viewer.
    expect(res.headers.get("Content-Disposition")).toBe(
      `attachment; filename="uppfoljning-hostmotet-2026.pdf"; filename*=UTF-8''uppf%C3%B6ljning-h%C3%B6stm%C3%B6tet-2026.pdf`,
    );
    const pdf = Buffer.from(await res.arrayBuffer());
    const text = pdf.toString("latin1");
    expect(text.startsWith("%PDF-1.7")).toBe(true);
    expect(text.trimEnd().endsWith("%%EOF")).toBe(true);
    // Every cross-reference offset points at the object it names.
    const xrefAt = Number(/startxref\n(\d+)/.exec(text)![1]);
    const entries = text
      .slice(xrefAt)
      .split("\n")
      .slice(3)
      .filter((l) => / n $/.test(l));
    entries.forEach((line, i) => expect(text.slice(Number(line.slice(0, 10)), Number(line.slice(0, 10)) + 12)).toMatch(new RegExp(`^${i + 1} 0 obj`)));
    const lines = await pdfTextLines(pdf);
    expect(lines[0]).toBe("Uppföljning av handlingsplanen 2026");
    expect(lines.join(" ")).not.toContain("Befattningsgrupp");

    // A report cut to a group says so, as the page does.
    const leading = await settle(() =>
      pdfLoader({ request: getRequest("/admin/goals/report.pdf?period=2026&group=leading", admin.cookie), context, params: {} }),
    );
    expect(await pdfTextLines(new Uint8Array(await leading.arrayBuffer()))).toContain("Befattningsgrupp: Ledande företrädare");
  });

  it("prints every definition with the thresholds that are counted, on the report, the PDF, the CSV and the dashboard, never the letters N and X", async () => {
    const admin = await signedIn({ roles: ["admin"] });
    const handledning = await db.indicator.findUniqueOrThrow({ where: { key: "ledare-handledning" } });
    // The board asks for three sessions this year: every document follows the number.
    const edited = await settle(() =>
      indicatorAction({
        request: formRequest(
          "/admin/goals/ledare-handledning",
          { intent: "edit", name: handledning.name, definition: handledning.definition, baseline: "", baselineSource: "", target: "60", parameter: "3" },
          { cookie: admin.cookie },
        ),
        context,
        params: { key: "ledare-handledning" },
      }),
    );
    expect(edited).toRedirectTo("/admin/goals/ledare-handledning");
    const get = (url: string) => getRequest(url, admin.cookie);
    const placeholders = /minst [NX]\b/;

    const report = await (await settle(() => reportLoader({ request: get("/admin/goals/report?period=2026"), context, params: {} }))).json();
    const definitions = new Map<string, string>(report.reports.map((r: { key: string; definition: string }) => [r.key, r.definition]));
    expect(definitions.get("ledare-handledning")).toContain("minst 3 handledningstillfällen");
    expect(definitions.get("krisplaner-klara")).toContain("minst 80 % klar");
    for (const definition of definitions.values()) expect(definition).not.toMatch(placeholders);

    const dashboard = await (await settle(() => dashboardLoader({ request: get("/admin/goals?period=2026"), context, params: {} }))).json();
    expect(dashboard.reports.map((r: { definition: string }) => r.definition)).toEqual([...definitions.values()]);

    const csv = parseCsv(await (await settle(() => exportLoader({ request: get("/admin/goals/export.csv?period=2026"), context, params: {} }))).text());
    const column = csv[0]!.indexOf("Definition");
    const csvDefinitions = csv.slice(1).map((row) => row[column]!);
    expect(csvDefinitions.filter((d) => d.includes("minst 3 handledningstillfällen"))).toHaveLength(15);
    expect(csvDefinitions.filter((d) => d.includes("minst 80 % klar"))).toHaveLength(15);
    for (const definition of csvDefinitions) expect(definition).not.toMatch(placeholders);

    const pdf = await pdfTextLines(
      new Uint8Array(await (await settle(() => pdfLoader({ request: get("/admin/goals/report.pdf?period=2026"), context, params: {} }))).arrayBuffer()),
    );
    const pdfText = pdf.join(" ");
    expect(pdfText).toContain("minst 3 handledningstillfällen");
    expect(pdfText).toContain("minst 80 % klar");
    expect(pdfText).not.toMatch(placeholders);
  });

  it("refuses a definition that writes the threshold as a fixed number, keeping the old text", async () => {
    const admin = await signedIn({ roles: ["admin"] });
    const before = await db.indicator.findUniqueOrThrow({ where: { key: "krisplaner-klara" } });
    const fixed = "Andel av arbetarekommunerna vars krishanteringsplan är granskad och minst 80 % klar.";
    const res = await settle(() =>
      indicatorAction({
        request: formRequest(
          "/admin/goals/krisplaner-klara",
          { intent: "edit", name: before.name, definition: fixed, baseline: "", baselineSource: "", target: "100", parameter: "80" },
          { cookie: admin.cookie },
        ),
        context,
        params: { key: "krisplaner-klara" },
      }),
    );
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.errors.definition[0]).toMatch(/Skriv X där talet ska stå/);
    expect(body.values.definition).toBe(fixed);
    expect((await db.indicator.findUniqueOrThrow({ where: { key: "krisplaner-klara" } })).definition).toBe(before.definition);
  });

  it("gives a count target to the district only: branch rows carry no target of their own but their share of the district's (decision 011)", async () => {
    const admin = await signedIn({ roles: ["admin"] });
    const program =
      (await db.program.findUnique({ where: { slug: "kommunikatorsutbildningen" } })) ??
      (await db.program.create({ data: { slug: "kommunikatorsutbildningen", title: "Kommunikatörsutbildningen", descriptionHtml: "", order: 2 } }));
    for (const branch of ["Pajala", "Pajala", "Jokkmokk"]) {
      const person = await createPerson({ branch });
      await db.completion.create({ data: { personId: person.id, scope: "program", scopeId: program.id, completedAt: new Date("2025-05-01T10:00:00Z") } });
    }
    const res = await settle(() => exportLoader({ request: getRequest("/admin/goals/export.csv?period=2025", admin.cookie), context, params: {} }));
    const rows = parseCsv(await res.text());
    const [header] = rows;
    const cell = (row: string[], name: string) => row[header!.indexOf(name)];
    const communicators = rows.filter((r) => r[0] === "Nya kommunikatörer under året");
    const district = communicators.find((r) => r[1] === "Hela distriktet")!;
    const pajala = communicators.find((r) => r[1] === "Pajala")!;
    const jokkmokk = communicators.find((r) => r[1] === "Jokkmokk")!;
    const kiruna = communicators.find((r) => r[1] === "Kiruna")!;
    expect([cell(district, "Målvärde"), cell(district, "Utfall"), cell(district, "Andel av distriktets mål (%)")]).toEqual(["40", "3", "7,5"]);
    expect([cell(pajala, "Målvärde"), cell(pajala, "Utfall"), cell(pajala, "Andel av distriktets mål (%)")]).toEqual(["", "2", "5"]);
    expect([cell(jokkmokk, "Målvärde"), cell(jokkmokk, "Andel av distriktets mål (%)")]).toEqual(["", "2,5"]);
    expect([cell(kiruna, "Målvärde"), cell(kiruna, "Andel av distriktets mål (%)")]).toEqual(["", "0"]);
    // The branches' shares add up to the district's.
    const shares = communicators.filter((r) => r[1] !== "Hela distriktet").map((r) => Number(cell(r, "Andel av distriktets mål (%)")!.replace(",", ".")));
    expect(shares.reduce((sum, n) => sum + n, 0)).toBeCloseTo(7.5);
    // A share target still holds for every branch as it stands, with no share column.
    const leaders = rows.find((r) => r[0] === "Ledande företrädare som genomfört Ledarskapsprogrammet" && r[1] === "Kiruna")!;
    expect([cell(leaders, "Målvärde"), cell(leaders, "Andel av distriktets mål (%)")]).toEqual(["75", ""]);

    const pdf = await pdfTextLines(
      new Uint8Array(
        await (await settle(() => pdfLoader({ request: getRequest("/admin/goals/report.pdf?period=2025", admin.cookie), context, params: {} }))).arrayBuffer(),
      ),
    );
    // The chart's bar label, then the table's row: Arbetarekommun, Antal, Andel av distriktets mål (40).
    expect(pdf).toContain("Pajala 2 (5 %)");
    expect(pdf).toContain("Pajala 2 5 %");
    expect(pdf).toContain("Målet 40 gäller hela distriktet; per arbetarekommun visas andelen av målet.");
  });
});
