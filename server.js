// Production server: Express around the Remix build, served through
// Remix's own Express adapter. Our own file (not remix-serve) so loaders
// learn the client's address for login throttling, so every response gets
// the security headers and its nonce, and so shutdown drains in-flight requests.
import crypto from "node:crypto";
import fs from "node:fs";
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";
import { contentSecurityPolicy } from "./content-security-policy.js";
import { limitRequestBody } from "./server-limits.js";

/** gzip level 3: a tenth larger than level 6 for a third of the CPU. Brotli, which browsers prefer, stays at compression's quality 4. */
const GZIP_LEVEL = 3;

const port = Number(process.env.PORT ?? 3000);
const trustProxy = ["1", "true", "yes"].includes(process.env.TRUST_PROXY ?? "");
const production = process.env.NODE_ENV === "production";
const publicOrigin = new URL(process.env.PUBLIC_URL ?? `http://localhost:${port}`).origin;

const build = await import("./build/server/index.js");

/** Set by SIGTERM/SIGINT: see shutdown() below. */
let stopping = false;

const app = express();
app.disable("x-powered-by");
if (trustProxy) app.set("trust proxy", true);

// While draining, a keep-alive connection gets its answer and is then closed,
// so a busy client cannot hold the shutdown open.
app.use((_req, res, next) => {
  if (stopping) res.setHeader("Connection", "close");
  next();
});

// Security headers on every response; scripts only from us or with this request's nonce.
app.use((req, res, next) => {
  const nonce = crypto.randomBytes(16).toString("base64");
  res.locals.cspNonce = nonce;
  res.setHeader("Content-Security-Policy", contentSecurityPolicy([`'nonce-${nonce}'`]));
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
  res.setHeader("X-Frame-Options", "DENY");
  if (production) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  next();
});

// A NUL byte in an address is never a real link; PostgreSQL would answer it with an error.
app.use((req, res, next) => {
  if (/%00/i.test(req.originalUrl)) return res.status(400).type("text/plain; charset=utf-8").send("Adressen innehåller ett otillåtet tecken.");
  next();
});

// Cross-site request forgery: besides SameSite=Lax cookies, a state-changing
// request must come from our own origin when the browser says where it came from.
app.use((req, res, next) => {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
  const origin = req.get("Origin");
  const site = req.get("Sec-Fetch-Site");
  const ownOrigin = `${req.protocol}://${req.get("Host")}`;
  const crossOrigin = origin ? origin !== ownOrigin && origin !== publicOrigin : site === "cross-site";
  if (crossOrigin) return res.status(403).type("text/plain; charset=utf-8").send("Förfrågan kom från en annan webbplats och stoppades.");
  next();
});
// Too large a body is refused before Remix (or anything) reads it into memory.
app.use(limitRequestBody());
// Every response (pages, files Remix builds, static files) through the compression middleware.
app.use(compression({ level: GZIP_LEVEL }));
app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
// The few files at the top of build/client (the favicon) are listed once at
// start: express.static on every page request cost a stat of a file that is
// never there.
const topLevelFiles = new Set(
  fs
    .readdirSync("build/client")
    .filter((f) => f !== "assets")
    .map((f) => `/${f}`),
);
const serveTopLevel = express.static("build/client", { maxAge: "1h", index: false });
app.use((req, res, next) => (topLevelFiles.has(req.path) ? serveTopLevel(req, res, next) : next()));
app.all(
  "*",
  createRequestHandler({
    build,
    mode: process.env.NODE_ENV,
    getLoadContext: (req, res) => ({
      clientAddress: req.ip ?? req.socket.remoteAddress ?? "unknown",
      cspNonce: res.locals.cspNonce,
      // A document from the render cache names its scripts by hash: its bytes are the same for every request.
      allowInlineScripts: (sources) => res.setHeader("Content-Security-Policy", contentSecurityPolicy(sources)),
    }),
  }),
);

const server = app.listen(port, () => {
  console.log(`Ledarlyftet listening on http://localhost:${port}`);
});

// Shutdown: stop listening at once (new connections are refused), let every
// open request finish, stop the mail worker and the snapshot schedule, then
// checkpoint the WAL and close the database. Whatever is still open after
// 10 s is cut off (exit 1); the outbox's claims and SQLite's WAL cover that.
const DRAIN_MS = 10_000;
async function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  setTimeout(() => {
    console.log(`Requests still open after ${DRAIN_MS / 1000} s; exiting anyway`);
    process.exit(1);
  }, DRAIN_MS).unref();
  const closed = new Promise((resolve) => server.close(resolve));
  server.closeIdleConnections?.();
  // Logged once the port is closed (the resilience tests wait for this line).
  console.log(`${signal}: stopped listening; finishing open requests, then exiting`);
  try {
    await build.entry.module.stopBackgroundWork();
    await closed;
    await build.entry.module.closeDatabases();
  } catch (error) {
    console.error("Shutdown failed", error);
    process.exit(1);
  }
  console.log("Stopped cleanly");
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
