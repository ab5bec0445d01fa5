// The production server as `node server.js` runs it, on a copy of a migrated,
// content-synced and seeded demo database (made once by global-setup.ts),
// plus a small HTTP client that keeps cookies like a browser.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const TMP = path.join(ROOT, "tests/.tmp/resilience");
export const TEMPLATE_DB = path.join(TMP, "template.db");
export const DEMO_PASSWORD = "Ledarlyftet-demo-2026";

/** A port the kernel picks (bind 0, read it back): never a fixed range another run could hold too. */
export { freePort } from "../../scripts/free-port.mjs";

/** A private copy of the seeded demo database. */
export async function copyTemplate(name: string): Promise<string> {
  const file = path.join(TMP, `${name}-${process.pid}.db`);
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  const template = new Database(TEMPLATE_DB, { readonly: true });
  await template.backup(file);
  template.close();
  return file;
}

export function removeDatabase(file: string) {
  for (const f of fs.readdirSync(path.dirname(file))) if (f.startsWith(path.basename(file))) fs.rmSync(path.join(path.dirname(file), f), { force: true });
}

export interface RunningServer {
  child: ChildProcess;
  port: number;
  base: string;
  /** Everything the process wrote to stdout and stderr so far. */
  output: () => string;
  /** Resolves with how the process ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const running = new Set<ChildProcess>();

/** Starts `node server.js` (production mode) and waits until /healthz answers. */
export async function startServer(options: { database: string; port: number; env?: Record<string, string> }): Promise<RunningServer> {
  const server = spawnServer(options);
  await server.healthy;
  return server;
}

/** Starts `node server.js` (production mode) without waiting: for watching what it does as it starts. */
export function spawnServer({ database, port, env = {} }: { database: string; port: number; env?: Record<string, string> }): RunningServer & {
  healthy: Promise<void>;
} {
  const child = spawn(process.execPath, ["server.js"], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      SESSION_SECRET: randomBytes(32).toString("hex"),
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      DATABASE_URL: `file:${database}`,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  let output = "";
  child.stdout!.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (output += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    }),
  );
  const base = `http://127.0.0.1:${port}`;
  const healthy = (async () => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before it answered:\n${output}`);
      try {
        const res = await fetch(`${base}/healthz`);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`server did not answer /healthz within 60 s:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  return { child, port, base, output: () => output, exited, healthy };
}

/** For afterAll: kills whatever server a failed test left running. */
export async function killAllServers() {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          child.once("exit", () => resolve());
          child.kill("SIGKILL");
        }),
    ),
  );
}

export interface Answer {
  status: number;
  headers: Headers;
  location: string | null;
  body: string;
  ms: number;
}

/** One person's browser: keeps its cookies, never follows redirects (the caller sees each answer). */
export class Visitor {
  private cookies = new Map<string, string>();

  constructor(
    readonly base: string,
    /** Sent as X-Forwarded-For, for a server started with TRUST_PROXY=true. */
    readonly address?: string,
  ) {}

  /** The Cookie header this visitor sends. */
  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  async request(method: "GET" | "POST", pathname: string, form?: Record<string, string | string[]>, headers: Record<string, string> = {}): Promise<Answer> {
    const started = performance.now();
    const body = form ? new URLSearchParams() : undefined;
    if (form && body) for (const [k, v] of Object.entries(form)) for (const item of [v].flat()) body.append(k, item);
    const res = await fetch(this.base + pathname, {
      method,
      body,
      redirect: "manual",
      headers: {
        ...(this.cookies.size ? { Cookie: this.cookieHeader() } : {}),
        ...(this.address ? { "X-Forwarded-For": this.address } : {}),
        ...headers,
      },
    });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (value === "" || /max-age=0|expires=thu, 01 jan 1970/i.test(cookie)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    return { status: res.status, headers: res.headers, location: res.headers.get("location"), body: text, ms: performance.now() - started };
  }

  get(pathname: string, headers?: Record<string, string>) {
    return this.request("GET", pathname, undefined, headers);
  }

  post(pathname: string, form: Record<string, string | string[]>) {
    return this.request("POST", pathname, form);
  }

  async login(email: string, password = DEMO_PASSWORD): Promise<Answer> {
    const answer = await this.post("/login", { email, password, redirectTo: "/" });
    if (answer.status !== 302) throw new Error(`login as ${email} answered ${answer.status}`);
    return answer;
  }
}

/** Every distinct match of `pattern`'s first group in `html`. */
export function allMatches(html: string, pattern: RegExp): string[] {
  return [...new Set([...html.matchAll(pattern)].map((m) => m[1]!))];
}
