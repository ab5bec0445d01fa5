import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { createMigratedPostgres, databaseUrl, dropDatabase, TEST_DATABASE_URL } from "../tests/setup/migrated-base";
import { diffPostgres, driftProblems, generate, POSTGRES_SCHEMA, postgresSchemaFrom, SOURCE_SCHEMA } from "./postgres-schema";

const temporary: string[] = [];
afterEach(() => {
  for (const dir of temporary.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A copy of prisma/ to change freely. */
function scratchProject() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "pg-schema-test-"));
  temporary.push(root);
  fs.cpSync("prisma", path.join(root, "prisma"), { recursive: true });
  return root;
}

function addNicknameToBranch(root: string) {
  const file = path.join(root, SOURCE_SCHEMA);
  const source = fs.readFileSync(file, "utf8");
  fs.writeFileSync(file, source.replace("model Branch {\n", "model Branch {\n  nickname   String?\n"));
}

describe("the PostgreSQL schema and migrations, produced from the one source schema", () => {
  it("are committed in step with prisma/schema.prisma and its SQLite migrations", () => {
    expect(driftProblems()).toEqual([]);
  });

  it("differ from the source only in the provider and the client's folder", () => {
    const source = fs.readFileSync(SOURCE_SCHEMA, "utf8");
    const generated = postgresSchemaFrom(source);
    const sourceLines = new Set(source.split("\n"));
    const changed = generated.split("\n").filter((line) => !sourceLines.has(line) && !line.startsWith("//"));
    expect(changed.map((l) => l.trim())).toEqual(['output       = "../../app/generated/prisma-postgres"', 'provider = "postgresql"']);
    expect(() => postgresSchemaFrom(source.replace('provider = "sqlite"', 'provider = "mysql"'))).toThrow(/sqlite/);
    expect(() => postgresSchemaFrom(source.replace("  slug       String          @unique", "  slug       String @db.VarChar(80) @unique"))).toThrow(/@db/);
  });

  it("a drift is caught, and generating writes the PostgreSQL migration beside the new SQLite one", () => {
    const root = scratchProject();
    addNicknameToBranch(root);
    const name = "29991231000000_branch_nickname";
    fs.mkdirSync(path.join(root, "prisma/migrations", name));
    fs.writeFileSync(path.join(root, "prisma/migrations", name, "migration.sql"), 'ALTER TABLE "Branch" ADD COLUMN "nickname" TEXT;\n');

    expect(driftProblems(root)).toEqual([`${POSTGRES_SCHEMA} is not what ${SOURCE_SCHEMA} gives`, `no PostgreSQL migration for prisma/migrations/${name}`]);

    generate(root, () => undefined);
    const sql = fs.readFileSync(path.join(root, "prisma/postgres/migrations", name, "migration.sql"), "utf8");
    expect(sql).toMatch(/ALTER TABLE "Branch" ADD COLUMN\s+"nickname" TEXT;/);
    expect(driftProblems(root)).toEqual([]);
  });

  it("refuses a schema change that has no SQLite migration, and writes nothing", () => {
    const root = scratchProject();
    addNicknameToBranch(root);
    const before = fs.readFileSync(path.join(root, POSTGRES_SCHEMA), "utf8");
    expect(() => generate(root, () => undefined)).toThrow(/no new SQLite migration/);
    expect(fs.readFileSync(path.join(root, POSTGRES_SCHEMA), "utf8")).toBe(before);
  });
});

/** Tables, columns, indexes and constraints of a database, in an order that does not depend on how they were made. */
async function describeDatabase(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = await client.query(
      `SELECT table_name, column_name, data_type, is_nullable, column_default, datetime_precision
         FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1, 2`,
    );
    const indexes = await client.query(`SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1, 2`);
    const constraints = await client.query(
      `SELECT conrelid::regclass::text AS table_name, conname, pg_get_constraintdef(oid) AS definition
         FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2`,
    );
    return { columns: columns.rows, indexes: indexes.rows, constraints: constraints.rows };
  } finally {
    await client.end();
  }
}

describe.runIf(TEST_DATABASE_URL)("on PostgreSQL", () => {
  it("the committed migrations build exactly the database the PostgreSQL schema describes", async () => {
    // This file's database was made by applying prisma/postgres/migrations in order (tests/setup).
    const migrated = await describeDatabase(process.env.DATABASE_URL!);
    const direct = `${new URL(process.env.DATABASE_URL!).pathname.slice(1)}_direct`;
    await createMigratedPostgres(direct, [diffPostgres(null, fs.readFileSync(POSTGRES_SCHEMA, "utf8"))]);
    try {
      const fromSchema = await describeDatabase(databaseUrl(direct));
      expect(migrated.columns.length).toBeGreaterThan(100);
      expect(migrated).toEqual(fromSchema);
    } finally {
      await dropDatabase(direct);
    }
  });
});
