import { defineConfig } from "vitest/config";

// Tests that start the built app as real server processes (tests/multi-server):
// no per-file database from tests/setup; the build and migration are hooks of their own.
export default defineConfig({
  test: {
    include: ["tests/multi-server/**/*.test.ts"],
    setupFiles: ["tests/setup/matchers.ts"],
    pool: "forks",
    fileParallelism: false,
    // At least 3x the slowest test (7 s) and hook (11 s, migrate deploy) on an idle machine, never over 60 s.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
