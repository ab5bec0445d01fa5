import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import { runLoad } from "./bench/load";
const sqlite = new Database("/tmp/feedsrv.db");
const people = sqlite.prepare(`SELECT id FROM Person WHERE email LIKE 'deltagare-%' AND active = 1 ORDER BY email LIMIT 2000`).all() as { id: string }[];
const tokens = people.map((p) => { const t = randomBytes(24).toString("base64url"); sqlite.prepare(`INSERT OR REPLACE INTO CalendarFeed (personId, tokenHash, createdAt) VALUES (?, ?, ?)`).run(p.id, createHash("sha256").update(t).digest("hex"), new Date().toISOString()); return t; });
sqlite.close();
const port = 3977;
const prof = process.env.PROF === "1";
const child = spawn(process.execPath, [...(prof ? ["--cpu-prof", "--cpu-prof-dir=/tmp/prof2"] : []), "--max-old-space-size=256", "--max-semi-space-size=8", "server.js"], { env: { ...process.env, DATABASE_URL: "file:/tmp/feedsrv.db", PORT: String(port), NODE_ENV: "production", SESSION_SECRET: "x".repeat(40), TRUST_PROXY: "true", DEMO_DATA: "false" }, stdio: "inherit" });
for (let i = 0; i < 100; i++) { try { if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break; } catch {} await new Promise((r) => setTimeout(r, 200)); }
let a = 0;
const addr = () => { a++; return `10.${(a >> 16) & 255}.${(a >> 8) & 255}.${a & 255}`; };
for (const round of [1, 2, 3]) {
  const r = await runLoad({ port, concurrency: 16, durationMs: 6000, next: (n) => ({ path: `/kalender/${tokens[(n + round * 700) % tokens.length]}.ics`, headers: { "X-Forwarded-For": addr() } }), okStatus: (s) => s === 200 });
  console.log(`round ${round}: ${Math.round(r.rps)} req/s p95 ${r.p95Ms.toFixed(1)} ms errors ${r.errors}`, r.statuses);
}
const s = await runLoad({ port, concurrency: 16, durationMs: 4000, next: () => ({ path: `/healthz` }) });
console.log(`healthz ${Math.round(s.rps)} req/s`);
child.kill("SIGTERM");
await new Promise((r) => child.once("exit", r));
