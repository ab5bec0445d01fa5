import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { loader as outboxLoader } from "~/routes/admin.outbox";
import { startSession } from "~/modules/auth/session.server";
import { createPerson, getRequest, settle } from "../../../tests/integration/helpers";
import { OUTBOX_KINDS, outboxKindLabel } from "./kinds";

describe("outbox kinds", () => {
  it("gives every kind a Swedish name, and an unknown one a generic name rather than its key", () => {
    for (const [kind, label] of Object.entries(OUTBOX_KINDS)) {
      expect(label.trim(), kind).not.toBe("");
      expect(label, kind).not.toBe(kind);
      expect(label, kind).toMatch(/^[A-ZÅÄÖ]/);
    }
    expect(outboxKindLabel("enrolment-waitlisted")).toBe("På väntelista");
    expect(outboxKindLabel("some-retired-kind")).toBe("E-post");
  });

  it("the Utkorg never shows an internal kind to an admin", async () => {
    const admin = await createPerson({ roles: ["admin"] });
    const cookie = (await startSession(admin.id, new Request("http://localhost/login"))).split(";")[0]!;
    const kinds = [...Object.keys(OUTBOX_KINDS), "some-retired-kind"];
    await db.outboxMessage.createMany({ data: kinds.map((kind) => ({ toEmail: "x@test.se", subject: `Om ${kind}`, text: "…", kind })) });
    const res = await settle(() => outboxLoader({ request: getRequest("/admin/outbox", cookie), context: {}, params: {} }));
    const { messages } = (await res.json()) as { messages: { kind: string }[] };
    expect(messages.length).toBeGreaterThanOrEqual(kinds.length);
    const shown = messages.map((m) => m.kind);
    expect(shown.filter((k) => kinds.includes(k) || /^[a-z]+(-[a-z]+)+$/.test(k))).toEqual([]);
  });
});
