// npm run content:export [-- --dir content]: writes the published content
// (each course's latest version, from the files or from the app's editor, and
// each program's file) back into the content folder, in the format
// content:sync reads. A content:sync of the folder afterwards changes nothing.
import path from "node:path";
import { parseArgs } from "node:util";
import { ensureDatabaseReady } from "~/db.server";
import { exportContent } from "~/modules/authoring/export.server";

const { values } = parseArgs({ options: { dir: { type: "string", default: "content" } } });
const dir = path.resolve(values.dir!);

await ensureDatabaseReady();
const r = await exportContent(dir);
console.log(
  `Content exported to ${path.relative(process.cwd(), dir) || "."}: ${r.programs} programs, ${r.courses.length} courses ` +
    `(${r.courses.map((c) => `${c.course} v${c.number}${c.origin === "app" ? " från appen" : ""}`).join(", ")}); ` +
    `${r.written} files written, ${r.removed} removed.`,
);
