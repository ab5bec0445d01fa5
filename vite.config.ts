import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  plugins: [
    !process.env.VITEST &&
      remix({
        future: {
          v3_fetcherPersist: true,
          v3_relativeSplatPath: true,
          v3_throwAbortReason: true,
          v3_singleFetch: true,
          v3_lazyRouteDiscovery: false,
        },
      }),
    tsconfigPaths(),
  ],
  server: { port: 3000 },
  build: {
    rollupOptions: {
      // Resource routes (the CSV, PDF, ICS and JSON downloads, /healthz, /logout) have no component, so
      // their client chunk is empty by design; Rollup said so for each of them on every build.
      onwarn(warning, warn) {
        if (warning.code === "EMPTY_BUNDLE") return;
        warn(warning);
      },
    },
  },
});
