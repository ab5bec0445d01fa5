import { Prisma } from "~/generated/prisma/client.ts";
import { column, executeSql, selectRows, row } from "~/sql.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { formError, ok, throttled, type ActionResult } from "~/utils/action-result";
import { minutesUntil, swedishClock } from "~/utils/time";
import { verifyAgainstNothing, verifyPassword } from "./password.server";
import { loginBlockedUntil, recordLoginAttempt } from "./throttle.server";

const credentialRow = row({ id: column.text, active: column.boolean, hash: column.text.nullable() });

export const INVALID_LOGIN = "Fel e-postadress eller lösenord.";

function tooManyTries(retryAt: Date) {
  return throttled(`För många misslyckade inloggningsförsök. Försök igen kl. ${swedishClock(retryAt)} (om ${minutesUntil(retryAt)} min).`, retryAt);
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Checks a password, with throttling. An unknown address, a wrong password and
 * a deactivated account all answer "invalid", so the answer never tells
 * whether an e-mail has an account.
 */
export async function attemptLogin(input: { email: string; password: string; address: string }): Promise<ActionResult<{ personId: string }>> {
  const email = normalizeEmail(input.email);
  const blocked = await loginBlockedUntil(email, input.address);
  if (blocked) {
    await recordLoginAttempt(email, input.address, "throttled");
    return tooManyTries(blocked);
  }

  const [person] = await selectRows(
    credentialRow,
    Prisma.sql`SELECT p."id", p."active", pw."hash" FROM "Person" p LEFT JOIN "Password" pw ON pw."personId" = p."id" WHERE p."email" = ${email}`,
  );
  const passwordOk = person?.hash && person.active ? await verifyPassword(person.hash, input.password) : await verifyAgainstNothing(input.password);

  if (!person || !passwordOk) {
    await recordLoginAttempt(email, input.address, "failure");
    // The try that reaches the limit already says when to come back.
    const nowBlocked = await loginBlockedUntil(email, input.address);
    return nowBlocked ? tooManyTries(nowBlocked) : formError(INVALID_LOGIN);
  }

  await recordLoginAttempt(email, input.address, "success");
  // A login is not an edit of the person, so updatedAt keeps the time of the last change to their details.
  const now = new Date();
  await executeSql(Prisma.sql`UPDATE "Person" SET "lastLoginAt" = ${now} WHERE "id" = ${person.id}`);
  await recordAudit({ actorId: person.id, action: "auth.login", subjectType: "person", subjectId: person.id });
  return ok({ personId: person.id });
}
