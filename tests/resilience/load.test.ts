// 16 people at once against the production server, for 10 s by default
// (LOAD_DURATION_MS=60000 for a full minute), from a separate process:
// nothing may fail with a 5xx or a dropped connection.
// The figures (requests, statuses, latency percentiles per kind of request)
// are printed for the record; they are not asserted (no timed assertions).
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { afterAll, expect, it } from "vitest";
import { copyTemplate, freePort, killAllServers, removeDatabase, ROOT, startServer } from "./harness";

const run = promisify(execFile);
const DURATION_MS = Number(process.env.LOAD_DURATION_MS ?? 10_000);
// Server start, client start and drain take about 5 s on an idle machine; the limit is 60 s
// at the default duration (3x and more), and grows with a longer run.
const LIMIT_MS = Math.max(60_000, DURATION_MS * 3);

interface Summary {
  count: number;
  statuses: Record<string, number>;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}
interface LoadResult {
  users: number;
  elapsedMs: number;
  total: Summary;
  byOp: Record<string, Summary>;
  failures: string[];
}

let database = "";
afterAll(async () => {
  await killAllServers();
  if (database) removeDatabase(database);
});

it(`16 concurrent people of every role for ${DURATION_MS / 1000} s get no 5xx and no dropped connection`, { timeout: LIMIT_MS }, async () => {
  database = await copyTemplate("load");
  const server = await startServer({ database, port: await freePort(), env: { TRUST_PROXY: "true" } });

  const { stdout } = await run(path.join(ROOT, "node_modules/.bin/tsx"), ["tests/resilience/load-client.ts"], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, NODE_ENV: "production", LOAD_BASE_URL: server.base, LOAD_DURATION_MS: String(DURATION_MS) },
    maxBuffer: 10 * 1024 * 1024,
    timeout: LIMIT_MS,
  });
  const line = stdout.split("\n").find((l) => l.startsWith("LOAD-RESULT "));
  expect(line, stdout).toBeDefined();
  const result = JSON.parse(line!.slice("LOAD-RESULT ".length)) as LoadResult;
  console.log(report(result));

  expect(result.users).toBe(16);
  expect(result.failures).toEqual([]);
  const statuses = Object.keys(result.total.statuses).map(Number);
  expect(statuses.filter((s) => s >= 500 || s === 0)).toEqual([]);
  // Refusals a person would notice are bugs too; only the feed's rate limit may answer 429.
  for (const [op, summary] of Object.entries(result.byOp)) {
    const refused = Object.keys(summary.statuses)
      .map(Number)
      .filter((s) => s >= 400 && !(s === 429 && op.startsWith("GET /kalender")));
    expect(refused, op).toEqual([]);
  }
  // Every kind of traffic actually ran.
  for (const op of [
    "POST /login",
    "POST lesson read",
    "POST /sessions/new",
    "GET /admin/goals",
    "GET /admin/people",
    "GET /kalender/:token.ics",
    "GET /cohorts/:id",
    "GET lesson",
  ]) {
    expect(result.byOp[op]?.count ?? 0, op).toBeGreaterThan(0);
  }

  server.child.kill("SIGTERM");
  expect(await server.exited).toEqual({ code: 0, signal: null });
  const sqlite = new Database(database, { readonly: true });
  expect(sqlite.pragma("integrity_check", { simple: true })).toBe("ok");
  sqlite.close();
});

function report(result: LoadResult): string {
  const seconds = result.elapsedMs / 1000;
  const row = (name: string, s: Summary) =>
    `${name.padEnd(26)} ${String(s.count).padStart(6)}  ${Object.entries(s.statuses)
      .map(([k, v]) => `${k}:${v}`)
      .join(" ")
      .padEnd(22)} ${[s.p50, s.p95, s.p99, s.max].map((v) => String(v).padStart(7)).join(" ")}`;
  return [
    `Load: ${result.users} users for ${seconds.toFixed(1)} s, ${result.total.count} requests (${(result.total.count / seconds).toFixed(1)} req/s)`,
    `${"request".padEnd(26)} ${"count".padStart(6)}  ${"statuses".padEnd(22)} ${["p50 ms", "p95 ms", "p99 ms", "max ms"].map((h) => h.padStart(7)).join(" ")}`,
    ...Object.entries(result.byOp).map(([name, s]) => row(name, s)),
    row("all", result.total),
  ].join("\n");
}
