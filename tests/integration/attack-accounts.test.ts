import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { importLimits, inviteLimits } from "~/modules/auth/rate-limit.server";
import { action as forgotAction } from "~/routes/forgot-password";
import { action as loginAction } from "~/routes/login";
import { action as newPersonAction } from "~/routes/admin.people.new";
import { action as personAction } from "~/routes/admin.people.$personId";
import { action as importAction } from "~/routes/admin.people.import";
import { branchId, createPerson, formRequest, settle, signedIn } from "./helpers";

let address = 0;
/** Each scenario from its own client address, so per-address limits of one do not leak into another. */
const freshContext = () => ({ clientAddress: `198.51.100.${++address}` });

/** What a visitor can observe: status, body, and whether a cookie was set. Times of day are masked. */
async function observable(res: Response, typedEmail: string) {
  const body = (await res.text())
    .replaceAll(typedEmail, "<typed>")
    .replace(/\d\d:\d\d/g, "HH:MM")
    .replace(/om \d+ min/g, "om N min");
  return { status: res.status, body, cookies: res.headers.getSetCookie().map((c) => c.split("=")[0]) };
}

async function login(email: string, password: string, context: { clientAddress: string }) {
  return settle(() => loginAction({ request: formRequest("/login", { email, password }), context, params: {} }));
}

async function forgot(email: string, context: { clientAddress: string }) {
  return settle(() => forgotAction({ request: formRequest("/forgot-password", { email }), context, params: {} }));
}

describe("no answer tells whether an e-mail address has an account", () => {
  it("login: a wrong password, an unknown address, a deactivated account and an unused invite answer alike", async () => {
    const active = await createPerson();
    const inactive = await createPerson({ active: false });
    const invited = await createPerson();
    await db.password.delete({ where: { personId: invited.id } });
    const unknown = `ingen-${Date.now()}@test.se`;
    const answers = [
      await observable(await login(active.email, "fel-losenord", freshContext()), active.email),
      await observable(await login(unknown, "fel-losenord", freshContext()), unknown),
      await observable(await login(inactive.email, inactive.password, freshContext()), inactive.email),
      await observable(await login(invited.email, "fel-losenord", freshContext()), invited.email),
    ];
    expect(answers[0]).toMatchObject({ status: 401, cookies: [] });
    for (const a of answers.slice(1)) expect(a).toEqual(answers[0]);
  });

  it("login throttling counts tries per address typed, so it locks out a known and an unknown address alike", async () => {
    const known = await createPerson();
    const unknown = `ingen-${Date.now()}@test.se`;
    const lockedOut = async (email: string) => {
      const context = freshContext();
      for (let i = 0; i < 5; i++) await login(email, "fel-losenord", context);
      return observable(await login(email, "fel-losenord", context), email);
    };
    const a = await lockedOut(known.email);
    expect(a.status).toBe(429);
    expect(await lockedOut(unknown)).toEqual(a);
  });

  it("forgot password: the same page for a known, an unknown and a deactivated address; only the known one gets mail", async () => {
    const known = await createPerson();
    const inactive = await createPerson({ active: false });
    const unknown = `ingen-${Date.now()}@test.se`;
    const a = await observable(await forgot(known.email, freshContext()), known.email);
    expect(a).toEqual({ status: 200, body: JSON.stringify({ sent: true }), cookies: [] });
    expect(await observable(await forgot(unknown, freshContext()), unknown)).toEqual(a);
    expect(await observable(await forgot(inactive.email, freshContext()), inactive.email)).toEqual(a);
    expect(await db.outboxMessage.count({ where: { toEmail: known.email, kind: "password-reset" } })).toBe(1);
    expect(await db.outboxMessage.count({ where: { toEmail: { in: [unknown, inactive.email] } } })).toBe(0);
  });

  it("forgot password: the per-address limit bites a known and an unknown address alike", async () => {
    const known = await createPerson();
    const unknown = `ingen-${Date.now()}@test.se`;
    const fourth = async (email: string) => {
      const context = freshContext();
      for (let i = 0; i < 3; i++) await forgot(email, context);
      return observable(await forgot(email, context), email);
    };
    const a = await fourth(known.email);
    expect(a.status).toBe(429);
    expect(await fourth(unknown)).toEqual(a);
  });

  it("inviting: anyone but an admin is refused before any lookup, so a known and an unknown address answer alike", async () => {
    const facilitator = await signedIn({ roles: ["facilitator"] });
    const known = await createPerson();
    const invite = async (email: string) =>
      observable(
        await settle(() =>
          newPersonAction({
            request: formRequest(
              "/admin/people/new",
              { name: "Eva Ek", email, branchId: "x", position: "ledamot", roles: "participant" },
              { cookie: facilitator.cookie },
            ),
            context: freshContext(),
            params: {},
          }),
        ),
        email,
      );
    const a = await invite(known.email);
    expect(a.status).toBe(403);
    expect(await invite(`ingen-${Date.now()}@test.se`)).toEqual(a);
  });
});

