import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { syncContent } from "~/modules/catalog/sync.server";
import { ensureTemplate } from "~/modules/crisis/template.server";
import { seedDistrict } from "./demo-district.server";

// The demo as `npm start` loads it: the real content first (its programs give the demo its cohorts), then the district.
describe("the demo's calendar answers", () => {
  beforeAll(async () => {
    await syncContent(path.resolve("content"));
    await ensureTemplate(path.resolve("content/krisplan/mall.md"));
    await seedDistrict({ demo: true });
  }, 40_000);

  it("shows them as they arrive: one applied, one proposed time for the facilitator, one set aside for the admin", async () => {
    const replies = await db.calendarReply.findMany({ include: { session: { select: { title: true } } } });
    expect(replies.map((r) => r.outcome).sort()).toEqual(["applied", "counter", "set-aside"]);
    expect(new Set(replies.map((r) => r.session?.title))).toEqual(new Set(["Grupphandledning Malmfälten"]));
    const applied = replies.find((r) => r.outcome === "applied")!;
    expect(await db.attendance.findFirstOrThrow({ where: { sessionId: applied.sessionId!, personId: applied.personId! } })).toMatchObject({
      status: "accepted",
      respondedVia: "calendar",
    });
    expect(replies.find((r) => r.outcome === "counter")!.comment).toBe("Jag jobbar till 18. Går det att börja halv sju?");
    expect(replies.find((r) => r.outcome === "set-aside")!.reason).toBe("vidarebefordrad@example.se är inte inbjuden till tillfället.");
  });
});
