/**
 * `redirectTo` on /login only ever leads to a path on this site: every
 * spelling of another origin (or a header-breaking line break) lands on "/",
 * through Remix's own handler, for the loader (already signed in) and for the
 * action (a successful login).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPerson, signedIn } from "./helpers";
import { startRemixApp, type RemixApp } from "./remix-app";

const PAYLOADS = [
  "/%09/evil.example",
  "/\tevil",
  "/\nx",
  "\\\\evil.example",
  "/\\evil.example",
  "//evil.example",
  "/%2F/evil.example",
  "/%2f%2fevil.example",
  "%2F%2Fevil.example",
  "https://evil.example",
  "javascript:alert(1)",
  "/courses\r\nSet-Cookie: ledarlyftet_session=planted",
  "/%0d%0aLocation:%20https://evil.example",
];

let app: RemixApp;
let signedInCookie: string;

beforeAll(async () => {
  app = await startRemixApp();
  signedInCookie = (await signedIn()).cookie;
});
afterAll(() => app?.close());

describe("attack: redirectTo after login stays on this site", () => {
  it.each(PAYLOADS)("already signed in, /login?redirectTo=%j goes to /", async (to) => {
    const res = await app.request(`/login?redirectTo=${encodeURIComponent(to)}`, { cookie: signedInCookie });
    expect(res).toRedirectTo("/");
  });

  it.each(PAYLOADS)("logging in with redirectTo=%j goes to /", async (to) => {
    const person = await createPerson();
    const res = await app.request("/login", { form: { email: person.email, password: person.password, redirectTo: to } });
    expect(res).toRedirectTo("/");
    expect(res.headers.getSetCookie().some((c) => c.startsWith("ledarlyftet_session="))).toBe(true);
  });

  it("a path on this site keeps its query and fragment, both ways", async () => {
    const loader = await app.request(`/login?redirectTo=${encodeURIComponent("/courses?x=1#y")}`, { cookie: signedInCookie });
    expect(loader).toRedirectTo("/courses?x=1#y");
    const person = await createPerson();
    const action = await app.request("/login", { form: { email: person.email, password: person.password, redirectTo: "/courses?x=1#y" } });
    expect(action).toRedirectTo("/courses?x=1#y");
  });
});