describe("invitations are throttled", () => {
  async function admin() {
    return signedIn({ roles: ["admin"] });
  }
  const newPerson = async (cookie: string, email: string) => {
    const fields = { name: "Eva Ek", email, branchId: await branchId("Luleå"), position: "ledamot", roles: "participant" };
    return settle(() => newPersonAction({ request: formRequest("/admin/people/new", fields, { cookie }), context: freshContext(), params: {} }));
  };
  const resend = (cookie: string, personId: string) =>
    settle(() =>
      personAction({
        request: formRequest(`/admin/people/${personId}`, { intent: "resend-invite" }, { cookie }),
        context: freshContext(),
        params: { personId },
      }),
    );

  it("one recipient gets at most three invitation e-mails an hour, resends included; the fourth is refused in Swedish", async () => {
    const a = await admin();
    const email = `eva-${Date.now()}@test.se`;
    const created = await newPerson(a.cookie, email);
    const person = await db.person.findUniqueOrThrow({ where: { email } });
    expect(created).toRedirectTo(`/admin/people/${person.id}`);
    expect(await resend(a.cookie, person.id)).toRedirectTo(`/admin/people/${person.id}`);
    expect(await resend(a.cookie, person.id)).toRedirectTo(`/admin/people/${person.id}`);
    const refused = await resend(a.cookie, person.id);
    expect(refused.status).toBe(429);
    expect((await refused.json()).errors._form[0]).toMatch(/^Många inbjudningar har skickats på kort tid\. Försök igen kl\. \d\d:\d\d \(om \d+ min\)\.$/);
    expect(await db.outboxMessage.count({ where: { toEmail: email, kind: "invite" } })).toBe(3);
  });

  it("an admin who has sent fifty invitations this hour is stopped, with the form kept and nobody added", async () => {
    const a = await admin();
    const key = inviteLimits(a.id, "x@test.se")[1]!.key;
    await db.rateLimitHit.createMany({ data: Array.from({ length: 50 }, () => ({ key, createdAt: new Date() })) });
    const email = `ny-${Date.now()}@test.se`;
    const res = await newPerson(a.cookie, email);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.errors._form[0]).toMatch(/^Många inbjudningar/);
    expect(body.values.email).toBe(email);
    expect(await db.person.count({ where: { email } })).toBe(0);
  });

  it("a CSV import counts as one invitation round; past five an hour nothing is imported", async () => {
    const a = await admin();
    const key = importLimits(a.id)[0]!.key;
    await db.rateLimitHit.createMany({ data: Array.from({ length: 5 }, () => ({ key, createdAt: new Date() })) });
    const email = `import-${Date.now()}@test.se`;
    const csvText = `namn;e-post;arbetarekommun;befattning;roller\nEva Ek;${email};Luleå;ledamot;deltagare\n`;
    const res = await settle(() =>
      importAction({ request: formRequest("/admin/people/import", { intent: "commit", csvText }, { cookie: a.cookie }), context: freshContext(), params: {} }),
    );
    expect(res.status).toBe(429);
    expect((await res.json()).errors._form[0]).toMatch(/^Inget importerades: Många inbjudningar/);
    expect(await db.person.count({ where: { email } })).toBe(0);
  });

  it("an invitation is never re-sent to an account in use: it would be a password reset nobody asked for", async () => {
    const a = await admin();
    const inUse = await createPerson();
    const res = await resend(a.cookie, inUse.id);
    expect(res.status).toBe(400);
    expect((await res.json()).errors._form[0]).toMatch(/redan valt lösenord/);
    const inactive = await createPerson({ active: false });
    await db.password.delete({ where: { personId: inactive.id } });
    expect((await resend(a.cookie, inactive.id)).status).toBe(400);
    expect(await db.accountToken.count({ where: { personId: { in: [inUse.id, inactive.id] } } })).toBe(0);
  });
});
