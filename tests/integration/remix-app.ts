import fs from "node:fs";
import path from "node:path";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { Parser } from "htmlparser2";
import { createServer, type ViteDevServer } from "vite";
import { buildRequest, type TestRequestInit } from "../support/requests";

export const NONCE = "dGVzdC1ub25jZQ==";

/**
 * The app as the server runs it: Remix's own request handler over the server
 * build that Vite makes from app/ (what `remix vite:dev` serves), with the
 * root loader, route matching, error boundaries and document rendering. The
 * build has its own module instances (its own Prisma client) on the same
 * per-file test database.
 */
export async function startRemixApp() {
  const vite: ViteDevServer = await createServer({
    configFile: path.resolve("tests/setup/remix-vite.config.ts"),
    appType: "custom",
    // No HMR WebSocket either: it would listen on Vite's fixed port 24678, which another run may hold.
    server: { middlewareMode: true, hmr: false, ws: false, watch: null },
  });
  const build = (await vite.ssrLoadModule("virtual:remix/server-build")) as unknown as ServerBuild;
  const handle = createRequestHandler(build, "production");

  /** The app's answer to a request built by tests/support/requests.ts (a form makes it a POST). */
  async function request(url: string, init: TestRequestInit = {}) {
    return handle(buildRequest(url, init), { clientAddress: "203.0.113.99", cspNonce: NONCE });
  }

  /** Writes the lesson visits the build's pages noted (lesson-visits.server.ts), so the database shows them. */
  async function flushLessonVisits() {
    const visits = (await vite.ssrLoadModule("/app/modules/progress/lesson-visits.server.ts")) as typeof import("~/modules/progress/lesson-visits.server");
    await visits.flushLessonVisits();
  }

  return {
    build,
    vite,
    request,
    flushLessonVisits,
    async close() {
      await flushLessonVisits();
      const { db } = (await vite.ssrLoadModule("/app/db.server.ts")) as typeof import("~/db.server");
      await db.$disconnect();
      await vite.close();
      fs.rmSync(vite.config.cacheDir, { recursive: true, force: true });
    },
  };
}

export type RemixApp = Awaited<ReturnType<typeof startRemixApp>>;

/** The URL pattern of a route file, from the build's own route tree (parents' paths joined). */
export function routePattern(build: ServerBuild, routeFile: string): { pattern: string; index: boolean } {
  const id = `routes/${routeFile.replace(/\.tsx?$/, "")}`;
  const route = build.routes[id];
  if (!route) throw new Error(`no route ${id} in the build`);
  const parts: string[] = [];
  for (let r: (typeof build.routes)[string] | undefined = route; r; r = r.parentId ? build.routes[r.parentId] : undefined) {
    if (r.path) parts.unshift(r.path);
  }
  return { pattern: `/${parts.join("/")}`.replace(/\/+/g, "/"), index: Boolean(route.index) };
}

/** Fills `:param` (and `*`) in a pattern; values are URL-encoded as a browser would. */
export function fillPattern(pattern: string, params: Record<string, string>) {
  return pattern.replace(/:(\w+)|\*/g, (whole, name?: string) => {
    const key = name ?? "*";
    const value = params[key];
    if (value === undefined) throw new Error(`no value for ${whole} in ${pattern}`);
    return key === "*" ? value : encodeURIComponent(value);
  });
}

/** Route files in app/routes (flat files, or folders with a route file). */
export function routeFiles(): string[] {
  return fs
    .readdirSync(path.resolve("app/routes"), { withFileTypes: true })
    .filter((d) => d.isDirectory() || /\.(tsx?|jsx?)$/.test(d.name))
    .map((d) => d.name)
    .sort();
}

/** The `$param` segments of a route file name (`$` alone is a splat). */
export function routeParams(file: string): string[] {
  return file
    .replace(/\.(tsx?|jsx?)$/, "")
    .split(".")
    .filter((segment) => segment.startsWith("$"))
    .map((segment) => (segment === "$" ? "*" : segment.slice(1).replace(/\[.*$/, "")));
}

export interface HtmlProblem {
  problem: string;
  detail: string;
}

const URL_ATTRIBUTES = new Set(["href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcdoc"]);

/**
 * Reads a page as a browser's tokenizer would and lists anything that could
 * run: a script without this request's nonce, an event-handler attribute, a
 * javascript:/vbscript:/data: URL, an iframe/object/embed, or a <base>.
 */
export function liveContentIn(html: string, nonce = NONCE): HtmlProblem[] {
  const problems: HtmlProblem[] = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === "script" && attributes.nonce !== nonce) problems.push({ problem: "script without the nonce", detail: JSON.stringify(attributes) });
        if (["iframe", "object", "embed", "base", "frame", "frameset"].includes(name))
          problems.push({ problem: `<${name}>`, detail: JSON.stringify(attributes) });
        for (const [attribute, value] of Object.entries(attributes)) {
          if (/^on/i.test(attribute)) problems.push({ problem: `event handler ${attribute} on <${name}>`, detail: value });
          // Browsers ignore control characters and spaces inside the scheme.
          // eslint-disable-next-line no-control-regex -- stripping them is the point
          const scheme = value.replace(/[\u0000-\u0020]/g, "").toLowerCase();
          if (URL_ATTRIBUTES.has(attribute.toLowerCase()) && /^(javascript|vbscript|data):/.test(scheme)) {
            problems.push({ problem: `${attribute}=${scheme.split(":")[0]}: on <${name}>`, detail: value });
          }
        }
      },
    },
    { decodeEntities: true, lowerCaseAttributeNames: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  return problems;
}
