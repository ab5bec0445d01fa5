import { createHash, randomBytes } from "node:crypto";
import Database from "better-sqlite3";
const sqlite = new Database("/tmp/feedbench.db");
const people = sqlite.prepare(`SELECT id FROM Person WHERE email LIKE 'deltagare-%' AND active = 1 ORDER BY email LIMIT 2000`).all() as { id: string }[];
const tokens = people.map((p) => { const t = randomBytes(24).toString("base64url"); sqlite.prepare(`INSERT OR REPLACE INTO CalendarFeed (personId, tokenHash, createdAt) VALUES (?, ?, ?)`).run(p.id, createHash("sha256").update(t).digest("hex"), new Date().toISOString()); return t; });
sqlite.close();
process.env.DATABASE_URL = "file:/tmp/feedbench.db";
const { feedFor } = await import("~/modules/calendar/feed.server");
const { hitRateLimits, feedLimits } = await import("~/modules/auth/rate-limit.server");
const time = async (label: string, f: (i: number) => Promise<unknown>, n = 2000) => {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await f(i);
  console.log(label, ((performance.now() - t0) / n * 1000).toFixed(0), "µs/op");
};
await time("feedFor cold", async (i) => feedFor(tokens[i]!));
await time("feedFor warm", async (i) => feedFor(tokens[i]!));
await time("feedFor warm again", async (i) => feedFor(tokens[i]!));
for (let k = 0; k < 2; k++) { const b = (globalThis as any).__builds; await time("warm", async (i) => feedFor(tokens[i]!)); console.log("builds", (globalThis as any).__builds - b); }
