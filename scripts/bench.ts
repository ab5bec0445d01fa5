// npm run bench -- --size S|M|L [--json out.json] [--duration 8] [--no-build]
// Builds for production, serves a copy of the synthetic dataset with
// `node server.js`, and drives it from this process over 127.0.0.1 as
// logged-in people of each role, at concurrency 1 and 16. Prints a table
// against the targets and, with --json, writes the figures.
import { execFileSync, spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import Database from "better-sqlite3";
import { z } from "zod";
import { runLoad, type BenchRequest, type LoadResult } from "./bench/load";

const parsed = z
  .object({
    size: z.enum(["S", "M", "L"]).default("M"),
    json: z.string().optional(),
    duration: z.coerce.number().positive().default(8),
    port: z.coerce.number().int().default(3900),
    "no-build": z.boolean().default(false),
    /** Comma-separated route names, to look at a few while profiling. */
    only: z.string().optional(),
  })
  .safeParse(
    parseArgs({ options: { size: { type: "string" }, json: { type: "string" }, duration: { type: "string" }, port: { type: "string" }, "no-build": { type: "boolean" }, only: { type: "string" } } }).values,
  );
if (!parsed.success) {
  console.error(parsed.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("\n"));
  process.exit(2);
}
const opts = parsed.data;
const PORT = opts.port;
const ORIGIN = `http://127.0.0.1:${PORT}`;
const PASSWORD = "Ledarlyftet-bench-2026";
const DOMAIN = "synthetic.ledarlyftet.se";
const log = (line: string) => process.stderr.write(`${line}\n`);

// ---- Dataset: built once per size, copied per run so runs do not drift ----
const dataset = path.resolve(`data/synthetic-${opts.size}.db`);
if (!fs.existsSync(dataset)) {
  log(`No ${path.relative(".", dataset)} yet; building it with seed:synthetic.`);
  execFileSync("npx", ["tsx", "scripts/seed-synthetic.ts", "--size", opts.size], { stdio: "inherit" });
}
if (!opts["no-build"]) {
  log("Building for production…");
  execFileSync("npm", ["run", "--silent", "build"], { stdio: ["ignore", "ignore", "inherit"] });
}
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "ledarlyftet-bench-"));
const dbFile = path.join(workDir, "bench.db");
fs.copyFileSync(dataset, dbFile);

// ---- Who does what: found in the data, with feed tokens made for them ----
const sqlite = new Database(dbFile);
const emailsLike = (prefix: string, n: number) =>
  (sqlite.prepare(`SELECT id, email FROM Person WHERE email LIKE ? AND active = 1 ORDER BY email LIMIT ?`).all(`${prefix}-%@${DOMAIN}`, n) as { id: string; email: string }[]);
const participants = emailsLike("deltagare", 2_000);
const facilitator = emailsLike("utvecklingsledare", 1)[0]!;
const admin = emailsLike("admin", 1)[0]!;
const course = sqlite
  .prepare(`SELECT c.id, c.slug FROM Course c JOIN Program p ON p.id = c.programId WHERE p.slug = 'kommunikatorsutbildningen' AND c.retiredAt IS NULL ORDER BY c."order" LIMIT 1`)
  .get() as { id: string; slug: string };
const textLessons = sqlite
  .prepare(`SELECT l.slug FROM Lesson l JOIN Module m ON m.id = l.moduleId WHERE m.courseId = ? AND l.type = 'text' AND l.retiredAt IS NULL ORDER BY m."order", l."order"`)
  .all(course.id) as { slug: string }[];
const cohort = sqlite.prepare(`SELECT cohortId FROM CohortFacilitator WHERE personId = ? LIMIT 1`).get(facilitator.id) as { cohortId: string };
const feedTokens = participants.map((p) => {
  const token = randomBytes(24).toString("base64url");
  sqlite.prepare(`INSERT OR REPLACE INTO CalendarFeed (personId, tokenHash, createdAt) VALUES (?, ?, ?)`).run(p.id, createHash("sha256").update(token).digest("hex"), new Date().toISOString().replace("Z", "+00:00"));
  return token;
});
sqlite.close();

