// Production server: Express around the Remix build. Our own file (not
// remix-serve) so loaders learn the client's address for login throttling,
// and so shutdown drains in-flight requests.
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";

const port = Number(process.env.PORT ?? 3000);
const trustProxy = ["1", "true", "yes"].includes(process.env.TRUST_PROXY ?? "");

const build = await import("./build/server/index.js");

const app = express();
app.disable("x-powered-by");
if (trustProxy) app.set("trust proxy", true);
app.use(compression());
app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
app.use(express.static("build/client", { maxAge: "1h" }));
app.all(
  "*",
  createRequestHandler({
    build,
    mode: process.env.NODE_ENV,
    getLoadContext: (req) => ({ clientAddress: req.ip ?? req.socket.remoteAddress ?? "unknown" }),
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
