import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeEach, inject, vi } from "vitest";
import Database from "better-sqlite3";
import { BASE_DB, createFromTemplate, databaseUrl, dropDatabase, TEST_DATABASE_URL, TMP_DIR } from "./migrated-base";

// Each test file gets its own copy of the migrated database: a real SQLite
// file (or, with TEST_DATABASE_URL, a real PostgreSQL database) through the
// real Prisma client, isolated from every other file.
let cleanup: () => Promise<void>;
if (TEST_DATABASE_URL) {
  const template = inject("postgresTemplate");
  // The template's name carries the run's pid, so the global teardown finds this copy if afterAll never runs.
  const database = `${template.replace(/_template$/, "")}_${process.pid}_${randomUUID().slice(0, 8)}`;
  await createFromTemplate(database, template);
  process.env.DATABASE_URL = databaseUrl(database);
  cleanup = () => dropDatabase(database);
} else {
  const file = path.join(TMP_DIR, `vitest-${process.pid}-${randomUUID()}.db`);
  // A backup rather than a file copy: the base may still have a WAL beside it.
  const base = new Database(BASE_DB, { readonly: true });
  await base.backup(file);
  base.close();
  process.env.DATABASE_URL = `file:${file}`;
  cleanup = async () => {
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  };
}
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
  // Lesson visits a test's pages noted are written before the database goes, as the server does when it stops.
  const { flushLessonVisits } = await import("~/modules/progress/lesson-visits.server");
  await flushLessonVisits();
  const { db } = await import("~/db.server");
  await db.$disconnect();
  await cleanup();
});
