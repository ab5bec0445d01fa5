// SIGTERM (a host stopping the service) or SIGINT (Ctrl-C) sent to the
// `npm start` process itself: npm forwards it to the script's process, so
// that process must be the server, not a shell that dies and leaves the
// server running on as an orphan with the port and the database held.
// `--ignore-scripts` skips prestart (build, migrate, sync, seed): the global
// setup has built the app and prepared the database already.
import { execFileSync, spawn } from "node:child_process";
import net from "node:net";
import { afterAll, expect, it } from "vitest";
import { copyTemplate, freePort, removeDatabase, ROOT } from "./harness";

const databases: string[] = [];
const groups = new Set<number>();

afterAll(() => {
  // Whatever a failed test left running (the orphan this file is about) goes with its process group.
  for (const group of groups) {
    try {
      process.kill(-group, "SIGKILL");
    } catch {
      // already gone
    }
  }
  for (const database of databases) removeDatabase(database);
});

/** Every process still in a process group, as "pid command". */
function processesIn(group: number): string[] {
  try {
    return execFileSync("ps", ["-o", "pid=,args=", "-g", String(group)], { encoding: "utf8" })
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean);
  } catch {
    return []; // ps exits 1 when there is none
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

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

async function until(condition: () => boolean, what: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

it.each(["SIGTERM", "SIGINT"] as const)("%s to the npm process drains the server and leaves nothing running", async (signal) => {
  const database = await copyTemplate(`npm-start-${signal}`);
  databases.push(database);
  const port = await freePort();
  const npm = spawn("npm", ["start", "--ignore-scripts"], {
    cwd: ROOT,
    // Its own process group, as a service manager or a terminal gives it, so the whole tree can be listed (and cleaned up).
    detached: true,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: "production",
      SESSION_SECRET: "0".repeat(64),
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      DATABASE_URL: `file:${database}`,
      npm_config_update_notifier: "false",
      npm_config_fund: "false",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const group = npm.pid!;
  groups.add(group);
  let output = "";
  npm.stdout!.on("data", (c: Buffer) => (output += c.toString()));
  npm.stderr!.on("data", (c: Buffer) => (output += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    npm.once("exit", (code, sig) => resolve({ code, signal: sig })),
  );

  await until(() => output.includes("Ledarlyftet listening"), `server start\n${output}`, 60_000);
  const res = await fetch(`http://127.0.0.1:${port}/healthz`);
  expect(res.status).toBe(200);
  const tree = processesIn(group);
  const server = tree.find((line) => / server\.js$/.test(line) && /\bnode\b/.test(line));
  expect(server, tree.join("\n")).toBeDefined();
  const serverPid = Number(server!.split(/\s+/)[0]);

  process.kill(npm.pid!, signal);

  // The server's own drain gives up after 10 s; npm must be gone well before the test's time.
  const outcome = await Promise.race([
    exited,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`npm still running 30 s after ${signal}:\n${output}`)), 30_000)),
  ]);
  expect(output).toContain(`${signal}: stopped listening; finishing open requests, then exiting`);
  expect(output).toContain("Stopped cleanly");
  // npm waited for the server and reports its clean exit.
  expect(outcome).toEqual({ code: 0, signal: null });
  await until(() => !alive(serverPid) && processesIn(group).length === 0, `left running: ${processesIn(group).join("; ")}`, 5_000);
  expect(await connect(port)).toBe("ECONNREFUSED");
  groups.delete(group);
});