// ---- The server, as production runs it ----
// No SMTP_URL: the outbox keeps what would be sent, nothing leaves the machine.
const { SMTP_URL: _smtp, ...env } = process.env;
// The node flags `npm start` gives the server (its heap ceiling), so the figures are production's;
// BENCH_SERVER_ARGS adds more, e.g. "--cpu-prof --cpu-prof-dir=prof".
const startScript = (JSON.parse(fs.readFileSync("package.json", "utf8")) as { scripts: { start: string } }).scripts.start;
const startFlags = startScript.split(/\s+/).filter((word) => word.startsWith("--"));
const serverArgs = [...startFlags, ...(process.env.BENCH_SERVER_ARGS ?? "").split(" ").filter(Boolean)];
const server = spawn(process.execPath, [...serverArgs, "server.js"], {
  env: { ...env, NODE_ENV: "production", PORT: String(PORT), PUBLIC_URL: ORIGIN, DATABASE_URL: `file:${dbFile}`, SESSION_SECRET: randomBytes(32).toString("hex"), TRUST_PROXY: "true", DEMO_DATA: "false" },
  stdio: ["ignore", "ignore", "inherit"],
});
const stopServer = () => server.exitCode === null && server.kill("SIGTERM");
process.on("exit", stopServer);
for (let i = 0; ; i++) {
  try {
    if ((await fetch(`${ORIGIN}/healthz`)).ok) break;
  } catch {}
  if (i > 150 || server.exitCode !== null) throw new Error("The server did not start");
  await new Promise((r) => setTimeout(r, 200));
}

let address = 0;
/** Each request from its own client address, as many people would come from many: login throttling counts per address. */
const nextAddress = () => {
  address++;
  return `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`;
};

