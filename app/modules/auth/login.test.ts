import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { createPerson } from "../../../tests/integration/helpers";
import { attemptLogin, INVALID_LOGIN } from "./login.server";

const invalid = { ok: false, errors: { _form: [INVALID_LOGIN] }, message: INVALID_LOGIN };
const throttled = { ok: false, retryAt: expect.any(Date), errors: { _form: [expect.stringMatching(/^För många misslyckade inloggningsförsök/)] } };
import { loginBlockedUntil, THROTTLE_WINDOW_MS } from "./throttle.server";

const address = (n: number) => `10.0.0.${n}`;

describe("login", () => {
  it("lets the right password in, case-insensitively on the e-mail", async () => {
    const p = await createPerson();
    const result = await attemptLogin({ email: `  ${p.email.toUpperCase()} `, password: p.password, address: address(1) });
    expect(result).toEqual({ ok: true, value: { personId: p.id } });
  });

  it("answers an unknown e-mail exactly like a wrong password", async () => {
    const p = await createPerson();
    const wrong = await attemptLogin({ email: p.email, password: "fel-losenord", address: address(2) });
    const unknown = await attemptLogin({ email: "ingen@test.se", password: "fel-losenord", address: address(2) });
    expect(wrong).toEqual(invalid);
    expect(unknown).toEqual(wrong);
  });

  it("refuses a deactivated person even with the right password", async () => {
    const p = await createPerson({ active: false });
    expect(await attemptLogin({ email: p.email, password: p.password, address: address(3) })).toEqual(invalid);
  });

  it("after 5 failed tries for one account, refuses even the right password and says when to retry", async () => {
    const p = await createPerson();
    const results = [];
    for (let i = 0; i < 5; i++) {
      results.push(await attemptLogin({ email: p.email, password: `fel-${i}`, address: address(10 + i) }));
    }
    expect(results.slice(0, 4)).toEqual([invalid, invalid, invalid, invalid]);
    expect(results[4]).toMatchObject(throttled);

    const correct = await attemptLogin({ email: p.email, password: p.password, address: address(20) });
    expect(correct.ok).toBe(false);
    if (correct.ok || !correct.retryAt) throw new Error("expected throttled");
    const minutes = (correct.retryAt.getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);
  });

  it("lets the account in again once the failures are 15 minutes old", async () => {
    const p = await createPerson();
    const old = new Date(Date.now() - THROTTLE_WINDOW_MS - 1000);
    await db.loginAttempt.createMany({
      data: Array.from({ length: 5 }, () => ({ email: p.email, address: address(30), outcome: "failure", createdAt: old })),
    });
    expect(await loginBlockedUntil(p.email, address(31))).toBeNull();
    expect((await attemptLogin({ email: p.email, password: p.password, address: address(31) })).ok).toBe(true);
  });

  it("after 20 failed tries from one address, refuses that address for any account", async () => {
    const victim = await createPerson();
    for (let i = 0; i < 20; i++) {
      await attemptLogin({ email: `gissning${i}@test.se`, password: "fel", address: address(99) });
    }
    const fromSameAddress = await attemptLogin({ email: victim.email, password: victim.password, address: address(99) });
    expect(fromSameAddress).toMatchObject(throttled);
    const fromElsewhere = await attemptLogin({ email: victim.email, password: victim.password, address: address(98) });
    expect(fromElsewhere.ok).toBe(true);
  });

  it("starts an account's count over after a successful login", async () => {
    const p = await createPerson();
    for (let i = 0; i < 4; i++) await attemptLogin({ email: p.email, password: "fel", address: address(40) });
    expect((await attemptLogin({ email: p.email, password: p.password, address: address(40) })).ok).toBe(true);
    const next = await attemptLogin({ email: p.email, password: "fel", address: address(40) });
    expect(next).toEqual(invalid);
  });
});
