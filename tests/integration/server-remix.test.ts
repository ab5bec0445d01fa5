import http from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptsGzip, remixRequest, sendResponse } from "../../server-remix.js";

// The part of server.js between Express and Remix, on a bare Express app:
// the Request Remix is given and how its Response goes out.

const page = `<!DOCTYPE html><html lang="sv"><body>${"<p>Kommunikationsmodellen: Agenda, Närhet, Kompetens, Tydlighet.</p>".repeat(100)}</body></html>`;

const bigCsv = Array.from({ length: 20_000 }, (_, i) => `${i};deltagare-${i}@synthetic.ledarlyftet.se;Luleå;lesson.completed`).join("\r\n");

let server: http.Server;
let port: number;

beforeAll(async () => {
  const app = express();
  app.set("trust proxy", true);
  // Remix answers HEAD with the headers of GET and no body at all.
  app.head("/page", (req, res, next) => sendResponse(req, res, new Response(null, { headers: { "Content-Type": "text/html; charset=utf-8" } })).catch(next));
  app.get("/page", (req, res, next) => sendResponse(req, res, new Response(page, { headers: { "Content-Type": "text/html; charset=utf-8" } })).catch(next));
  app.get("/export", (req, res, next) => sendResponse(req, res, new Response(bigCsv, { headers: { "Content-Type": "text/csv; charset=utf-8" } })).catch(next));
  app.get("/small", (req, res, next) => sendResponse(req, res, new Response("<p>Hej</p>", { headers: { "Content-Type": "text/html" } })).catch(next));
  app.get("/pdf", (req, res, next) => sendResponse(req, res, new Response("%PDF-1.7 ".repeat(500), { headers: { "Content-Type": "application/pdf" } })).catch(next));
  app.get("/cookies", (req, res, next) => {
    const headers = new Headers({ Location: "/courses" });
    headers.append("Set-Cookie", "ledarlyftet_session=abc; Path=/; HttpOnly");
    headers.append("Set-Cookie", "ledarlyftet_flash=; Path=/; Max-Age=0");
    sendResponse(req, res, new Response(null, { status: 302, statusText: "Found", headers })).catch(next);
  });
  app.all("/echo", async (req, res, next) => {
    try {
      const request = remixRequest(req, res);
      const body = request.body ? await request.text() : null;
      const seen = { url: request.url, method: request.method, accept: request.headers.get("Accept"), body, aborted: request.signal.aborted };
      await sendResponse(req, res, Response.json(seen));
    } catch (error) {
      next(error);
    }
  });
  server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** The raw answer, as sent (Node's fetch would undo the gzip). */
function get(path: string, headers: Record<string, string> = {}, method = "GET", body?: string) {
  return new Promise<{ status: number; statusText: string; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, statusText: res.statusMessage ?? "", headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

describe("server-remix: Remix's answers as they leave the server", () => {
  it("gzips a page for a browser that accepts it, whole and with its true length", async () => {
    const res = await get("/page", { "Accept-Encoding": "gzip, deflate, br" });
    expect(res.status).toBe(200);
    expect(res.headers["content-encoding"]).toBe("gzip");
    expect(res.headers.vary).toBe("Accept-Encoding");
    expect(Number(res.headers["content-length"])).toBe(res.body.length);
    expect(res.body.length).toBeLessThan(Buffer.byteLength(page) / 5);
    expect(gunzipSync(res.body).toString("utf8")).toBe(page);
  });

  it("sends the page as it is to a client that does not accept gzip, or refuses it", async () => {
    for (const acceptEncoding of [undefined, "br", "gzip;q=0, identity"]) {
      const res = await get("/page", acceptEncoding ? { "Accept-Encoding": acceptEncoding } : {});
      expect(res.headers["content-encoding"]).toBeUndefined();
      expect(res.headers.vary).toBe("Accept-Encoding");
      expect(res.body.toString("utf8")).toBe(page);
    }
  });

  it("leaves small answers and formats that do not shrink uncompressed", async () => {
    const small = await get("/small", { "Accept-Encoding": "gzip" });
    expect(small.headers["content-encoding"]).toBeUndefined();
    expect(small.body.toString()).toBe("<p>Hej</p>");
    const pdf = await get("/pdf", { "Accept-Encoding": "gzip" });
    expect(pdf.headers["content-encoding"]).toBeUndefined();
    expect(pdf.headers["content-length"]).toBe(String("%PDF-1.7 ".repeat(500).length));
  });

  it("keeps the status and every Set-Cookie of a redirect", async () => {
    const res = await get("/cookies");
    expect(res.status).toBe(302);
    expect(res.statusText).toBe("Found");
    expect(res.headers.location).toBe("/courses");
    expect(res.headers["set-cookie"]).toEqual(["ledarlyftet_session=abc; Path=/; HttpOnly", "ledarlyftet_flash=; Path=/; Max-Age=0"]);
    expect(res.body.length).toBe(0);
  });

  it("answers HEAD with the headers of GET and no body", async () => {
    const res = await get("/page", { "Accept-Encoding": "gzip" }, "HEAD");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(res.headers.vary).toBe("Accept-Encoding");
    expect(res.body.length).toBe(0);
  });

  it("gzips a large export too (in the thread pool), whole", async () => {
    expect(Buffer.byteLength(bigCsv)).toBeGreaterThan(256 * 1024);
    const res = await get("/export", { "Accept-Encoding": "gzip" });
    expect(res.headers["content-encoding"]).toBe("gzip");
    expect(Number(res.headers["content-length"])).toBe(res.body.length);
    expect(gunzipSync(res.body).toString("utf8")).toBe(bigCsv);
  });

  it("gives Remix the public address (behind a proxy), the method, the headers and a posted body", async () => {
    const res = await get("/echo?tab=1", { Host: "127.0.0.1", "X-Forwarded-Host": "ledarlyftet.example:8443", "X-Forwarded-Proto": "https", Accept: "text/html" }, "POST", "intent=read");
    expect(JSON.parse(res.body.toString("utf8"))).toEqual({ url: "https://ledarlyftet.example:8443/echo?tab=1", method: "POST", accept: "text/html", body: "intent=read", aborted: false });
  });
});

describe("acceptsGzip", () => {
  it("reads Accept-Encoding as browsers and calendar apps send it", () => {
    expect(acceptsGzip("gzip, deflate, br, zstd")).toBe(true);
    expect(acceptsGzip("GZIP")).toBe(true);
    expect(acceptsGzip("br;q=1.0, gzip;q=0.8")).toBe(true);
    expect(acceptsGzip("*")).toBe(true);
    expect(acceptsGzip("gzip;q=0")).toBe(false);
    expect(acceptsGzip("gzip; q=0.000, *")).toBe(false);
    expect(acceptsGzip("*;q=0, br")).toBe(false);
    expect(acceptsGzip("identity")).toBe(false);
    expect(acceptsGzip("")).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });
});
