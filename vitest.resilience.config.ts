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
    testTimeout: 240_000,
    hookTimeout: 180_000,
  },
});
