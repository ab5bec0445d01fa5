import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { ImapFlow } from "imapflow";
import { freePort } from "../../scripts/free-port.mjs";

/**
 * A real IMAP server for a test file: Debian's dovecot on 127.0.0.1, on a
 * free port, with one account and its maildir in a temporary folder
 * (scripts/imap-server.sh). .ci/run installs dovecot-imapd.
 */
export interface ImapServer {
  port: number;
  user: string;
  pass: string;
  /** IMAP_URL for the app. */
  url: string;
  /** Puts a message into the account's inbox, as a mail server delivering it would. */
  deliver(message: Buffer): Promise<void>;
  /** How many messages a folder holds. */
  count(folder: string): Promise<number>;
  stop(): Promise<void>;
}

const ROOT = path.resolve(import.meta.dirname, "../..");

async function reachable(port: number, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1", () => {
        socket.end();
        resolve(true);
      });
      socket.on("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`dovecot did not listen on ${port}`);
}

/** Puts a message into the inbox of the account an imap:// URL names, as a mail server delivering it would. */
export async function deliverTo(url: string, message: Buffer): Promise<void> {
  const parsed = new URL(url);
  const imap = new ImapFlow({
    host: parsed.hostname,
    port: Number(parsed.port),
    secure: false,
    auth: { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) },
    logger: false,
    disableAutoIdle: true,
  });
  await imap.connect();
  try {
    await imap.append("INBOX", message);
  } finally {
    await imap.logout();
  }
}

export async function startImapServer({ user = "svar", pass = "svar" } = {}): Promise<ImapServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ledarlyftet-imap-"));
  const port = await freePort();
  const child: ChildProcess = spawn("bash", [path.join(ROOT, "scripts/imap-server.sh"), "run", dir, String(port), user, pass], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk) => (stderr += String(chunk)));
  try {
    await reachable(port, Date.now() + 15_000);
  } catch (error) {
    child.kill("SIGTERM");
    throw new Error(`${(error as Error).message}: ${stderr}`);
  }
  const client = async <T>(work: (imap: ImapFlow) => Promise<T>): Promise<T> => {
    const imap = new ImapFlow({ host: "127.0.0.1", port, secure: false, auth: { user, pass }, logger: false, disableAutoIdle: true });
    await imap.connect();
    try {
      return await work(imap);
    } finally {
      await imap.logout();
    }
  };
  return {
    port,
    user,
    pass,
    url: `imap://${user}:${pass}@127.0.0.1:${port}`,
    deliver: (message) => deliverTo(`imap://${user}:${pass}@127.0.0.1:${port}`, message),
    count: (folder) =>
      client(async (imap) => {
        const list = await imap.list();
        if (!list.some((box) => box.path === folder)) return 0;
        const status = await imap.status(folder, { messages: true });
        return status ? (status.messages ?? 0) : 0;
      }),
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
