// Production server: Express around the Remix build. Our own file (not
// remix-serve) so loaders learn the client's address for login throttling,
// and so shutdown drains in-flight requests.
import crypto from "node:crypto";
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";
import { limitRequestBody } from "./server-limits.js";

const port = Number(process.env.PORT ?? 3000);
const trustProxy = ["1", "true", "yes"].includes(process.env.TRUST_PROXY ?? "");
const production = process.env.NODE_ENV === "production";
const publicOrigin = new URL(process.env.PUBLIC_URL ?? "http://localhost:3000").origin;

const build = await import("./build/server/index.js");

const app = express();
app.disable("x-powered-by");
if (trustProxy) app.set("trust proxy", true);
app.use(compression());

// Security headers on every response; scripts only from us or with this request's nonce.
app.use((req, res, next) => {
  const nonce = crypto.randomBytes(16).toString("base64");
  res.locals.cspNonce = nonce;
  res.setHeader(
    "Content-Security-Policy",
    [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}'`,
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join("; "),
  );
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
  res.setHeader("X-Frame-Options", "DENY");
  if (production) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
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
app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
app.use(express.static("build/client", { maxAge: "1h" }));
app.all(
  "*",
  createRequestHandler({
    build,
    mode: process.env.NODE_ENV,
    getLoadContext: (req, res) => ({ clientAddress: req.ip ?? req.socket.remoteAddress ?? "unknown", cspNonce: res.locals.cspNonce }),
  }),
);

const server = app.listen(port, () => {
  console.log(`Ledarlyftet listening on http://localhost:${port}`);
});

function shutdown(signal) {
  console.log(`${signal}: finishing open requests, then exiting`);
  server.close(() => process.exit(0));
  server.closeIdleConnections?.();
  setTimeout(() => process.exit(1), 10_000).unref();
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
