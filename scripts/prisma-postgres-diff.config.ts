// Prisma config used only by scripts/postgres-schema.ts to diff two PostgreSQL
// datamodels with no PostgreSQL server at hand. `prisma migrate diff
// --from-schema-datamodel A --to-schema-datamodel B` reads nothing from the
// database; with an adapter configured the CLI still asks it one question
// (does the schema exist, which server version), which this stand-in answers.
// Any other query fails loudly, so nothing can silently depend on it.
import path from "node:path";
import { defineConfig } from "prisma/config";

const PROBE = /^SELECT EXISTS\(SELECT 1 FROM pg_namespace WHERE nspname = \$1\), version\(\)/;

function unexpected(what: string): never {
  throw new Error(`prisma-postgres-diff.config.ts: the offline stand-in for PostgreSQL cannot ${what}`);
}

const queryable = {
  provider: "postgres" as const,
  adapterName: "ledarlyftet-offline-diff",
  async queryRaw(query: { sql: string }) {
    if (!PROBE.test(query.sql)) unexpected(`answer ${JSON.stringify(query.sql.slice(0, 80))}`);
    // exists (Boolean = 5), version (Text = 7), numeric_version (Int32 = 0)
    return { columnNames: ["exists", "version", "numeric_version"], columnTypes: [5, 7, 0], rows: [[true, "PostgreSQL 15.0", 150000]] };
  },
  async executeRaw(): Promise<number> {
    return unexpected("execute statements");
  },
};

const offlineAdapter = {
  ...queryable,
  async startTransaction(): Promise<never> {
    return unexpected("start a transaction");
  },
  async executeScript(): Promise<void> {
    unexpected("run a script");
  },
  getConnectionInfo: () => ({ schemaName: "public", supportsRelationJoins: true }),
  async dispose() {},
};

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  // Absolute: Prisma reads a relative path from the config file's folder.
  schema: path.resolve(process.env.POSTGRES_DIFF_SCHEMA ?? "prisma/postgres/schema.prisma"),
  async adapter() {
    return {
      provider: "postgres" as const,
      adapterName: "ledarlyftet-offline-diff",
      connect: async () => offlineAdapter,
      connectToShadowDb: async (): Promise<never> => unexpected("make a shadow database"),
    } as never;
  },
});
