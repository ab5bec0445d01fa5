import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

// npm install applies patches/ (patch-package). Each patch saves work per
// request; these check that what the patched code answers is what the
// original answered.

const require = createRequire(import.meta.url);

describe("patched react-dom: the server document kept as one string until it is flushed", () => {
  it("streams exactly the markup React renders to a string, across flushes and multi-byte text", () => {
    // In a process of its own: the production build (the one patched) is chosen by NODE_ENV.
    const script = `
      const React = require("react");
      const { renderToPipeableStream, renderToString } = require("react-dom/server");
      const { Writable } = require("node:stream");
      const h = React.createElement;
      const rows = Array.from({ length: 3000 }, (_, i) =>
        h("tr", { key: i }, h("th", { scope: "row" }, "Arbetarekommun " + i + " – Luleå, Piteå, Övertorneå 🗳️"), h("td", { className: "num" }, i * 7 % 100, " %")));
      const page = h("html", { lang: "sv" }, h("body", null, h("h1", null, "Mål & utfall <2026>"), h("table", null, h("tbody", null, rows)), h("svg", { viewBox: "0 0 10 10" }, h("text", { x: 1 }, "Närhet"))));
      const chunks = [];
      const { pipe } = renderToPipeableStream(page, {
        onAllReady() {
          pipe(new Writable({
            write(chunk, _e, done) { chunks.push(chunk); done(); },
            final(done) {
              const streamed = Buffer.concat(chunks).toString("utf8");
              process.stdout.write(JSON.stringify({ streamed, string: renderToString(page), writes: chunks.length }));
              done();
            },
          }));
        },
      });`;
    const out = JSON.parse(execFileSync(process.execPath, ["-e", script], { env: { ...process.env, NODE_ENV: "production" }, maxBuffer: 64 * 1024 * 1024 }).toString("utf8")) as { streamed: string; string: string; writes: number };
    expect(out.string.length).toBeGreaterThan(200_000);
    // The stream alone adds the doctype for an <html> root.
    expect(out.streamed).toBe(`<!DOCTYPE html>${out.string}`);
    expect(out.writes).toBeGreaterThan(1);
  });
});

describe("patched @remix-run/router: route trees ranked once", () => {
  it("matches each path to the same routes as before, again and again, and a new tree on its own", () => {
    const { matchRoutes } = require("@remix-run/router") as typeof import("@remix-run/router");
    type Route = { id: string; path: string; children?: Route[] };
    const routes: Route[] = [
      { id: "root", path: "/", children: [
        { id: "courses", path: "courses", children: [{ id: "course", path: ":courseSlug" }, { id: "lesson", path: ":courseSlug/:lessonSlug" }] },
        { id: "new-session", path: "sessions/new" },
        { id: "session", path: "sessions/:sessionId" },
        { id: "splat", path: "*" },
      ] },
    ];
    const ids = (tree: Route[], path: string) => matchRoutes(tree, path)?.map((m) => `${m.route.id}${JSON.stringify(m.params)}`);
    for (let round = 0; round < 3; round++) {
      expect(ids(routes, "/courses/kommunikationsmodellen/km-intro-text")?.at(-1)).toBe('lesson{"courseSlug":"kommunikationsmodellen","lessonSlug":"km-intro-text"}');
      expect(ids(routes, "/sessions/new")?.at(-1)).toBe("new-session{}");
      expect(ids(routes, "/sessions/abc")?.at(-1)).toBe('session{"sessionId":"abc"}');
      expect(ids(routes, "/nowhere/at/all")?.at(-1)).toBe('splat{"*":"nowhere/at/all"}');
    }
    const other: Route[] = [{ id: "only", path: "/sessions/:id" }];
    expect(ids(other, "/sessions/new")).toEqual(['only{"id":"new"}']);
    expect(ids(other, "/courses/x")).toBeUndefined();
  });
});

describe("patched @remix-run/server-runtime: a loader's request copied only when there is something to strip", () => {
  const { callRouteLoader } = require("@remix-run/server-runtime/dist/data.js") as {
    callRouteLoader: (args: { loader: (a: { request: Request }) => unknown; request: Request; params: object; loadContext: object; routeId: string; singleFetch: boolean }) => Promise<unknown>;
  };
  const seenBy = async (request: Request) => {
    let seen: Request | undefined;
    await callRouteLoader({ loader: ({ request: r }) => ((seen = r), null), request, params: {}, loadContext: {}, routeId: "routes/x", singleFetch: true });
    return seen!;
  };

  it("hands a plain GET on as it is", async () => {
    const request = new Request("http://localhost/courses/km?tab=2", { headers: { Cookie: "a=b" } });
    expect(await seenBy(request)).toBe(request);
  });

  it("still strips Remix's own parameters, keeping headers and the rest of the query", async () => {
    const seen = await seenBy(new Request("http://localhost/cohorts/c1.data?_routes=routes%2Fx&index&tab=2", { headers: { Cookie: "a=b" } }));
    expect(new URL(seen.url).search).toBe("?tab=2");
    expect(seen.headers.get("Cookie")).toBe("a=b");
  });
});
