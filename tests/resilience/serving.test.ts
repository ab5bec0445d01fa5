// How `node server.js` serves: Remix through @remix-run/express with its
// streaming document renderer, everything through the compression
// middleware, the security headers on every answer; and a form body built to
// stall the server (50,000 fields) refused at once while others are served.
import { createHash } from "node:crypto";
import http from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyTemplate, freePort, killAllServers, removeDatabase, startServer, type RunningServer } from "./harness";

let database = "";
let server: RunningServer;

beforeAll(async () => {
  database = await copyTemplate("serving");
  server = await startServer({ database, port: await freePort() });
});
afterAll(async () => {
  await killAllServers();
  if (database) removeDatabase(database);
});

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  ms: number;
}

/** The answer as sent on the wire (fetch would undo the gzip and hide the framing). */
function raw(path: string, init: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}) {
  const started = performance.now();
  return new Promise<Raw>((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port: server.port, path, method: init.method ?? "GET", headers: init.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), ms: performance.now() - started }));
    });
    req.on("error", reject);
    req.end(init.body);
  });
}

const BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0";

describe("serving pages and files", () => {
  it("a page streams through the compression middleware: brotli or gzip, chunked, no precomputed length", async () => {
    const gzip = await raw("/login", { headers: { "Accept-Encoding": "gzip", "User-Agent": BROWSER } });
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gzip.body).toString("utf8")).toMatch(/^<!DOCTYPE html>[\s\S]*<\/html>/);
    const res = await raw("/login", { headers: { "Accept-Encoding": "gzip, deflate, br", "User-Agent": BROWSER } });
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(res.headers["content-encoding"]).toBe("br");
    expect(res.headers.vary).toBe("Accept-Encoding");
    expect(res.headers["transfer-encoding"]).toBe("chunked");
    expect(res.headers["content-length"]).toBeUndefined();
    const html = brotliDecompressSync(res.body).toString("utf8");
    expect(html).toMatch(/^<!DOCTYPE html><html lang="sv">/);
    expect(html).toMatch(/<\/html>/);
    // Every script carries this response's nonce, the one the Content-Security-Policy names.
    const nonce = /'nonce-([^']+)'/.exec(String(res.headers["content-security-policy"]))![1]!;
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["x-frame-options"]).toBe("DENY");
    expect(res.headers["strict-transport-security"]).toMatch(/max-age=/);
  });

  it("a page asked for again with the same data comes compressed from the render cache, its scripts allowed by their hashes under one policy", async () => {
    const path = "/integritet";
    const headers = { "Accept-Encoding": "gzip, deflate, br", "User-Agent": BROWSER };
    const first = await raw(path, { headers });
    await raw(path, { headers });
    const kept = await raw(path, { headers });
    expect(kept.status).toBe(200);
    expect(kept.headers["content-encoding"]).toBe("br");
    expect(Number(kept.headers["content-length"])).toBe(kept.body.length);
    const html = brotliDecompressSync(kept.body).toString("utf8");
    const nonce = /'nonce-([^']+)'/.exec(String(first.headers["content-security-policy"]))![1]!;
    expect(html).toBe(brotliDecompressSync(first.body).toString("utf8").replaceAll(` nonce="${nonce}"`, ""));
    // One policy (a second would have to be met as well), with a hash for each inline script and no nonce.
    const policy = String(kept.headers["content-security-policy"]);
    expect(policy.match(/default-src/g)).toHaveLength(1);
    expect(/script-src ([^;]+)/.exec(policy)![1]).not.toMatch(/'nonce-|'unsafe-inline'/);
    const inline = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].filter(([, attributes]) => !/\bsrc=/.test(attributes!));
    expect(inline.length).toBeGreaterThan(0);
    for (const [, , text] of inline) expect(policy).toContain(`'sha256-${createHash("sha256").update(text!, "utf8").digest("base64")}'`);
    expect(kept.headers["x-content-type-options"]).toBe("nosniff");
    const again = await raw(path, { headers: { ...headers, "If-None-Match": String(kept.headers.etag) } });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it("a crawler gets the whole document too, and a client without gzip gets it as it is", async () => {
    const bot = await raw("/login", { headers: { "User-Agent": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)" } });
    expect(bot.status).toBe(200);
    expect(bot.headers["content-encoding"]).toBeUndefined();
    expect(bot.body.toString("utf8")).toMatch(/^<!DOCTYPE html>[\s\S]*<h1>Logga in<\/h1>[\s\S]*<\/html>/);
  });

  it("static files are compressed by the same middleware", async () => {
    const page = (await raw("/login")).body.toString("utf8");
    const css = /href="(\/assets\/[^"]+\.css)"/.exec(page)![1]!;
    const res = await raw(css, { headers: { "Accept-Encoding": "gzip" } });
    expect(res.status).toBe(200);
    expect(res.headers["content-encoding"]).toBe("gzip");
    expect(res.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(gunzipSync(res.body).length).toBeGreaterThan(res.body.length);
  });

  it("a redirect keeps its status and every Set-Cookie; HEAD answers without a body", async () => {
    const login = await raw("/login", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: "admin@demo.ledarlyftet.se", password: "Ledarlyftet-demo-2026", redirectTo: "/courses" }).toString(),
    });
    expect(login).toRedirectTo("/courses");
    expect(login.headers["set-cookie"]?.some((c) => c.startsWith("ledarlyftet_session="))).toBe(true);
    const head = await raw("/login", { method: "HEAD", headers: { "Accept-Encoding": "gzip" } });
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
  });
});

describe("a form body built to stall the server", () => {
  it("50,000 fields to /login are refused with 413 at once, and the server answers others meanwhile", async () => {
    const urlencoded = `email=a%40b.se&password=x&${Array.from({ length: 50_000 }, (_, i) => `f${i}=1`).join("&")}`;
    const boundary = "----ledarlyftet50000";
    const multipart = `${Array.from({ length: 50_000 }, (_, i) => `--${boundary}\r\nContent-Disposition: form-data; name="f${i}"\r\n\r\n1\r\n`).join("")}--${boundary}--\r\n`;
    for (const [body, type] of [
      [urlencoded, "application/x-www-form-urlencoded"],
      [multipart, `multipart/form-data; boundary=${boundary}`],
    ] as const) {
      const big = raw("/login", { method: "POST", headers: { "Content-Type": type, "Content-Length": String(Buffer.byteLength(body)) }, body });
      // Sent while the big body is on its way in and being handled.
      const others = Promise.all([raw("/healthz"), raw("/login")]);
      const [refused, [health, page]] = await Promise.all([big, others]);
      expect(refused.status, type).toBe(413);
      expect(refused.body.toString("utf8"), type).toContain("Formuläret har för många fält (högst 1 000).");
      expect(refused.ms, type).toBeLessThan(3_000);
      expect([health.status, page.status]).toEqual([200, 200]);
      expect(Math.max(health.ms, page.ms), type).toBeLessThan(3_000);
    }
    expect(server.output()).not.toMatch(/Error|error/);
  });

  it("JSON and a broken multipart body to a form answer 400, never 500", async () => {
    const json = await raw("/login", { method: "POST", headers: { "Content-Type": "application/json" }, body: '{"email":"a@b.se"}' });
    expect(json.status).toBe(400);
    const broken = await raw("/forgot-password", {
      method: "POST",
      headers: { "Content-Type": "multipart/form-data; boundary=x" },
      body: '--x\r\nContent-Disposition: form-data; name="email"\r\n\r\na@b',
    });
    expect(broken.status).toBe(400);
    expect(broken.body.toString("utf8")).toContain("Formuläret gick inte att läsa.");
  });
});
