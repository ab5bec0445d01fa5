// `npm start` builds only when the sources changed: a restart of the same code
// must not spend a minute rebuilding it. The global setup built through the same
// script, so a second run finds the build current and leaves it as it is.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { ROOT } from "./harness";

it("a start on unchanged sources keeps the existing build", () => {
  const bundle = path.join(ROOT, "build/server/index.js");
  const builtAt = fs.statSync(bundle).mtimeMs;
  const output = execFileSync("node", ["scripts/build-if-changed.mjs"], { cwd: ROOT, encoding: "utf8" });
  expect(output).toContain("Bygget är aktuellt");
  expect(fs.statSync(bundle).mtimeMs).toBe(builtAt);
});
