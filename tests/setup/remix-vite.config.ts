import os from "node:os";
import path from "node:path";
import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

// The app's own Vite setup (vite.config.ts leaves Remix out under Vitest), for
// tests that render pages through the real Remix request handler. See
// tests/integration/remix-app.ts.
export default defineConfig({
  root: path.resolve(__dirname, "../.."),
  logLevel: "error",
  // Per process, outside node_modules: test files run in parallel.
  cacheDir: path.join(os.tmpdir(), `ledarlyftet-vite-${process.pid}`),
  optimizeDeps: { noDiscovery: true, include: [] },
  plugins: [
    remix({
      future: { v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_throwAbortReason: true, v3_singleFetch: true, v3_lazyRouteDiscovery: true },
    }),
    tsconfigPaths(),
  ],
});
