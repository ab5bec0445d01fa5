import { afterAll, describe, expect, it, vi } from "vitest";

describe("the session cookie in production", () => {
  const saved = { NODE_ENV: process.env.NODE_ENV, SESSION_SECRET: process.env.SESSION_SECRET };
  afterAll(() => {
    // Assigning undefined to process.env stores the string "undefined".
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    vi.resetModules();
  });

  it("is Secure, HttpOnly and SameSite=Lax", async () => {
    vi.resetModules();
    process.env.NODE_ENV = "production";
    process.env.SESSION_SECRET = "a-production-secret-that-is-long-enough-123";
    const { lucia } = await import("./lucia.server");
    const cookie = lucia.createSessionCookie("abc").serialize();
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
  });
});
