// Once per `npm run test:resilience`: the production build, and a database
// prepared exactly as `npm start` prepares one (migrate deploy, content sync,
// demo seed), which each test copies.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ROOT, TEMPLATE_DB, TMP } from "./harness";

/** The environment of a shell, not of Vitest (vite.config.ts leaves Remix out under VITEST). */
const shellEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("VITEST") && k !== "NODE_ENV" && k !== "TEST"));

function run(command: string, args: string[], env: { NODE_ENV: "production" | "development"; DATABASE_URL?: string }) {
  execFileSync(command, args, { cwd: ROOT, env: { ...shellEnv, ...env }, stdio: ["ignore", "ignore", "inherit"] });
}

export default function setup() {
  fs.mkdirSync(TMP, { recursive: true });
  for (const f of fs.readdirSync(TMP)) fs.rmSync(path.join(TMP, f), { force: true, recursive: true });
  // As `npm start` builds: only when the sources changed since the last build (start-build.test.ts relies on it).
  run("node", ["scripts/build-if-changed.mjs"], { NODE_ENV: "production" });
  // As `npm start` does it, minus the server: the demo secret is fine for these steps.
  const database = { NODE_ENV: "development" as const, DATABASE_URL: `file:${TEMPLATE_DB}` };
  const bin = (name: string) => path.join(ROOT, "node_modules/.bin", name);
  run(bin("prisma"), ["migrate", "deploy"], database);
  run(bin("tsx"), ["scripts/content-sync.ts"], database);
  run(bin("tsx"), ["scripts/seed-demo.ts"], database);
  return () => fs.rmSync(TMP, { recursive: true, force: true });
}
