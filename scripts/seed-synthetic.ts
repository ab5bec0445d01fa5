// npm run seed:synthetic -- --size XS|S|M|L [--seed 1] [--anchor 2026-11-01] [--database file:./data/synthetic-M.db]
// Writes a national-size synthetic organisation into a fresh database, for
// `npm run bench`. The same seed and anchor give the same data.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";

const args = z
  .object({
    size: z.enum(["XS", "S", "M", "L"], { errorMap: () => ({ message: "--size must be XS, S, M or L" }) }),
    seed: z.coerce.number().int().default(1),
    anchor: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "--anchor must be a date, YYYY-MM-DD")
      .optional(),
    database: z.string().optional(),
  })
  .safeParse(parseArgs({ options: { size: { type: "string" }, seed: { type: "string" }, anchor: { type: "string" }, database: { type: "string" } } }).values);
if (!args.success) {
  console.error(args.error.issues.map((i) => i.message).join("\n"));
  process.exit(2);
}
const { size: sizeName, seed } = args.data;
// Dated from the first of this month unless told otherwise, so dashboards show a current year.
const now = new Date();
const anchor = new Date(args.data.anchor ? `${args.data.anchor}T12:00:00Z` : Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1, 12));
const url = args.data.database ?? `file:./data/synthetic-${sizeName}.db`;
process.env.DATABASE_URL = url;
process.env.DEMO_DATA = "false";

if (url.startsWith("file:")) {
  // Our own synthetic file is rebuilt from scratch; anything else must be empty.
  const file = path.resolve(url.slice("file:".length));
  const ours = path.basename(file).startsWith("synthetic-");
  if (fs.existsSync(file) && !ours) {
    console.error(`${file} exists; seed:synthetic writes only into a fresh database.`);
    process.exit(2);
  }
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
}

const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
execFileSync("npx", ["prisma", "migrate", "deploy"], { stdio: ["ignore", "ignore", "inherit"], env: process.env });

const { SIZES, SYNTHETIC_PASSWORD, SYNTHETIC_DOMAIN } = await import("./synthetic/sizes");
const { db, ensureDatabaseReady } = await import("~/db.server");
await ensureDatabaseReady();
if ((await db.person.count()) > 0) {
  console.error("The database already has people; seed:synthetic writes only into a fresh database.");
  process.exit(2);
}
const { syncContent } = await import("~/modules/catalog/sync.server");
const { ensureTemplate } = await import("~/modules/crisis/template.server");
const { ensureGoals } = await import("~/modules/goals/seed-goals.server");
const { hashPassword } = await import("~/modules/auth/password.server");
const { sqliteWriter, prismaWriter } = await import("./synthetic/bulk-writer");
const { generateOrganisation } = await import("./synthetic/organisation");

await syncContent(path.resolve("content"));
await ensureTemplate(path.resolve("content", "krisplan", "mall.md"));
await ensureGoals();

/** One line per phase, redrawn in place on a terminal, plain lines in a log. */
function terminalProgress() {
  const tty = process.stderr.isTTY;
  let name = "";
  let total = 1;
  let done = 0;
  let lastDraw = 0;
  const draw = (final = false) => {
    const share = Math.min(1, done / total);
    const bar = "█".repeat(Math.round(share * 30)).padEnd(30, "░");
    const line = `${name.padEnd(24)} ${bar} ${String(Math.round(share * 100)).padStart(3)} %  ${done.toLocaleString("sv-SE")} / ${total.toLocaleString("sv-SE")}  ${elapsed()}`;
    if (tty) process.stderr.write(`\r${line}${final ? "\n" : ""}`);
    else if (final) process.stderr.write(`${line}\n`);
  };
  return {
    phase(next: string, count: number) {
      if (name) draw(true);
      name = next;
      total = Math.max(1, count);
      done = 0;
    },
    tick(n = 1) {
      done += n;
      const t = performance.now();
      if (t - lastDraw > 100) {
        lastDraw = t;
        draw();
      }
    },
    end() {
      if (name) draw(true);
    },
  };
}

const progress = terminalProgress();
const writer = url.startsWith("file:") ? sqliteWriter(url) : prismaWriter(db as unknown as Record<string, unknown>);
const result = await generateOrganisation({ size: SIZES[sizeName], seed, anchor, passwordHash: await hashPassword(SYNTHETIC_PASSWORD), writer, progress });
await writer.flush();
progress.end();
writer.close();

const counts = Object.fromEntries([...writer.written].sort(([a], [b]) => a.localeCompare(b)));
console.log(`\nSynthetic organisation ${sizeName} (seed ${seed}, anchor ${anchor.toISOString().slice(0, 10)}) in ${url}, built in ${elapsed()}:`);
console.log(`  ${result.branches} branches, ${result.people} people, ${result.cohorts} cohorts, ${result.sessions} handledning sessions`);
console.log(
  `  rows: ${Object.entries(counts)
    .map(([t, n]) => `${t} ${n.toLocaleString("sv-SE")}`)
    .join(", ")}`,
);
console.log(
  `  log in as admin-0@${SYNTHETIC_DOMAIN}, utvecklingsledare-3@${SYNTHETIC_DOMAIN} or deltagare-${result.firstParticipant}@${SYNTHETIC_DOMAIN} (and up), password ${SYNTHETIC_PASSWORD}`,
);
await db.$disconnect();
