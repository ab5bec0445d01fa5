import fs from "node:fs";
import type { TestProject } from "vitest/node";
import { BASE_DB, createMigratedDatabase, createMigratedPostgres, dropDatabase, PG_PREFIX, TEST_DATABASE_URL, TMP_DIR, withAdmin } from "./migrated-base";

declare module "vitest" {
  export interface ProvidedContext {
    /** PostgreSQL mode: the migrated template database each test file copies. */
    postgresTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  fs.mkdirSync(TMP_DIR, { recursive: true });
  if (TEST_DATABASE_URL) {
    const template = `${PG_PREFIX}${process.pid}_template`;
    await createMigratedPostgres(template);
    project.provide("postgresTemplate", template);
    return async () => {
      // Every database of this run: the template and any a crashed test file left behind.
      const { rows } = await withAdmin((admin) =>
        admin.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1", [`${PG_PREFIX}${process.pid}\\_%`]),
      );
      for (const { datname } of rows) await dropDatabase(datname);
    };
  }
  createMigratedDatabase(BASE_DB);
  return () => {
    for (const f of fs.readdirSync(TMP_DIR)) if (f.startsWith("vitest-")) fs.rmSync(`${TMP_DIR}/${f}`, { force: true });
  };
}
