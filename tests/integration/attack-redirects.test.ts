/**
 * `redirectTo` on /login only ever leads to a path on this site: every
 * spelling of another origin (or a header-breaking line break) lands on "/",
 * through Remix's own handler, for the loader (already signed in) and for the
 * action (a successful login).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HOSTILE_REDIRECTS } from "../support/hostile-redirects";
import { createPerson, signedIn } from "./helpers";
import { startRemixApp, type RemixApp } from "./remix-app";

let app: RemixApp;
let signedInCookie: string;

beforeAll(async () => {
  app = await startRemixApp();
  signedInCookie = (await signedIn()).cookie;
});
afterAll(() => app?.close());

describe("attack: redirectTo after login stays on this site", () => {
  it.each(HOSTILE_REDIRECTS)("already signed in, /login?redirectTo=%j goes to /", async (to) => {
    const res = await app.request(`/login?redirectTo=${encodeURIComponent(to)}`, { cookie: signedInCookie });
    expect(res).toRedirectTo("/");
  });

  // A NUL byte in a form field is refused beside the field (400) before any login: not a redirect case.
  it.each(HOSTILE_REDIRECTS.filter((to) => !to.includes("\u0000")))("logging in with redirectTo=%j goes to /", async (to) => {
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
