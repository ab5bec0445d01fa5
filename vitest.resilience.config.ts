import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";

// `npm run test:resilience`: the production server in its own process, killed,
// stopped and loaded. Slow, so not part of `vitest run`; one file at a time so
// the load figures are not skewed by another test on the same two cores.
export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    include: ["tests/resilience/**/*.test.ts"],
    globalSetup: ["tests/resilience/global-setup.ts"],
    setupFiles: ["tests/setup/matchers.ts"],
    pool: "forks",
    fileParallelism: false,
    // At least 3x the slowest test and hook on an idle machine, never over 60 s; the load
    // test sets a longer limit only when LOAD_DURATION_MS asks for a longer run.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
