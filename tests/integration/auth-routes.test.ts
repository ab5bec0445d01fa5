import { describe, expect, it } from "vitest";
import { db, provider } from "~/db.server";
import { action as loginAction } from "~/routes/login";
import { action as logoutAction } from "~/routes/logout";
import { loader as peopleLoader } from "~/routes/admin.people._index";
import { action as newPersonAction } from "~/routes/admin.people.new";
import { loader as adminLoader } from "~/routes/admin";
import { loader as homeLoader } from "~/routes/_index";
import { loader as accountLoader } from "~/routes/account";
import { loader as healthLoader } from "~/routes/healthz";
import { cookieFrom, createPerson, formRequest, getRequest, settle, branchId } from "./helpers";

const context = { clientAddress: "203.0.113.7" };

async function logIn(email: string, password: string, redirectTo = "/") {
  return settle(() => loginAction({ request: formRequest("/login", { email, password, redirectTo }), context, params: {} }));
}

describe("login and logout through the routes", () => {
  it("sets an HttpOnly, SameSite=Lax session cookie and a new session id at every login", async () => {
    const p = await createPerson();
    const first = await logIn(p.email, p.password, "/account");
    expect(first).toRedirectTo("/account");
    const setCookie = first.headers.getSetCookie().find((c) => c.startsWith("ledarlyftet_session="))!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toMatch(/Secure/i); // not in test/development; production adds it
    const second = await logIn(p.email, p.password);
    expect(cookieFrom(second)).not.toBe(cookieFrom(first));
  });

  it("lists each session on Mitt konto with the browser it was started in", async () => {
    const p = await createPerson();
    const request = formRequest("/login", { email: p.email, password: p.password, redirectTo: "/" });
    request.headers.set("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0");
    const cookie = cookieFrom(await settle(() => loginAction({ request, context, params: {} })));
    const account = (await accountLoader({ request: getRequest("/account", cookie), context, params: {} })) as unknown as {
      sessions: { userAgent: string | null }[];
    };
    expect(account.sessions.map((s) => s.userAgent)).toEqual(["Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"]);
  });

  it("never redirects off-site after login", async () => {
    const p = await createPerson();
    const res = await logIn(p.email, p.password, "//evil.example/x");
    expect(res).toRedirectTo("/");
  });

  it("keeps the typed e-mail and answers with one message for any wrong login", async () => {
    const res = await logIn("Ingen@Test.se", "fel");
    expect(res.status).toBe(401);
    const body = await res.json();
    expect(body.errors._form).toEqual(["Fel e-postadress eller lösenord."]);
    expect(body.values.email).toBe("Ingen@Test.se");
    expect(JSON.stringify(body)).not.toContain('"fel"');
  });

  it("puts missing fields' errors beside the fields", async () => {
    const res = await settle(() => loginAction({ request: formRequest("/login", { email: "", password: "" }), context, params: {} }));
    const body = await res.json();
    expect(res.status).toBe(400);
    expect(body.errors.email).toEqual(["Ange din e-postadress."]);
    expect(body.errors.password).toEqual(["Ange ditt lösenord."]);
  });

  it("says in Swedish when to try again after too many failures", async () => {
    const p = await createPerson();
    for (let i = 0; i < 5; i++) await logIn(p.email, "fel");
    const res = await logIn(p.email, p.password);
    expect(res.status).toBe(429);
    const body = await res.json();
    expect(body.errors._form[0]).toMatch(/^För många misslyckade inloggningsförsök\. Försök igen kl\. \d\d:\d\d \(om 1[45] min\)\.$/);
  });

  it("logout ends this session; 'logga ut överallt' ends all of them", async () => {
    const p = await createPerson();
    const a = cookieFrom(await logIn(p.email, p.password));
    const b = cookieFrom(await logIn(p.email, p.password));
    const c = cookieFrom(await logIn(p.email, p.password));
    await settle(() => logoutAction({ request: formRequest("/logout", {}, { cookie: a }), context, params: {} }));
    expect(await db.authSession.count({ where: { personId: p.id } })).toBe(2);
    await settle(() => logoutAction({ request: formRequest("/logout", { intent: "everywhere" }, { cookie: b }), context, params: {} }));
    expect(await db.authSession.count({ where: { personId: p.id } })).toBe(0);
    const home = await settle(() => homeLoader({ request: getRequest("/", c), context, params: {} }));
    expect(home).toRedirectTo("/login");
  });
});

