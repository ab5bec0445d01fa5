// `npm start` builds the app only when its inputs changed since the last build:
// a full Vite build takes about a minute on a small machine, and most starts
// (a restart, a reboot, a second start of the demo) run the same code again.
//
// The inputs are everything the build reads: app/ (the generated Prisma client
// included, so a schema change rebuilds), public/, the Vite, TypeScript and
// package files. Their digest is written next to the build when it succeeds,
// with the server bundle's modification time: a build made some other way
// since (`npm run build` on other sources) no longer matches the stamp. A start
// whose stamp matches skips the build. FORCE_BUILD=1 builds anyway.
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const inputs = ["app", "public", "vite.config.ts", "tsconfig.json", "package.json", "package-lock.json"];
const stamp = path.join(root, "build", ".inputs-sha256");
const serverBundle = path.join(root, "build", "server", "index.js");

/** Files under `entry`, in a stable order, so the digest depends on content and names only. */
function filesUnder(entry) {
  const full = path.join(root, entry);
  if (!fs.existsSync(full)) return [];
  if (!fs.statSync(full).isDirectory()) return [entry];
  return fs
    .readdirSync(full, { withFileTypes: true })
    .map((dirent) => path.join(entry, dirent.name))
    .sort()
    .flatMap((child) => filesUnder(child));
}

function inputsDigest() {
  const hash = crypto.createHash("sha256");
  for (const file of inputs.flatMap(filesUnder)) {
    hash
      .update(file)
      .update("\0")
      .update(fs.readFileSync(path.join(root, file)))
      .update("\0");
  }
  return hash.digest("hex");
}

/** What the stamp says: these inputs made the server bundle of this modification time. */
function stampFor(digest) {
  if (!fs.existsSync(serverBundle) || !fs.existsSync(path.join(root, "build", "client"))) return null;
  return `${digest} ${fs.statSync(serverBundle).mtimeMs}`;
}

const digest = inputsDigest();
const previous = fs.existsSync(stamp) ? fs.readFileSync(stamp, "utf8").trim() : null;
if (process.env.FORCE_BUILD !== "1" && previous !== null && previous === stampFor(digest)) {
  console.log("Bygget är aktuellt (inget i app/, public/ eller paketen har ändrats): hoppar över npm run build.");
  process.exit(0);
}

fs.rmSync(stamp, { force: true });
const build = spawnSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);
fs.writeFileSync(stamp, `${stampFor(digest)}\n`);
