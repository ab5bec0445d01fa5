// npm run create-admin -- --email anna@example.se --name "Anna Andersson" [--branch Luleå]
// Creates the first Distriktsadmin of a real deployment and prints a one-time
// link to choose a password (also queued in the outbox).
import { parseArgs } from "node:util";
import { z } from "zod";
import { ensureDatabaseReady, db, transaction } from "~/db.server";
import { sendInvite } from "~/modules/auth/account-tokens.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { branchSlug } from "~/modules/branches/branches";
import { ensureDistrictBranches } from "~/modules/branches/branches.server";
import { emailField, PERSON_NAME_MAX, personName } from "~/modules/people/person-schema";

const { values } = parseArgs({
  options: { email: { type: "string" }, name: { type: "string" }, branch: { type: "string" } },
});

const args = z
  .object({
    email: emailField,
    // The app's rule for a name, in the script's English.
    name: personName({ missing: "is empty", tooLong: `is longer than ${PERSON_NAME_MAX} characters`, noLetter: "has no letter" }).default("Distriktsadmin"),
    branch: z.string().trim().default("Luleå"),
  })
  .safeParse(values);

if (!args.success) {
  for (const issue of args.error.issues) console.error(`--${issue.path.join(".")}: ${issue.message}`);
  console.error('usage: npm run create-admin -- --email you@example.se --name "Your Name" [--branch Luleå]');
  process.exit(2);
}

await ensureDatabaseReady();
await ensureDistrictBranches();
const branch = await db.branch.findUnique({ where: { slug: branchSlug(args.data.branch) } });
if (!branch) {
  console.error(`--branch: unknown arbetarekommun "${args.data.branch}"`);
  process.exit(2);
}
const existing = await db.person.findUnique({ where: { email: args.data.email } });
const link = await transaction(async (tx) => {
  const person = existing
    ? await tx.person.update({ where: { id: existing.id }, data: { isAdmin: true, active: true } })
    : await tx.person.create({
        data: { email: args.data.email, name: args.data.name, branchId: branch.id, position: "medlem", isAdmin: true, isParticipant: false },
      });
  await recordAudit({ actorId: null, action: "person.made-admin-from-cli", subjectType: "person", subjectId: person.id }, tx);
  return sendInvite(tx, person);
});
console.log(`${existing ? "Made" : "Created"} Distriktsadmin ${args.data.email}.`);
console.log(`Choose a password here (valid 7 days, once): ${link}`);
