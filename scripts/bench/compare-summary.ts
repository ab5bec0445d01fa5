// tsx scripts/bench/compare-summary.ts <before.json> <after.json> [<combined.json>]
// scripts/bench-compare.sh's last step: the two runs' ratios at c=16 side by
// side. Each run is measured against its own static file, so the ratios
// compare across the two runs even if the machine's speed moved between them.
import fs from "node:fs";

interface Ratio {
  name: string;
  rps: number;
  p95Ms: number;
  errors: number;
  staticPerRoute: number | null;
  rpsShare: string;
  p95xStatic: number | null;
  rpsTarget: { atLeast: string; met: boolean } | null;
  p95Target: { atMost: string; met: boolean } | { exempt: string };
}
interface Run {
  label: string;
  baseline: { path: string; c16: { rps: number; p95Ms: number }; driftRps: number };
  ratios: Ratio[];
  rssMb: number;
  javascript: { page: string; kbGzip: number }[];
  targets: { met: boolean }[];
  runSeconds: number;
}

const [beforeFile, afterFile, combinedFile] = process.argv.slice(2);
if (!beforeFile || !afterFile) {
  console.error("usage: compare-summary.ts <before.json> <after.json> [<combined.json>]");
  process.exit(2);
}
const before = JSON.parse(fs.readFileSync(beforeFile, "utf8")) as Run;
const after = JSON.parse(fs.readFileSync(afterFile, "utf8")) as Run;

const pad = (s: string | number, n: number) => String(s).padEnd(n);
const padL = (s: string | number, n: number) => String(s).padStart(n);
const times = (x: number | null) => (x === null ? "∞×" : `${x.toFixed(1)}×`);
const mark = (r: Ratio | undefined, which: "rps" | "p95") => {
  if (!r) return " ";
  if (which === "rps") return r.rpsTarget ? (r.rpsTarget.met ? "✓" : "✗") : " ";
  return "met" in r.p95Target ? (r.p95Target.met ? "✓" : "✗") : " ";
};
/** After's share of the static file's req/s against before's: +20% means the route got 20% more of it. */
const change = (b: Ratio | undefined, a: Ratio | undefined) => {
  if (!b?.staticPerRoute || !a?.staticPerRoute) return "";
  const pct = Math.round((b.staticPerRoute / a.staticPerRoute - 1) * 100);
  return `${pct >= 0 ? "+" : ""}${pct}%`;
};

console.log(`\n==== bench-compare, at c=16, each run against its own static file ====`);
console.log(`${before.label}\n${after.label}`);
console.log(
  `static file: before ${before.baseline.c16.rps} req/s, p95 ${before.baseline.c16.p95Ms} ms (${before.baseline.path}); after ${after.baseline.c16.rps} req/s, p95 ${after.baseline.c16.p95Ms} ms (${after.baseline.path})`,
);
const drifts = [before, after].filter((r) => Math.abs(r.baseline.driftRps) > 0.15).map((r) => r.label);
if (drifts.length) console.log(`⚠ the static file's req/s moved by more than 15% within: ${drifts.join("; ")}`);
console.log(`\n(share: the route's req/s as a part of its run's static file's; change: after's share against before's, + is faster; ✓/✗ the targets)`);
console.log(
  `${pad("route", 26)} ${padL("share before", 13)} ${padL("after", 10)} ${padL("change", 7)}  ${padL("p95× before", 12)} ${padL("after", 8)}   ${padL("req/s before", 12)} ${padL("after", 6)}`,
);
const names = [...new Set([...before.ratios, ...after.ratios].map((r) => r.name))];
for (const name of names) {
  const b = before.ratios.find((r) => r.name === name);
  const a = after.ratios.find((r) => r.name === name);
  console.log(
    `${pad(name, 26)} ${padL(b ? `${b.rpsShare} ${mark(b, "rps")}` : "-", 13)} ${padL(a ? `${a.rpsShare} ${mark(a, "rps")}` : "-", 10)} ${padL(change(b, a), 7)}  ${padL(b ? `${times(b.p95xStatic)} ${mark(b, "p95")}` : "-", 12)} ${padL(a ? `${times(a.p95xStatic)} ${mark(a, "p95")}` : "-", 8)}   ${padL(b?.rps ?? "-", 12)} ${padL(a?.rps ?? "-", 6)}`,
  );
}
const maxJs = (r: Run) => Math.max(...r.javascript.map((p) => p.kbGzip));
console.log(
  `\npeak server memory: before ${before.rssMb} MB, after ${after.rssMb} MB; most JS per page (gzip): before ${maxJs(before)} KB, after ${maxJs(after)} KB`,
);
const missed = (r: Run) => r.targets.filter((t) => !t.met).length;
console.log(
  `targets missed: before ${missed(before)}, after ${missed(after)} (of ${after.targets.length}); runs took ${before.runSeconds} s and ${after.runSeconds} s`,
);
if (combinedFile) {
  fs.writeFileSync(combinedFile, `${JSON.stringify({ before, after }, null, 2)}\n`);
  console.log(`wrote ${combinedFile}`);
}
