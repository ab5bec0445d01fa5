// npm run content:sync [-- --dir content]: loads course content into the database.
// Exits non-zero, naming each file and field, when the content has problems.
import path from "node:path";
import { parseArgs } from "node:util";
import { ensureDatabaseReady } from "~/db.server";
import { ContentSyncError, formatProblem, syncContent } from "~/modules/catalog/sync.server";
import { ensureTemplate } from "~/modules/crisis/template.server";

const { values } = parseArgs({
  options: { dir: { type: "string", default: "content" }, "overwrite-app-edits": { type: "boolean", default: false } },
});
const dir = path.resolve(values.dir!);

try {
  await ensureDatabaseReady();
  const r = await syncContent(dir, new Date(), { overwriteAppEdits: values["overwrite-app-edits"] });
  // The crisis-plan template is loaded once; after that admins edit it in the app, in versions.
  if (await ensureTemplate(path.join(dir, "krisplan", "mall.md"))) console.log("Crisis-plan template loaded as version 1.");
  console.log(
    `Content synced from ${path.relative(process.cwd(), dir) || "."}: ${r.programs} programs, ${r.courses} courses, ` +
      `${r.modules} modules, ${r.lessons} lessons (${r.lessonsChanged} new or changed, ${r.retired} retired)` +
      (r.newCourseVersions.length ? `; new version of ${r.newCourseVersions.join(", ")}` : ""),
  );
  // Never silently: a course edited in the app is kept as the app has it, and the output says so (decision 017).
  for (const kept of r.keptAppEdits) {
    console.log(
      `  ${kept.course}: edited in the app (version ${kept.number}, ${kept.publishedAt.toISOString().slice(0, 10)}); its files here differ and were NOT loaded. ` +
        "Run `npm run content:export` to write the app's version into the files, or `npm run content:sync -- --overwrite-app-edits` to replace it with the files.",
    );
  }
} catch (error) {
  if (error instanceof Error && !(error instanceof ContentSyncError) && error.message.includes("mall.md")) {
    console.error(`Content sync failed: ${error.message}`);
    process.exit(1);
  }
  if (error instanceof ContentSyncError) {
    console.error(`Content sync failed, nothing was changed. ${error.problems.length} problem(s):`);
    for (const p of error.problems) console.error(formatProblem(p));
    process.exit(1);
  }
  throw error;
}
