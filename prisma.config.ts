import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { databaseFilePath } from "./app/database-url";

// With a config file Prisma does not read .env; the url comes from the
// environment (or the embedded default) through the same helper the app uses.
process.env.DATABASE_URL ??= "file:./data/ledarlyftet.db";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    return new PrismaBetterSQLite3({ url: databaseFilePath(process.env.DATABASE_URL!) });
  },
});
