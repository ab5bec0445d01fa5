import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { attemptLogin } from "~/modules/auth/login.server";
import { lucia } from "~/modules/auth/lucia.server";
import { branchId, createPerson } from "../../../tests/integration/helpers";
import { invitePerson, listPeople, setPersonActive, updatePerson } from "./people.server";
import { newSessionToken } from "~/modules/auth/lucia-adapter.server";

describe("people", () => {
  it("adding a person invites them and records who did it", async () => {
    const admin = await createPerson({ roles: ["admin"] });
    const result = await invitePerson(admin.id, {
      name: "Lena Holm",
      email: "lena.holm@test.se",
      branchId: await branchId("Pajala"),
      position: "regionrad",
      roles: ["participant", "facilitator"],
    });
    if (!result.ok) throw new Error(result.message);
    const person = await db.person.findUniqueOrThrow({ where: { id: result.value.personId } });
    expect([person.isParticipant, person.isFacilitator, person.isAdmin]).toEqual([true, true, false]);
    expect(await db.outboxMessage.count({ where: { toEmail: "lena.holm@test.se", kind: "invite" } })).toBe(1);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { subjectId: person.id, action: "person.invited" } });
    expect(audit.actorId).toBe(admin.id);
  });

  it("refuses a second person with the same e-mail, as a field error", async () => {
    const existing = await createPerson();
    const result = await invitePerson("admin", {
      name: "Dubbel Dubbelsson",
      email: existing.email,
      branchId: await branchId(),
      position: "medlem",
      roles: ["participant"],
    });
    expect(result).toMatchObject({ ok: false, errors: { email: [expect.stringContaining("finns redan")] } });
  });

  it("editing keeps the before and after in the audit log", async () => {
    const p = await createPerson({ position: "ledamot" });
    await updatePerson("admin", p.id, {
      name: p.name,
      email: p.email,
      branchId: p.branchId,
      position: "kommunalrad",
      roles: ["participant"],
    });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { subjectId: p.id, action: "person.updated" } });
    const detail = JSON.parse(audit.detail);
    expect(detail.before.position).toBe("ledamot");
    expect(detail.after.position).toBe("kommunalrad");
  });

  it("deactivating ends the person's sessions and stops logins, without deleting anything", async () => {
    const p = await createPerson();
    await lucia.createSession(p.id, {}, { sessionId: newSessionToken() });
    await setPersonActive("admin", p.id, false);
    expect(await db.authSession.count({ where: { personId: p.id } })).toBe(0);
    expect((await attemptLogin({ email: p.email, password: p.password, address: "2.2.2.2" })).ok).toBe(false);
    expect(await db.person.findUnique({ where: { id: p.id } })).not.toBeNull();
    await setPersonActive("admin", p.id, true);
    expect((await attemptLogin({ email: p.email, password: p.password, address: "2.2.2.2" })).ok).toBe(true);
  });

  it("an admin cannot deactivate themselves, and nothing changes when they try", async () => {
    const admin = await createPerson({ roles: ["admin"] });
    expect(await setPersonActive(admin.id, admin.id, false)).toMatchObject({ ok: false, errors: { _form: ["Du kan inte inaktivera dig själv."] } });
    expect((await db.person.findUniqueOrThrow({ where: { id: admin.id } })).active).toBe(true);
  });

  it("filters by branch, role, position and status, e.g. leading representatives in Haparanda", async () => {
    const leader = await createPerson({ branch: "Haparanda", position: "kommunalrad" });
    await createPerson({ branch: "Haparanda", position: "medlem" });
    await createPerson({ branch: "Boden", position: "kommunalrad" });
    const gone = await createPerson({ branch: "Haparanda", position: "gruppledare", active: false });
    const haparanda = await branchId("Haparanda");

    const leading = await listPeople({ branchId: haparanda, leadingOnly: true });
    expect(leading.people.map((p) => p.id)).toEqual([leader.id]);
    const inactive = await listPeople({ branchId: haparanda, status: "inactive" });
    expect(inactive.people.map((p) => p.id)).toEqual([gone.id]);
    const councillors = await listPeople({ position: "kommunalrad", role: "participant" });
    expect(councillors.people.every((p) => p.position === "kommunalrad")).toBe(true);
    expect(councillors.total).toBeGreaterThanOrEqual(2);
    const search = await listPeople({ q: leader.email.slice(0, 10).toUpperCase() });
    expect(search.people.map((p) => p.id)).toContain(leader.id);
    // Names match whatever the case, on SQLite (LIKE) and on PostgreSQL (ILIKE).
    const byName = await listPeople({ q: leader.name.toLowerCase() });
    expect(byName.people.map((p) => p.id)).toContain(leader.id);
  });

  it("the role filter finds Kursredaktörer, whose role shows by name", async () => {
    const editor = await createPerson({ roles: ["editor"], branch: "Luleå" });
    await createPerson({ roles: ["admin"], branch: "Luleå" });
    const editors = await listPeople({ role: "editor", branchId: await branchId("Luleå") });
    expect(editors.people.map((p) => [p.id, p.roles])).toEqual([[editor.id, ["editor"]]]);
  });
});
