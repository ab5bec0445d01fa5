import fs from "node:fs";
import { BASE_DB, createMigratedDatabase, TMP_DIR } from "./migrated-base";

export default function setup() {
  fs.mkdirSync(TMP_DIR, { recursive: true });
  createMigratedDatabase(BASE_DB);
  return () => {
    for (const f of fs.readdirSync(TMP_DIR)) if (f.startsWith("vitest-")) fs.rmSync(`${TMP_DIR}/${f}`, { force: true });
  };
}
