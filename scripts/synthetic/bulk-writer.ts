import Database from "better-sqlite3";
import { databaseFilePath } from "~/database-url";

type Value = string | number | boolean | Date | null;
export type Row = Record<string, Value>;

/**
 * Millions of rows through Prisma's createMany take half an hour; straight
 * prepared INSERTs in large transactions take seconds. So the synthetic data
 * goes in with better-sqlite3 on SQLite and through createMany elsewhere.
 */
export interface BulkWriter {
  insert(table: string, row: Row): Promise<void>;
  flush(): Promise<void>;
  close(): void;
  readonly written: Map<string, number>;
}

const BATCH = 5_000;

/** How the SQLite adapter stores values: ISO text with +00:00, booleans as 0/1. */
function sqliteValue(v: Value): string | number | null {
  if (v instanceof Date) return v.toISOString().replace("Z", "+00:00");
  if (typeof v === "boolean") return v ? 1 : 0;
  return v;
}

export function sqliteWriter(url: string): BulkWriter {
  const sqlite = new Database(databaseFilePath(url), { timeout: 5000 });
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = OFF");
  const buffers = new Map<string, Row[]>();
  const statements = new Map<string, Database.Statement>();
  const written = new Map<string, number>();

  const flushTable = (table: string) => {
    const rows = buffers.get(table);
    if (!rows?.length) return;
    const columns = Object.keys(rows[0]!);
    let statement = statements.get(table);
    if (!statement) {
      statement = sqlite.prepare(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`);
      statements.set(table, statement);
    }
    const run = statement;
    sqlite.transaction(() => {
      for (const row of rows) run.run(columns.map((c) => sqliteValue(row[c] ?? null)));
    })();
    written.set(table, (written.get(table) ?? 0) + rows.length);
    buffers.set(table, []);
  };

  return {
    written,
    async insert(table, row) {
      let rows = buffers.get(table);
      if (!rows) buffers.set(table, (rows = []));
      rows.push(row);
      // All tables at once, in the order they were first seen, so parents land before the rows that point at them.
      if (rows.length >= BATCH) for (const t of buffers.keys()) flushTable(t);
    },
    async flush() {
      for (const table of buffers.keys()) flushTable(table);
    },
    close() {
      sqlite.pragma("synchronous = FULL");
      sqlite.pragma("wal_checkpoint(TRUNCATE)");
      sqlite.close();
    },
  };
}

type CreateMany = { createMany(args: { data: Row[] }): Promise<unknown> };

/** Any other database: Prisma's createMany in batches (slower, same rows). */
export function prismaWriter(client: Record<string, unknown>): BulkWriter {
  const buffers = new Map<string, Row[]>();
  const written = new Map<string, number>();
  const flushTable = async (table: string) => {
    const rows = buffers.get(table);
    if (!rows?.length) return;
    buffers.set(table, []);
    const delegate = client[table[0]!.toLowerCase() + table.slice(1)] as CreateMany;
    for (let i = 0; i < rows.length; i += 1000) await delegate.createMany({ data: rows.slice(i, i + 1000) });
    written.set(table, (written.get(table) ?? 0) + rows.length);
  };
  return {
    written,
    async insert(table, row) {
      let rows = buffers.get(table);
      if (!rows) buffers.set(table, (rows = []));
      rows.push(row);
      if (rows.length >= BATCH) for (const t of buffers.keys()) await flushTable(t);
    },
    async flush() {
      for (const table of buffers.keys()) await flushTable(table);
    },
    close() {},
  };
}
