import { defineConfig } from "vitest/config";

// Tests that start the built app as real server processes (tests/multi-server):
// no per-file database from tests/setup, and time to build and migrate.
export default defineConfig({
  test: {
    include: ["tests/multi-server/**/*.test.ts"],
    setupFiles: ["tests/setup/matchers.ts"],
    pool: "forks",
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 240_000,
  },
});