async function logIn(email: string): Promise<string> {
  const res = await fetch(`${ORIGIN}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN, "X-Forwarded-For": nextAddress() },
    body: new URLSearchParams({ email, password: PASSWORD, redirectTo: "/" }),
  });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith("ledarlyftet_session="));
  if (!cookie) throw new Error(`Could not log in as ${email} (${res.status})`);
  return cookie.split(";")[0]!;
}

const learnerCookies = await Promise.all(participants.slice(0, 16).map((p) => logIn(p.email)));
const facilitatorCookie = await logIn(facilitator.email);
const adminCookie = await logIn(admin.email);
const learner = (n: number) => learnerCookies[n % learnerCookies.length]!;
const lesson = (n: number) => textLessons[n % textLessons.length]!.slug;
const form = { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN };
const staticAsset = fs.readdirSync("build/client/assets").find((f) => f.endsWith(".css")) ?? fs.readdirSync("build/client/assets")[0]!;

interface Scenario {
  name: string;
  role: string;
  /** p95 at concurrency 16 must stay under this. */
  p95TargetMs: number;
  next: (n: number) => BenchRequest;
  ok?: (status: number) => boolean;
}

const scenarios: Scenario[] = [
  {
    name: "login",
    role: "deltagare",
    p95TargetMs: 200,
    next: (n) => ({ method: "POST", path: "/login", headers: { ...form, "X-Forwarded-For": nextAddress() }, body: new URLSearchParams({ email: participants[(n + 16) % participants.length]!.email, password: PASSWORD, redirectTo: "/" }).toString() }),
    ok: (s) => s === 302,
  },
  { name: "course page", role: "deltagare", p95TargetMs: 200, next: (n) => ({ path: `/courses/${course.slug}`, headers: { Cookie: learner(n) } }) },
  { name: "lesson page", role: "deltagare", p95TargetMs: 50, next: (n) => ({ path: `/courses/${course.slug}/${lesson(n)}`, headers: { Cookie: learner(n) } }) },
  {
    name: "lesson completion (POST)",
    role: "deltagare",
    p95TargetMs: 50,
    next: (n) => ({ method: "POST", path: `/courses/${course.slug}/${lesson(n)}`, headers: { ...form, Cookie: learner(n) }, body: "intent=read" }),
    ok: (s) => s === 302,
  },
  { name: "goals dashboard", role: "admin", p95TargetMs: 200, next: () => ({ path: "/admin/goals", headers: { Cookie: adminCookie } }) },
  { name: "cohort page", role: "utvecklingsledare", p95TargetMs: 200, next: () => ({ path: `/cohorts/${cohort.cohortId}`, headers: { Cookie: facilitatorCookie } }) },
  {
    name: "calendar feed",
    role: "deltagare",
    p95TargetMs: 50,
    next: (n) => ({ path: `/kalender/${feedTokens[n % feedTokens.length]}.ics`, headers: { "X-Forwarded-For": nextAddress() } }),
    ok: (s) => s === 200,
  },
];

const only = opts.only?.split(",").map((n) => n.trim());
const chosen = only ? scenarios.filter((s) => only.includes(s.name)) : scenarios;
if (chosen.length === 0) throw new Error(`--only names none of: ${scenarios.map((s) => s.name).join(", ")}`);

interface RouteFigure { name: string; role: string; concurrency: number; p50Ms: number; p95Ms: number; p99Ms: number; rps: number; requests: number; errors: number }
const figures: RouteFigure[] = [];
const durationMs = opts.duration * 1000;
for (const s of chosen) {
  // A short warm-up so the first figures are not the JIT's.
  await runLoad({ port: PORT, concurrency: 4, durationMs: 1_000, next: s.next, okStatus: s.ok });
  for (const concurrency of [1, 16]) {
    const r: LoadResult = await runLoad({ port: PORT, concurrency, durationMs, next: s.next, okStatus: s.ok });
    if (r.errors > 0) log(`  ${s.name} c=${concurrency}: ${r.errors} unexpected answers ${JSON.stringify(r.statuses)}`);
    figures.push({ name: s.name, role: s.role, concurrency, p50Ms: r.p50Ms, p95Ms: r.p95Ms, p99Ms: r.p99Ms, rps: r.rps, requests: r.requests, errors: r.errors });
    log(`  ${s.name.padEnd(26)} c=${String(concurrency).padEnd(2)} p50 ${r.p50Ms} ms  p95 ${r.p95Ms} ms  ${r.rps} req/s`);
  }
}

// ---- The floor: a static file from the same server, the dashboard's queries without HTTP ----
const staticFloor = await runLoad({ port: PORT, concurrency: 16, durationMs, next: () => ({ path: `/assets/${staticAsset}` }) });

// ---- JavaScript each page ships: the module scripts it names, gzipped ----
async function pageJs(pathname: string, cookie?: string) {
  const html = await (await fetch(`${ORIGIN}${pathname}`, { headers: cookie ? { Cookie: cookie } : {} })).text();
  const files = new Set([...html.matchAll(/\/assets\/[\w.-]+\.js/g)].map((m) => m[0]));
  const bytes = [...files].reduce((sum, f) => sum + gzipSync(fs.readFileSync(path.join("build/client", f))).length, 0);
  return { page: pathname, files: files.size, kbGzip: Math.round(bytes / 102.4) / 10 };
}
const pages = [
  await pageJs("/login"),
  await pageJs("/", learner(0)),
  await pageJs(`/courses/${course.slug}`, learner(0)),
  await pageJs(`/courses/${course.slug}/${lesson(0)}`, learner(0)),
  await pageJs("/admin/goals", adminCookie),
  await pageJs(`/cohorts/${cohort.cohortId}`, facilitatorCookie),
];

const status = fs.readFileSync(`/proc/${server.pid}/status`, "utf8");
const peakRssMb = Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
stopServer();

process.env.DATABASE_URL = `file:${dbFile}`;
const { goalsReport } = await import("~/modules/goals/goals.server");
const { currentPeriod } = await import("~/modules/goals/period");
const queryTimes: number[] = [];
for (let i = 0; i < 12; i++) {
  const t0 = performance.now();
  await goalsReport(currentPeriod());
  if (i >= 2) queryTimes.push(performance.now() - t0);
}
queryTimes.sort((a, b) => a - b);
const ms = (x: number) => Math.round(x * 10) / 10;
const floor = {
  dashboardQueries: { p50Ms: ms(queryTimes[Math.floor(queryTimes.length / 2)]!), p95Ms: ms(queryTimes[queryTimes.length - 1]!), runs: queryTimes.length },
  staticFile: { path: `/assets/${staticAsset}`, concurrency: 16, p50Ms: staticFloor.p50Ms, p95Ms: staticFloor.p95Ms, rps: staticFloor.rps },
};

// ---- Verdict ----
const targets = [
  ...chosen.map((s) => {
    const f = figures.find((x) => x.name === s.name && x.concurrency === 16)!;
    return { target: `${s.name}: p95 < ${s.p95TargetMs} ms at c=16`, measured: `${f.p95Ms} ms`, met: f.p95Ms < s.p95TargetMs && f.errors === 0 };
  }),
  ...figures
    .filter((x) => x.name === "lesson page" && x.concurrency === 16)
    .map((f) => ({ target: "lesson page ≥ 500 req/s", measured: `${f.rps} req/s`, met: f.rps >= 500 })),
  { target: "peak server memory < 300 MB", measured: `${peakRssMb} MB`, met: peakRssMb < 300 },
  { target: "< 100 KB gzipped JavaScript per page", measured: `${Math.max(...pages.map((p) => p.kbGzip))} KB at most`, met: pages.every((p) => p.kbGzip < 100) },
];

const pad = (s: string | number, n: number) => String(s).padEnd(n);
const padL = (s: string | number, n: number) => String(s).padStart(n);
console.log(`\nLedarlyftet bench, size ${opts.size}, ${os.cpus().length} cores, ${opts.duration} s per run\n`);
console.log(`${pad("route", 26)} ${pad("role", 18)} ${padL("conc", 4)} ${padL("p50 ms", 8)} ${padL("p95 ms", 8)} ${padL("req/s", 7)} ${padL("errors", 6)}`);
for (const f of figures) console.log(`${pad(f.name, 26)} ${pad(f.role, 18)} ${padL(f.concurrency, 4)} ${padL(f.p50Ms, 8)} ${padL(f.p95Ms, 8)} ${padL(f.rps, 7)} ${padL(f.errors, 6)}`);
console.log(`\nfloor: static file p50 ${floor.staticFile.p50Ms} ms, p95 ${floor.staticFile.p95Ms} ms, ${floor.staticFile.rps} req/s at c=16; dashboard queries without HTTP p50 ${floor.dashboardQueries.p50Ms} ms, p95 ${floor.dashboardQueries.p95Ms} ms`);
console.log(`peak server memory (VmHWM): ${peakRssMb} MB`);
console.log(`JavaScript per page (gzip): ${pages.map((p) => `${p.page} ${p.kbGzip} KB`).join(", ")}`);
console.log("\ntargets:");
for (const t of targets) console.log(`  ${t.met ? "✓" : "✗"} ${t.target}: ${t.measured}`);

if (opts.json) {
  const out = { size: opts.size, rssMb: peakRssMb, routes: figures, floor, javascript: pages, targets, measuredAt: new Date().toISOString(), cores: os.cpus().length, durationS: opts.duration };
  fs.writeFileSync(opts.json, `${JSON.stringify(out, null, 2)}\n`);
  console.log(`\nwrote ${opts.json}`);
}
fs.rmSync(workDir, { recursive: true, force: true });
process.exit(targets.every((t) => t.met) ? 0 : 1);
