import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { reusePreparedStatements } from "./sqlite-statements.server";

/** The calls Prisma's adapter makes: prepare(sql).bind(args), then reader/columns/raw().all() or run(). */
type AdapterView = { bind: (args: unknown[]) => { reader: boolean; run: () => Database.RunResult; columns: () => { name: string }[]; raw: () => { all: () => unknown[][] } }; run: () => Database.RunResult };

function connection() {
  const client = new Database(":memory:");
  client.defaultSafeIntegers(true);
  let prepared = 0;
  const prepare = client.prepare.bind(client);
  client.prepare = ((sql: string) => {
    prepared++;
    return prepare(sql);
  }) as typeof client.prepare;
  reusePreparedStatements(client);
  const statement = (sql: string) => (client.prepare as unknown as (sql: string) => AdapterView)(sql);
  return { client, statement, preparedCount: () => prepared };
}

describe("prepared statements kept by the SQLite connection", () => {
  it("prepares a query once and answers each run with its own arguments", () => {
    const { statement, preparedCount } = connection();
    statement("CREATE TABLE person (id TEXT PRIMARY KEY, name TEXT)").run();
    for (const [id, name] of [["a", "Anna"], ["b", "Bertil"], ["c", "Cecilia"]]) statement("INSERT INTO person (id, name) VALUES (?, ?)").bind([id, name]).run();

    const select = "SELECT id, name FROM person WHERE id = ?";
    const read = (id: string) => {
      const bound = statement(select).bind([id]);
      expect(bound.reader).toBe(true);
      return { columns: bound.columns().map((c) => c.name), rows: bound.raw().all() };
    };
    expect(read("b")).toEqual({ columns: ["id", "name"], rows: [["b", "Bertil"]] });
    expect(read("a").rows).toEqual([["a", "Anna"]]);
    expect(read("x").rows).toEqual([]);
    // CREATE, INSERT and SELECT: three texts, however many runs.
    expect(preparedCount()).toBe(3);
  });

  it("counts the rows a reused write changed, and keeps transactions working", () => {
    const { statement } = connection();
    statement("CREATE TABLE visit (id INTEGER PRIMARY KEY, n INTEGER)").run();
    statement("INSERT INTO visit (id, n) VALUES (1, 0), (2, 0)").run();
    const bump = (id: number) => statement("UPDATE visit SET n = n + 1 WHERE id = ?").bind([id]).run().changes;
    statement("BEGIN").run();
    expect(bump(1)).toBe(1);
    expect(bump(3)).toBe(0);
    statement("ROLLBACK").run();
    statement("BEGIN").run();
    expect(bump(2)).toBe(1);
    statement("COMMIT").run();
    expect(statement("SELECT id, n FROM visit ORDER BY id").bind([]).raw().all()).toEqual([[1n, 0n], [2n, 1n]]);
  });
});
