import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";

export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    include: ["app/**/*.test.ts", "tests/integration/**/*.test.ts", "scripts/**/*.test.ts"],
    globalSetup: ["tests/setup/global-setup.ts"],
    setupFiles: ["tests/setup/db-per-file.ts", "tests/setup/matchers.ts"],
    pool: "forks",
    // Limits at least 3x what the slowest test and hook take on an idle machine (README,
    // "Test it"); a test that needs more sets its own, never over 60 s.
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
