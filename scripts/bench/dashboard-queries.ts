// The goals dashboard's queries without HTTP, for bench.ts's "floor" line.
// bench.ts runs this with tsx from the tree being measured (cwd = --app-dir, so
// `~/` is that tree's app/ and its own Prisma client) and DATABASE_URL set to
// the run's copy of the dataset. Prints one JSON line.
export {};
const { goalsReport } = await import("~/modules/goals/goals.server");
const { currentPeriod } = await import("~/modules/goals/period");
const times: number[] = [];
for (let i = 0; i < 12; i++) {
  const t0 = performance.now();
  await goalsReport(currentPeriod());
  if (i >= 2) times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const ms = (x: number) => Math.round(x * 10) / 10;
console.log(JSON.stringify({ p50Ms: ms(times[Math.floor(times.length / 2)]!), p95Ms: ms(times[times.length - 1]!), runs: times.length }));
process.exit(0);
