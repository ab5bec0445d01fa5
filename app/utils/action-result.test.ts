import { createCookieSessionStorage } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { config } from "~/config.server";
import { fieldError, formError, ok, throttled } from "./action-result";
import { formFailure } from "./action-result.server";
import { readFlash, redirectWithMessage } from "./flash.server";
import { readFormFailure } from "./form-failure";

const form = (entries: [string, string][]) => {
  const data = new FormData();
  for (const [k, v] of entries) data.append(k, v);
  return data;
};

describe("the action-result shape", () => {
  it("a field error and a form error name where the message belongs, and keep the sentence for callers without a form", () => {
    expect(ok({ id: "x" })).toEqual({ ok: true, value: { id: "x" } });
    expect(fieldError("email", "Finns redan.")).toEqual({ ok: false, errors: { email: ["Finns redan."] }, message: "Finns redan." });
    expect(formError("Inget är ändrat.")).toEqual({ ok: false, errors: { _form: ["Inget är ändrat."] }, message: "Inget är ändrat." });
    const until = new Date("2026-05-01T10:15:00Z");
    expect(throttled("Försök igen kl. 12:15.", until)).toMatchObject({ ok: false, errors: { _form: ["Försök igen kl. 12:15."] }, retryAt: until });
  });

  it("a refused form answers 400 with the messages and what was typed, never a password", async () => {
    const answer = formFailure(
      fieldError("email", "Ogiltig."),
      form([
        ["email", "anna@"],
        ["password", "hemligt"],
        ["passwordConfirm", "hemligt"],
        ["roles", "a"],
        ["roles", "b"],
      ]),
    );
    expect(answer.init?.status).toBe(400);
    expect(answer.data).toEqual({ errors: { email: ["Ogiltig."] }, values: { email: "anna@", roles: ["a", "b"] } });
    expect(formFailure(formError("Upptaget."), { text: "min text" }, 409)).toMatchObject({ data: { values: { text: "min text" } }, init: { status: 409 } });
    expect(formFailure(formError("Nej.")).data.values).toEqual({});
  });

  it("a component reads errors and values from any action answer without a cast, and nothing when no form failed", () => {
    expect(readFormFailure(undefined)).toEqual({ failed: false, errors: {}, values: {} });
    expect(readFormFailure({ intent: "quiz", allCorrect: true })).toEqual({ failed: false, errors: {}, values: {} });
    expect(readFormFailure({ errors: { name: ["Fyll i."], junk: [1], worse: "text" }, values: { name: "A", roles: ["x"], count: 3 } })).toEqual({
      failed: true,
      errors: { name: ["Fyll i."] },
      values: { name: "A", roles: ["x"] },
    });
  });
});

describe("redirect with a message", () => {
  const cookieOf = (res: Response) =>
    res.headers
      .getSetCookie()
      .find((c) => c.startsWith("ledarlyftet_flash="))!
      .split(";")[0]!;

  it("redirects, and the flash carries the message and its kind (success unless told)", async () => {
    const done = await redirectWithMessage(new Request("http://localhost/x"), "/admin/people", "Sparat.");
    expect(done).toRedirectTo("/admin/people");
    expect(done).toFlash("Sparat.", "success");
    await expect(redirectWithMessage(new Request("http://localhost/x"), "/c", "Du är redan anmäld.", "info")).resolves.toFlash("Du är redan anmäld.", "info");
    const refused = await redirectWithMessage(new Request("http://localhost/x"), "/c", "Det gick inte.", "error");
    expect(await readFlash(new Request("http://localhost/c", { headers: { Cookie: cookieOf(refused) } }))).toMatchObject({
      flash: { message: "Det gick inte.", kind: "error" },
    });
  });

  it("keeps another Set-Cookie the action gives it, such as a new session", async () => {
    const res = await redirectWithMessage(new Request("http://localhost/x"), "/", "Välkommen!", "success", { "Set-Cookie": "ledarlyftet_session=abc; Path=/" });
    expect(res.headers.getSetCookie().map((c) => c.split("=")[0])).toEqual(["ledarlyftet_session", "ledarlyftet_flash"]);
  });

  it("a flash cookie from before kinds existed still shows, as success", async () => {
    const storage = createCookieSessionStorage({ cookie: { name: "ledarlyftet_flash", secrets: [config.SESSION_SECRET] } });
    const session = await storage.getSession();
    session.flash("message", "Gammalt besked.");
    const cookie = (await storage.commitSession(session)).split(";")[0]!;
    expect(await readFlash(new Request("http://localhost/", { headers: { Cookie: cookie } }))).toMatchObject({
      flash: { message: "Gammalt besked.", kind: "success" },
    });
    expect(await readFlash(new Request("http://localhost/"))).toEqual({ flash: null, setCookie: null });
  });
});
