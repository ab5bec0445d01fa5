import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeEach, vi } from "vitest";
import Database from "better-sqlite3";
import { BASE_DB, TMP_DIR } from "./migrated-base";

// Each test file gets its own copy of the migrated database: a real SQLite
// file through the real Prisma client, isolated from every other file.
const file = path.join(TMP_DIR, `vitest-${process.pid}-${randomUUID()}.db`);
{
  // A backup rather than a file copy: the base may still have a WAL beside it.
  const base = new Database(BASE_DB, { readonly: true });
  await base.backup(file);
  base.close();
}
process.env.DATABASE_URL = `file:${file}`;
process.env.NODE_ENV = "test";
process.env.PUBLIC_URL = "http://localhost:3000";

// An unexpected console.error is a failing test, not noise.
let errorSpy: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  errorSpy = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    throw new Error(`console.error called: ${args.map(String).join(" ")}`);
  });
});
afterEach(() => errorSpy.mockRestore());

afterAll(async () => {
  const { db } = await import("~/db.server");
  await db.$disconnect();
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
});
