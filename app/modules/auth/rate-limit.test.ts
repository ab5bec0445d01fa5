import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { action as forgotAction } from "~/routes/forgot-password";
import { loader as feedLoader } from "~/routes/kalender.$file";
import { formRequest, settle } from "../../../tests/integration/helpers";
import { hitRateLimits, resetLimits } from "./rate-limit.server";

describe("rate limits", () => {
  it("allow max requests in the window, then refuse until the oldest has aged out", async () => {
    const limit = { key: `test:${Math.random()}`, max: 3, windowMs: 60_000 };
    const t0 = new Date("2026-11-24T10:00:00Z");
    for (let i = 0; i < 3; i++) expect(await hitRateLimits([limit], new Date(t0.getTime() + i * 1000))).toBeNull();
    expect(await hitRateLimits([limit], new Date(t0.getTime() + 5000))).toEqual(new Date(t0.getTime() + 60_000));
    // Refused requests are not counted.
    expect(await db.rateLimitHit.count({ where: { key: limit.key } })).toBe(3);
    expect(await hitRateLimits([limit], new Date(t0.getTime() + 61_000))).toBeNull();
  });

  it("with two limits, the one that is full decides, and the later of two full ones says when to come back", async () => {
    const t0 = new Date("2026-06-01T10:00:00Z");
    const tight = { key: `tight-${Date.now()}`, max: 2, windowMs: 60_000 };
    const loose = { key: `loose-${Date.now()}`, max: 5, windowMs: 3_600_000 };
    expect(await hitRateLimits([loose, tight], t0)).toBeNull();
    expect(await hitRateLimits([loose, tight], new Date(t0.getTime() + 1000))).toBeNull();
    expect(await hitRateLimits([loose, tight], new Date(t0.getTime() + 2000))).toEqual(new Date(t0.getTime() + 60_000));
    // Past the tight window the loose one still has room, and counts on.
    for (let i = 0; i < 3; i++) expect(await hitRateLimits([loose, tight], new Date(t0.getTime() + 70_000 + i * 40_000))).toBeNull();
    // Both full now: the loose limit's hour is the later end.
    expect(await hitRateLimits([tight, loose], new Date(t0.getTime() + 160_000))).toEqual(new Date(t0.getTime() + 3_600_000));
  });

  it("password resets: the fourth request for one address within an hour is refused, whether or not the account exists", async () => {
    const context = { clientAddress: "198.51.100.77" };
    const post = (email: string) => settle(() => forgotAction({ request: formRequest("/forgot-password", { email }), context, params: {} }));
    for (let i = 0; i < 3; i++) expect((await post("finns.inte@example.se")).status).toBe(200);
    const refused = await post("finns.inte@example.se");
    expect(refused.status).toBe(429);
    expect((await refused.json()).errors._form[0]).toMatch(/^För många förfrågningar\. Försök igen kl\. \d\d:\d\d/);
    expect(resetLimits("A@B.se", "x")[0]!.key).toBe("reset:email:a@b.se");
  });

  it("calendar feeds answer 429 with Retry-After when polled far too often", async () => {
    const context = { clientAddress: "198.51.100.78" };
    const token = "t".repeat(32);
    let last: Response | undefined;
    for (let i = 0; i < 121; i++) {
      last = await settle(() => feedLoader({ request: new Request(`http://localhost/kalender/${token}.ics`), context, params: { file: `${token}.ics` } }));
    }
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get("Retry-After"))).toBeGreaterThan(0);
    // The secret token is never stored.
    expect(await db.rateLimitHit.count({ where: { key: { contains: token } } })).toBe(0);
  });
});