describe("authorization on admin routes", () => {
  it("sends an anonymous visitor to /login and back afterwards", async () => {
    const res = await settle(() => peopleLoader({ request: getRequest("/admin/people?branchId=x"), context, params: {} }));
    expect(res).toRedirectTo("/login?redirectTo=%2Fadmin%2Fpeople%3FbranchId%3Dx");
  });

  it("answers 403 to a Deltagare or Utvecklingsledare, on the layout, the loader and the action", async () => {
    for (const role of ["participant", "facilitator"] as const) {
      const p = await createPerson({ roles: [role] });
      const cookie = cookieFrom(await logIn(p.email, p.password));
      expect((await settle(() => adminLoader({ request: getRequest("/admin", cookie), context, params: {} }))).status).toBe(403);
      expect((await settle(() => peopleLoader({ request: getRequest("/admin/people", cookie), context, params: {} }))).status).toBe(403);
      const forged = formRequest(
        "/admin/people/new",
        { intent: "save", name: "Smygande Person", email: `smyg-${role}@test.se`, branchId: await branchId(), position: "medlem", roles: "admin" },
        { cookie },
      );
      expect((await settle(() => newPersonAction({ request: forged, context, params: {} }))).status).toBe(403);
      expect(await db.person.findUnique({ where: { email: `smyg-${role}@test.se` } })).toBeNull();
    }
  });

  it("lets a Distriktsadmin add a person, and returns field errors with the typed values", async () => {
    const admin = await createPerson({ roles: ["admin"] });
    const cookie = cookieFrom(await logIn(admin.email, admin.password));
    const bad = await settle(() =>
      newPersonAction({
        request: formRequest(
          "/admin/people/new",
          { intent: "save", name: "Ny Person", email: "inte-epost", branchId: "", position: "medlem", roles: ["participant", "facilitator"] },
          { cookie },
        ),
        context,
        params: {},
      }),
    );
    expect(bad.status).toBe(400);
    const body = await bad.json();
    expect(body.errors.email[0]).toMatch(/giltig e-postadress/);
    expect(body.errors.branchId).toEqual(["Välj en arbetarekommun."]);
    expect(body.values).toMatchObject({ name: "Ny Person", email: "inte-epost", roles: ["participant", "facilitator"] });

    const jokkmokk = await branchId("Jokkmokk");
    const good = await settle(() =>
      newPersonAction({
        request: formRequest(
          "/admin/people/new",
          { intent: "save", name: "Ny Person", email: "ny.person@test.se", branchId: jokkmokk, position: "medlem", roles: "participant" },
          { cookie },
        ),
        context,
        params: {},
      }),
    );
    const created = await db.person.findUniqueOrThrow({ where: { email: "ny.person@test.se" } });
    expect(good).toRedirectTo(`/admin/people/${created.id}`);
  });
});

describe("health", () => {
  it("reports the database: SQLite in WAL mode with foreign keys on, or the PostgreSQL server", async () => {
    const res = await healthLoader();
    expect(res.status).toBe(200);
    const body = await res.json();
    if (provider === "postgresql") {
      expect(body).toMatchObject({ status: "ok", database: { ok: true, provider: "postgresql", serverVersion: expect.stringMatching(/^\d+/) } });
    } else {
      expect(body).toMatchObject({ status: "ok", database: { ok: true, provider: "sqlite", journalMode: "wal", foreignKeys: true } });
    }
  });
});
