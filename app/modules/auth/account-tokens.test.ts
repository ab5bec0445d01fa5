import { describe, expect, it } from "vitest";
import { db, transaction } from "~/db.server";
import { createPerson } from "../../../tests/integration/helpers";
import { checkAccountToken, redeemAccountToken, requestPasswordReset, sendInvite, TOKEN_REFUSALS, TOKEN_VALID_MS } from "./account-tokens.server";
import { attemptLogin } from "./login.server";
import { lucia } from "./lucia.server";
import { newSessionToken } from "./lucia-adapter.server";

function tokenFromOutbox(text: string) {
  const match = text.match(/\/password\/([A-Za-z0-9_-]+)/);
  if (!match) throw new Error("no link in e-mail");
  return match[1]!;
}

async function latestMailTo(email: string) {
  return db.outboxMessage.findFirstOrThrow({ where: { toEmail: email }, orderBy: { createdAt: "desc" } });
}

describe("invite and reset links", () => {
  it("an invite puts a link in the outbox that sets a password once", async () => {
    const p = await createPerson();
    await transaction((tx) => sendInvite(tx, p));
    const mail = await latestMailTo(p.email);
    expect(mail.kind).toBe("invite");
    expect(mail.text).toContain("http://localhost:3000/password/");
    const token = tokenFromOutbox(mail.text);

    const first = await redeemAccountToken(token, "mitt-nya-losenord");
    expect(first.ok).toBe(true);
    expect((await attemptLogin({ email: p.email, password: "mitt-nya-losenord", address: "1.1.1.1" })).ok).toBe(true);

    const second = await redeemAccountToken(token, "ett-annat-losenord");
    expect(second).toMatchObject({ ok: false, errors: { _form: [TOKEN_REFUSALS.used] } });
    expect((await attemptLogin({ email: p.email, password: "ett-annat-losenord", address: "1.1.1.1" })).ok).toBe(false);
  });

  it("two racing uses of one link set the password only once", async () => {
    const p = await createPerson();
    await transaction((tx) => sendInvite(tx, p));
    const token = tokenFromOutbox((await latestMailTo(p.email)).text);
    const results = await Promise.all([redeemAccountToken(token, "forsta-losenordet"), redeemAccountToken(token, "andra-losenordet")]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it("a link stops working after 7 days", async () => {
    const p = await createPerson();
    await transaction((tx) => sendInvite(tx, p));
    const token = tokenFromOutbox((await latestMailTo(p.email)).text);
    const later = new Date(Date.now() + TOKEN_VALID_MS + 1000);
    expect(await checkAccountToken(token, later)).toMatchObject({ ok: false, errors: { _form: [TOKEN_REFUSALS.expired] } });
    expect(await redeemAccountToken(token, "for-sent-losenord", later)).toMatchObject({ ok: false, errors: { _form: [TOKEN_REFUSALS.expired] } });
  });

  it("a newer invite makes the older link unusable", async () => {
    const p = await createPerson();
    await transaction((tx) => sendInvite(tx, p));
    const older = tokenFromOutbox((await latestMailTo(p.email)).text);
    await new Promise((r) => setTimeout(r, 5));
    await transaction((tx) => sendInvite(tx, p));
    expect((await checkAccountToken(older)).ok).toBe(false);
  });

  it("a reset for an unknown address sends nothing, and a reset ends every session", async () => {
    const before = await db.outboxMessage.count();
    await requestPasswordReset("finns-inte@test.se");
    expect(await db.outboxMessage.count()).toBe(before);

    const p = await createPerson();
    await lucia.createSession(p.id, {}, { sessionId: newSessionToken() });
    await lucia.createSession(p.id, {}, { sessionId: newSessionToken() });
    await requestPasswordReset(p.email.toUpperCase());
    const mail = await latestMailTo(p.email);
    expect(mail.kind).toBe("password-reset");
    expect((await redeemAccountToken(tokenFromOutbox(mail.text), "helt-nytt-losenord")).ok).toBe(true);
    expect(await db.authSession.count({ where: { personId: p.id } })).toBe(0);
  });

  it("an unknown token is simply unknown", async () => {
    expect(await checkAccountToken("x".repeat(43))).toMatchObject({ ok: false, errors: { _form: [TOKEN_REFUSALS.unknown] } });
  });
});
