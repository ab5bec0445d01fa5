// `npm run backup` and `npm run restore` against real SQLite files: a backup
// taken while another process keeps writing, a restore that brings back
// exactly the backed-up rows, and the files a restore must refuse.
import { execFile, execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backupDatabase, restoreDatabase } from "~/modules/backup/backup.server";

const run = promisify(execFile);
const ROOT = path.resolve(".");
const MIGRATIONS = path.join(ROOT, "prisma/migrations");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");
const dir = fs.mkdtempSync(path.join(ROOT, "tests/.tmp/backup-"));
const template = path.join(dir, "template.db");

/** Runs `npm run backup` / `npm run restore` (the same tsx command) with its own DATABASE_URL. */
async function cli(script: "backup" | "restore", args: string[], databaseFile: string) {
  try {
    const { stdout, stderr } = await run(TSX, [`scripts/${script}.ts`, ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: `file:${databaseFile}` } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** A fresh copy of a database migrated the way production is (`prisma migrate deploy`). */
async function freshDatabase(name: string) {
  const file = path.join(dir, name);
  const source = new Database(template, { readonly: true });
  await source.backup(file);
  source.close();
  return file;
}

/** Every row of every table, in a stable order: what "the same database" means here. */
function contents(file: string) {
  const sqlite = new Database(file, { readonly: true });
  try {
    const tables = (
      sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]
    ).map((t) => t.name);
    return Object.fromEntries(tables.map((t) => [t, sqlite.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).all()]));
  } finally {
    sqlite.close();
  }
}

function attemptIds(file: string): number[] {
  const sqlite = new Database(file, { readonly: true });
  try {
    return (sqlite.prepare("SELECT email FROM LoginAttempt WHERE email LIKE 'writer-%' ").all() as { email: string }[])
      .map((r) => Number(r.email.slice("writer-".length)))
      .sort((a, b) => a - b);
  } finally {
    sqlite.close();
  }
}

function integrity(file: string) {
  const sqlite = new Database(file, { readonly: true });
  try {
    return sqlite.pragma("integrity_check", { simple: true });
  } finally {
    sqlite.close();
  }
}

/**
 * A second process that commits one row after another (LoginAttempt rows
 * numbered 1, 2, 3, …) and prints each number once it is committed.
 */
function startWriter(file: string, from = 1) {
  const code = `
    const Database = require(${JSON.stringify(path.join(ROOT, "node_modules/better-sqlite3"))});
    const db = new Database(process.argv[1], { timeout: 5000 });
    db.pragma("journal_mode = WAL");
    const insert = db.prepare("INSERT INTO LoginAttempt (id, email, address, outcome, createdAt) VALUES (?, ?, '127.0.0.1', 'failure', ?)");
    let n = Number(process.argv[2]) - 1;
    (function next() {
      n++;
      insert.run("w" + n, "writer-" + n, new Date().toISOString());
      process.stdout.write(n + "\\n");
      setImmediate(next);
    })();
  `;
  const child = spawn(process.execPath, ["-e", code, file, String(from)], { stdio: ["ignore", "pipe", "inherit"] });
  let committed = 0;
  const waiters: { count: number; resolve: () => void }[] = [];
  createInterface({ input: child.stdout! }).on("line", (line) => {
    committed = Number(line);
    for (const w of waiters.filter((w) => committed >= w.count)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  });
  return {
    child,
    committed: () => committed,
    reached: (count: number) => new Promise<void>((resolve) => (committed >= count ? resolve() : waiters.push({ count, resolve }))),
  };
}

function stop(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM") {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill(signal);
  });
}

beforeAll(() => {
  execFileSync(path.join(ROOT, "node_modules/.bin/prisma"), ["migrate", "deploy"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: `file:${template}` },
    stdio: "ignore",
  });
}, 60_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("npm run backup", () => {
  it("copies a database another process keeps writing to: integrity ok and every row committed before the backup started", async () => {
    const live = await freshDatabase("live.db");
    const writer = startWriter(live);
    try {
      await writer.reached(200);
      const committedBeforeBackup = writer.committed();
      const out = path.join(dir, "under-load.db");
      const result = await cli("backup", ["--out", out], live);
      const committedAfterBackup = writer.committed();

      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(out);
      expect(result.stdout).toMatch(/integrity: ok/);
      expect(result.stdout).toMatch(/Person\s+0 rows/);
      // The premise: the writer was not held up by the backup, it went on committing meanwhile.
      expect(committedAfterBackup).toBeGreaterThan(committedBeforeBackup);

      expect(integrity(out)).toBe("ok");
      const copied = attemptIds(out);
      // A snapshot: rows 1..n with no gap, and n covers everything committed before the backup began.
      expect(copied.length).toBeGreaterThanOrEqual(committedBeforeBackup);
      expect(copied).toEqual(Array.from({ length: copied.length }, (_, i) => i + 1));
      // One self-contained file, nothing beside it.
      expect(fs.existsSync(`${out}-wal`)).toBe(false);
      expect(fs.existsSync(`${out}.partial`)).toBe(false);
    } finally {
      await stop(writer.child);
    }
  });

  it("names the file after the UTC time under ./backups by default", async () => {
    const live = await freshDatabase("default-name.db");
    const cwd = fs.mkdtempSync(path.join(dir, "cwd-"));
    const { stdout } = await run(TSX, [path.join(ROOT, "scripts/backup.ts")], { cwd, env: { ...process.env, DATABASE_URL: `file:${live}` } });
    const [file] = fs.readdirSync(path.join(cwd, "backups"));
    expect(file).toMatch(/^ledarlyftet-\d{8}T\d{6}Z\.db$/);
    expect(stdout).toContain(path.join(cwd, "backups", file!));
  });

  it("refuses a DATABASE_URL that is not a SQLite file and sends PostgreSQL users to pg_dump", async () => {
    const postgres = await run(TSX, ["scripts/backup.ts"], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: "postgresql://app@db.example/ledarlyftet" },
    }).catch((e: { code: number; stderr: string }) => e);
    expect("code" in postgres && postgres.code).toBe(1);
    expect(postgres.stderr).toMatch(/use pg_dump/);

    await expect(backupDatabase(path.join(dir, "missing.db"), path.join(dir, "never.db"))).rejects.toThrow(/no database at/);
    expect(fs.existsSync(path.join(dir, "never.db"))).toBe(false);
  });

  it("never overwrites an earlier backup", async () => {
    const live = await freshDatabase("twice.db");
    const out = path.join(dir, "twice-backup.db");
    await backupDatabase(live, out);
    await expect(backupDatabase(live, out)).rejects.toThrow(/already exists/);
  });
});

