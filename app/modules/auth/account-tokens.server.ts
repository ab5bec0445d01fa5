import { createHash, randomBytes } from "node:crypto";
import { config } from "~/config.server";
import { db, transaction, type Tx } from "~/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { queueEmail } from "~/modules/mail/outbox.server";
import { formError, ok, type ActionResult } from "~/utils/action-result";
import { normalizeEmail } from "./login.server";
import { hashPassword } from "./password.server";

export const TOKEN_VALID_MS = 7 * 24 * 60 * 60 * 1000;
export type TokenPurpose = "invite" | "reset";

function hashToken(token: string) {
  return createHash("sha256").update(token).digest("hex");
}

export function accountLink(token: string) {
  return new URL(`/password/${token}`, config.PUBLIC_URL).toString();
}

/**
 * Issues a one-time link. Earlier unused links of the same purpose stop
 * working, so only the newest e-mail is valid.
 */
export async function issueAccountToken(tx: Tx, personId: string, purpose: TokenPurpose, now = new Date()) {
  const token = randomBytes(32).toString("base64url");
  await tx.accountToken.updateMany({
    where: { personId, purpose, usedAt: null },
    data: { usedAt: now },
  });
  await tx.accountToken.create({
    data: {
      personId,
      purpose,
      tokenHash: hashToken(token),
      expiresAt: new Date(now.getTime() + TOKEN_VALID_MS),
    },
  });
  return token;
}

export async function sendInvite(tx: Tx, person: { id: string; email: string; name: string }) {
  const token = await issueAccountToken(tx, person.id, "invite");
  const link = accountLink(token);
  await queueEmail(
    {
      to: person.email,
      kind: "invite",
      personId: person.id,
      subject: "Välkommen till Ledarlyftet",
      text: [
        `Hej ${person.name}!`,
        "",
        "Du har fått ett konto på Ledarlyftet, distriktets plattform för ledarskapsprogram, kommunikatörsutbildning och handledning.",
        "Välj ditt lösenord via länken nedan. Länken gäller i 7 dagar och kan användas en gång.",
        "",
        link,
      ].join("\n"),
    },
    tx,
  );
  return link;
}

/** Always answers the same way; only a known, active person gets an e-mail. */
export async function requestPasswordReset(email: string) {
  const person = await db.person.findUnique({ where: { email: normalizeEmail(email) } });
  if (!person || !person.active) return;
  await transaction(async (tx) => {
    const token = await issueAccountToken(tx, person.id, "reset");
    await queueEmail(
      {
        to: person.email,
        kind: "password-reset",
        personId: person.id,
        subject: "Nytt lösenord till Ledarlyftet",
        text: [
          `Hej ${person.name}!`,
          "",
          "Någon (förhoppningsvis du) bad om ett nytt lösenord. Välj ett nytt via länken nedan.",
          "Länken gäller i 7 dagar och kan användas en gång. Bad du inte om detta kan du strunta i mejlet.",
          "",
          accountLink(token),
        ].join("\n"),
      },
      tx,
    );
  });
}

/** Why a link does not work, as the page that opened it says it. */
export const TOKEN_REFUSALS = {
  unknown: "Länken är ogiltig. Kontrollera att du kopierat hela länken.",
  used: "Länken har redan använts. Varje länk fungerar en gång.",
  expired: "Länken har gått ut (den gäller i 7 dagar).",
} as const;

/** Whose link it is and what it is for. */
export interface TokenHolder {
  purpose: TokenPurpose;
  person: { id: string; name: string; email: string };
}

export async function checkAccountToken(token: string, now = new Date()): Promise<ActionResult<TokenHolder>> {
  const row = await db.accountToken.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { person: { select: { id: true, name: true, email: true, active: true } } },
  });
  if (!row || !row.person.active) return formError(TOKEN_REFUSALS.unknown);
  if (row.usedAt) return formError(TOKEN_REFUSALS.used);
  if (row.expiresAt <= now) return formError(TOKEN_REFUSALS.expired);
  const { active: _active, ...person } = row.person;
  return ok({ purpose: row.purpose as TokenPurpose, person });
}

/**
 * Uses a link to set a password. The conditional update makes the link
 * single-use even when two requests race; every other session of the person
 * ends, since a reset usually means the old password is not to be trusted.
 */
export async function redeemAccountToken(token: string, newPassword: string, now = new Date()): Promise<ActionResult<TokenHolder>> {
  const check = await checkAccountToken(token, now);
  if (!check.ok) return check;
  const holder = check.value;
  const hash = await hashPassword(newPassword);
  const claimed = await transaction(async (tx) => {
    const { count } = await tx.accountToken.updateMany({
      where: { tokenHash: hashToken(token), usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (count !== 1) return false;
    await tx.password.upsert({
      where: { personId: holder.person.id },
      create: { personId: holder.person.id, hash },
      update: { hash },
    });
    await tx.authSession.deleteMany({ where: { personId: holder.person.id } });
    await recordAudit({ actorId: holder.person.id, action: `auth.${holder.purpose}-redeemed`, subjectType: "person", subjectId: holder.person.id }, tx);
    return true;
  });
  return claimed ? check : formError(TOKEN_REFUSALS.used);
}
