import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { databaseFilePath, databaseProvider } from "~/database-url";

// Before the app opens the database: this file's copy is put in rollback-journal
// (DELETE) mode, as a backup copied with `cp` or an older tool leaves it.
const sqlite = databaseProvider(process.env.DATABASE_URL!) === "sqlite";
if (sqlite) {
  const file = new Database(databaseFilePath(process.env.DATABASE_URL!));
  file.pragma("journal_mode = DELETE");
  file.pragma("foreign_keys = OFF");
  file.close();
}

describe.runIf(sqlite)("a server opened on a database file in rollback-journal mode", () => {
  it("runs in WAL with foreign keys on from its first request, and says so on /healthz", async () => {
    const { loader } = await import("~/routes/healthz");
    const response = await loader();
    const health = await response.json();
    expect(health.database).toMatchObject({ ok: true, journalMode: "wal", foreignKeys: true });
    // The mode is the file's own now: a later tool that opens it sees WAL too.
    const { db } = await import("~/db.server");
    await db.$disconnect();
    const file = new Database(databaseFilePath(process.env.DATABASE_URL!), { readonly: true });
    expect(file.pragma("journal_mode", { simple: true })).toBe("wal");
    file.close();
  });
});
