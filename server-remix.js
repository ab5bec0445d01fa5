// Remix behind Express for server.js, in its own file so tests can mount it
// on a bare Express app (tests/integration/server-remix.test.ts).
import { promisify } from "node:util";
import zlib from "node:zlib";
import { createReadableStreamFromReadable, createRequestHandler as createRemixHandler, writeReadableStreamToWritable } from "@remix-run/node";

/** Below this a gzip header and trailer cost more than they save (compression's own default). */
const MIN_GZIP_BYTES = 1024;
/** Pages (about 100 KB at most) are compressed in place; larger bodies in the thread pool. */
const IN_PLACE_GZIP_BYTES = 256 * 1024;
/** Level 3: a tenth larger than level 6 for a third of the CPU (server.js compresses static files at it too). */
export const GZIP_LEVEL = 3;
const gzip = promisify(zlib.gzip);
const COMPRESSIBLE = /^(text\/|application\/(json|javascript|xml)\b|application\/[\w.+-]+\+(json|xml)\b|image\/svg\+xml\b)/i;

/**
 * Remix's request handler for Express, as @remix-run/express's, except that
 * the response goes out whole, gzipped in one call. Every response of ours
 * is complete before its first byte is sent (documents are rendered whole,
 * files built in memory), and a gzip stream per response, as the compression
 * middleware makes, cost a lesson page about twice what compressing it does.
 * A page is compressed in place (a lesson page in 0.05 ms, the goals
 * dashboard in 0.4; the thread pool measured no faster); a body past 256 KB
 * goes to the thread pool.
 *
 * @param {{ build: import("@remix-run/node").ServerBuild, mode?: string, getLoadContext: (req: import("express").Request, res: import("express").Response) => import("@remix-run/node").AppLoadContext }} options
 * @returns {import("express").RequestHandler}
 */
export function createRequestHandler({ build, mode, getLoadContext }) {
  const handle = createRemixHandler(build, mode);
  return async (req, res, next) => {
    try {
      const response = await handle(remixRequest(req, res), getLoadContext(req, res));
      await sendResponse(req, res, response);
    } catch (error) {
      next(error);
    }
  };
}

/**
 * The Fetch Request Remix reads, as @remix-run/express makes it: the public
 * host and protocol as Express sees them (trust proxy), and a signal that
 * aborts loaders and actions when the client goes away before its answer.
 *
 * @param {import("express").Request} req
 * @param {import("express").Response} res
 */
export function remixRequest(req, res) {
  const port = portOf(req.get("X-Forwarded-Host")) ?? portOf(req.get("Host"));
  const url = `${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`;
  const headers = new Headers();
  for (const [key, values] of Object.entries(req.headers)) {
    if (Array.isArray(values)) for (const value of values) headers.append(key, value);
    else if (values) headers.set(key, values);
  }
  let controller = new AbortController();
  res.on("finish", () => (controller = null));
  res.on("close", () => controller?.abort());
  /** @type {RequestInit & { duplex?: "half" }} */
  const init = { method: req.method, headers, signal: controller.signal };
  if (req.method !== "GET" && req.method !== "HEAD") {
    init.body = createReadableStreamFromReadable(req);
    init.duplex = "half";
  }
  return new Request(new URL(url).href, init);
}

/** @param {string | undefined} host */
function portOf(host) {
  const port = Number.parseInt(host?.split(":")[1] ?? "", 10);
  return Number.isSafeInteger(port) ? port : undefined;
}

/**
 * @param {import("express").Request} req
 * @param {import("express").Response} res
 * @param {Response} response
 */
export async function sendResponse(req, res, response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  // entries() gives each Set-Cookie on its own.
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  const type = response.headers.get("Content-Type") ?? "";
  const compressible = COMPRESSIBLE.test(type) && !response.headers.has("Content-Encoding") && !/\bno-transform\b/i.test(response.headers.get("Cache-Control") ?? "");
  // Also on HEAD (which Remix answers without a body), so its headers are GET's.
  if (compressible) res.vary("Accept-Encoding");
  if (!response.body) return void res.end();
  if (/text\/event-stream/i.test(type)) {
    res.flushHeaders();
    return writeReadableStreamToWritable(response.body, res);
  }
  let body = Buffer.from(await response.arrayBuffer());
  if (compressible && body.length >= MIN_GZIP_BYTES && acceptsGzip(req.get("Accept-Encoding")) && req.method !== "HEAD") {
    // A large export (a CSV of the audit log runs to megabytes) goes to the thread pool rather than holding up every other request.
    body = body.length > IN_PLACE_GZIP_BYTES ? await gzip(body, { level: GZIP_LEVEL }) : zlib.gzipSync(body, { level: GZIP_LEVEL });
    res.setHeader("Content-Encoding", "gzip");
  }
  res.setHeader("Content-Length", body.length);
  res.end(body);
}

/**
 * Whether an Accept-Encoding header allows gzip: named (or `*`) without q=0.
 *
 * @param {string | undefined} header
 */
export function acceptsGzip(header) {
  if (!header) return false;
  let wildcard = false;
  for (const part of header.split(",")) {
    const [name = "", ...params] = part.trim().toLowerCase().split(";");
    const refused = params.some((p) => /^\s*q\s*=\s*0(\.0*)?\s*$/.test(p));
    if (name.trim() === "gzip") return !refused;
    if (name.trim() === "*") wildcard = !refused;
  }
  return wildcard;
}
