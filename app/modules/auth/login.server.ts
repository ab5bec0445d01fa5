import { db } from "~/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { verifyAgainstNothing, verifyPassword } from "./password.server";
import { loginBlockedUntil, recordLoginAttempt } from "./throttle.server";

export type LoginResult =
  | { ok: true; personId: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAt: Date };

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Checks a password, with throttling. An unknown address, a wrong password and
 * a deactivated account all answer "invalid", so the answer never tells
 * whether an e-mail has an account.
 */
export async function attemptLogin(input: { email: string; password: string; address: string }): Promise<LoginResult> {
  const email = normalizeEmail(input.email);
  const blocked = await loginBlockedUntil(email, input.address);
  if (blocked) {
    await recordLoginAttempt(email, input.address, "throttled");
    return { ok: false, reason: "throttled", retryAt: blocked };
  }

  const person = await db.person.findUnique({
    where: { email },
    select: { id: true, active: true, password: { select: { hash: true } } },
  });
  const passwordOk =
    person?.password && person.active
      ? await verifyPassword(person.password.hash, input.password)
      : await verifyAgainstNothing(input.password);

  if (!person || !passwordOk) {
    await recordLoginAttempt(email, input.address, "failure");
    // The try that reaches the limit already says when to come back.
    const nowBlocked = await loginBlockedUntil(email, input.address);
    return nowBlocked ? { ok: false, reason: "throttled", retryAt: nowBlocked } : { ok: false, reason: "invalid" };
  }

  await recordLoginAttempt(email, input.address, "success");
  await db.person.update({ where: { id: person.id }, data: { lastLoginAt: new Date() } });
  await recordAudit({ actorId: person.id, action: "auth.login", subjectType: "person", subjectId: person.id });
  return { ok: true, personId: person.id };
}
