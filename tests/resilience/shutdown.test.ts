// SIGTERM (what systemd, Docker and most hosts send before a restart): the
// server stops taking connections, answers the request it is in the middle
// of, lets the mail worker finish the message it is sending, closes the
// database cleanly and exits 0.
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import Database from "better-sqlite3";
import { afterAll, expect, it } from "vitest";
import { startSmtpSink } from "../integration/smtp-sink";
import { copyTemplate, freePort, killAllServers, removeDatabase, startServer, Visitor } from "./harness";

let database = "";
afterAll(async () => {
  await killAllServers();
  if (database) removeDatabase(database);
});

it("SIGTERM answers the request in flight, refuses new connections, finishes the e-mail in hand and exits 0 with the WAL checkpointed", async () => {
  database = await copyTemplate("shutdown");
  const sink = await startSmtpSink(await freePort());
  // A slow relay: the first message the worker sends waits for its answer.
  sink.hold();
  const server = await startServer({ database, port: await freePort(), env: { SMTP_URL: sink.url, MAIL_POLL_MS: "200" } });
  const learner = new Visitor(server.base);
  await learner.login("patrik.strand@demo.ledarlyftet.se");
  await sink.whenHeld();

  // A request whose body the client sends slowly (a person on a poor mobile
  // connection answering a knowledge check): the server has it, but cannot
  // answer until the last byte arrives.
  const body = new URLSearchParams({ intent: "quiz", "answer-fraga-1": "0", note: "x".repeat(2000) }).toString();
  const request = http.request({
    host: "127.0.0.1",
    port: server.port,
    method: "POST",
    path: "/courses/kommunikationsmodellen/km-intro-kontroll",
    headers: {
      Cookie: learner.cookieHeader(),
      "Content-Type": "application/x-www-form-urlencoded",
      "Content-Length": String(Buffer.byteLength(body)),
      // The server's "100 Continue" says it has read the headers: the request is in its hands.
      Expect: "100-continue",
    },
  });
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    request.on("response", (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    request.on("error", reject);
  });
  await new Promise<void>((resolve) => request.once("continue", resolve));
  request.write(body.slice(0, 1000));

  server.child.kill("SIGTERM");
  await until(() => server.output().includes("SIGTERM: stopped listening"));

  // The listening socket is closed at once: a new visitor is refused, not queued.
  expect(await connect(server.port)).toBe("ECONNREFUSED");

  // The relay answers and the client sends the rest of its body; both finish.
  await sink.release();
  request.end(body.slice(1000));
  const answered = await response;
  expect(answered.status).toBe(200);
  expect(answered.body).toMatch(/rätt/);

  expect(await server.exited).toEqual({ code: 0, signal: null });

  // The WAL was folded into the database file and the connection closed: no -wal left.
  expect(fs.existsSync(`${database}-wal`) ? fs.statSync(`${database}-wal`).size : 0).toBe(0);
  const sqlite = new Database(database, { readonly: true });
  try {
    expect(sqlite.pragma("integrity_check", { simple: true })).toBe("ok");
    // The message in hand was sent and recorded; nothing else was claimed after SIGTERM, so no claim waits to run out.
    const outbox = sqlite.prepare("SELECT status, lockedUntil, attempts FROM OutboxMessage ORDER BY createdAt").all() as {
      status: string;
      lockedUntil: string | null;
      attempts: number;
    }[];
    expect(outbox.filter((m) => m.status === "sent")).toHaveLength(1);
    expect(sink.received).toHaveLength(1);
    expect(outbox.filter((m) => m.lockedUntil !== null)).toEqual([]);
    expect(outbox.filter((m) => m.status === "pending").every((m) => m.attempts === 0)).toBe(true);
  } finally {
    sqlite.close();
  }
  await sink.close();
});

function connect(port: number) {
  return new Promise<string>((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve("connected");
    });
    socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

async function until(condition: () => boolean, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