describe("npm run restore", () => {
  it("brings back exactly the backed-up rows and keeps the replaced database, WAL and all", async () => {
    const live = await freshDatabase("restore-live.db");
    const writer = startWriter(live);
    await writer.reached(50);
    await stop(writer.child);
    const atBackup = contents(live);
    const backup = path.join(dir, "restore-backup.db");
    await backupDatabase(live, backup);

    // Life goes on after the backup, then the writer dies hard, leaving its last commits in the -wal file.
    const next = attemptIds(live).at(-1)! + 1;
    const later = startWriter(live, next);
    await later.reached(next + 30);
    await stop(later.child, "SIGKILL");
    expect(fs.existsSync(`${live}-wal`)).toBe(true);
    const beforeRestore = contents(live);
    expect(beforeRestore).not.toEqual(atBackup);

    const result = await cli("restore", [backup], live);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const kept = /kept as (\S+)/.exec(result.stdout)?.[1];
    expect(kept).toMatch(/restore-live\.db\.before-restore-\d{8}T\d{6}Z$/);

    expect(contents(live)).toEqual(atBackup);
    expect(integrity(live)).toBe("ok");
    expect(contents(kept!)).toEqual(beforeRestore);
    // The server runs the restored file in WAL mode without a migrate step.
    const restored = new Database(live, { readonly: true });
    expect(restored.pragma("journal_mode", { simple: true })).toBe("wal");
    restored.close();
  });

  it("refuses a file that is not a SQLite database and leaves the database alone", async () => {
    const live = await freshDatabase("garbage-target.db");
    const before = contents(live);
    const garbage = path.join(dir, "garbage.db");
    fs.writeFileSync(garbage, Buffer.from("this is not a database, just some text that ends up in the wrong place\n".repeat(200)));

    const result = await cli("restore", [garbage], live);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/not an SQLite database/);
    expect(contents(live)).toEqual(before);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith("garbage-target.db."))).toEqual([]);
  });

  it("refuses a SQLite database that is not Ledarlyftet's", async () => {
    const live = await freshDatabase("foreign-target.db");
    const before = contents(live);
    const foreign = path.join(dir, "foreign.db");
    const other = new Database(foreign);
    other.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('inköpslista')");
    other.close();

    await expect(restoreDatabase(foreign, live, { migrationsDir: MIGRATIONS })).rejects.toThrow(/not a Ledarlyftet one/);
    expect(contents(live)).toEqual(before);
  });

  it("refuses a damaged backup", async () => {
    const live = await freshDatabase("damaged-target.db");
    const backup = path.join(dir, "damaged.db");
    await backupDatabase(await freshDatabase("damaged-source.db"), backup);
    // Scribble over the pages after the first (the header stays valid).
    const fd = fs.openSync(backup, "r+");
    const pageSize = 4096;
    fs.writeSync(fd, Buffer.alloc(pageSize * 4, 0x5a), 0, pageSize * 4, pageSize);
    fs.closeSync(fd);
    const before = contents(live);

    await expect(restoreDatabase(backup, live, { migrationsDir: MIGRATIONS })).rejects.toThrow(/integrity_check|not a readable SQLite database/);
    expect(contents(live)).toEqual(before);
  });

  it("refuses while another process has the database open (the app is serving)", async () => {
    const live = await freshDatabase("busy-target.db");
    const backup = path.join(dir, "busy-backup.db");
    await backupDatabase(live, backup);
    const writer = startWriter(live);
    try {
      await writer.reached(1);
      await expect(restoreDatabase(backup, live, { migrationsDir: MIGRATIONS })).rejects.toThrow(/is in use: stop the app/);
    } finally {
      await stop(writer.child);
    }
    expect(fs.readdirSync(dir).filter((f) => f.startsWith("busy-target.db.before-restore"))).toEqual([]);
  });
});
