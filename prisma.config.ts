import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { databaseFilePath, databaseProvider, DEFAULT_DATABASE_URL } from "./app/database-url";

// With a config file Prisma does not read .env; the url comes from the
// environment (or the embedded default) through the same helper the app uses.
// Its scheme picks the profile: `file:` uses prisma/schema.prisma and its
// migrations; `postgres://` the PostgreSQL schema and migrations that
// scripts/postgres-schema.ts generates from it.
const url = (process.env.DATABASE_URL ??= DEFAULT_DATABASE_URL);
const postgres = databaseProvider(url) === "postgresql";

// Prisma's migration engine reads PostgreSQL's catalogs, whose `name` and
// `"char"` columns the pg driver adapter cannot map (prisma/orm#27403, open in
// 6.19): `prisma migrate deploy` fails with "Column type 'name' could not be
// deserialized". Both are plain text, so the CLI's connections report them as
// text. The app's own client does not read catalogs and uses the plain adapter.
const AS_TEXT: Record<number, number> = { 18: 25, 19: 25 }; // "char", name -> text

function reportCatalogTextAsText(result: unknown) {
  for (const r of Array.isArray(result) ? result : [result]) {
    for (const field of (r as pg.QueryResult | undefined)?.fields ?? []) field.dataTypeID = AS_TEXT[field.dataTypeID] ?? field.dataTypeID;
  }
  return result;
}

class MigrationClient extends pg.Client {
  // pg's overloads are many; every form is passed through and only the result is touched.
  query(...args: unknown[]): never {
    const callback = args.at(-1);
    if (typeof callback === "function") {
      args[args.length - 1] = (error: unknown, result: unknown) => callback(error, error ? result : reportCatalogTextAsText(result));
      return (super.query as (...a: unknown[]) => never)(...args);
    }
    const pending = (super.query as (...a: unknown[]) => unknown)(...args);
    return (pending instanceof Promise ? pending.then(reportCatalogTextAsText) : pending) as never;
  }
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: postgres ? path.join("prisma", "postgres", "schema.prisma") : path.join("prisma", "schema.prisma"),
  migrations: { path: postgres ? path.join("prisma", "postgres", "migrations") : path.join("prisma", "migrations") },
  async adapter() {
    if (postgres)
      return new PrismaPg(new pg.Pool({ connectionString: url, Client: MigrationClient, allowExitOnIdle: true, idleTimeoutMillis: 200 }), {
        disposeExternalPool: true,
      });
    return new PrismaBetterSQLite3({ url: databaseFilePath(url) });
  },
});
