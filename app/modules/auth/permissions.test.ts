import { describe, expect, it } from "vitest";
import { may, type Actor } from "./permissions";
import { cohortsLedBy, cohortsRunBy, learnersSupportedBy } from "./scopes";

const base: Actor = { id: "p1", branchId: "b1", isParticipant: false, isFacilitator: false, isAdmin: false, isCourseEditor: false };
const participant = { ...base, isParticipant: true };
const facilitator = { ...base, isFacilitator: true };
const admin = { ...base, isAdmin: true };
const editor = { ...base, isCourseEditor: true };

describe("may", () => {
  it("keeps the admin area to Distriktsadmin", () => {
    expect(may(admin, "admin:access")).toBe(true);
    expect(may(participant, "admin:access")).toBe(false);
    expect(may(facilitator, "people:manage")).toBe(false);
    expect(may(null, "admin:access")).toBe(false);
  });

  it("lets a person read their own profile but not someone else's", () => {
    expect(may(participant, "profile:read", { personId: "p1" })).toBe(true);
    expect(may(participant, "profile:read", { personId: "p2" })).toBe(false);
    expect(may(participant, "profile:read")).toBe(false);
    expect(may(admin, "profile:read", { personId: "p2" })).toBe(true);
  });

  it("lets Utvecklingsledare and admins book handledning, and nobody else", () => {
    expect(may(facilitator, "sessions:schedule")).toBe(true);
    expect(may(admin, "sessions:schedule")).toBe(true);
    expect(may(participant, "sessions:schedule")).toBe(false);
  });

  it("lets Deltagare book a published free time, and not an Utvecklingsledare or admin who is not one", () => {
    expect(may(participant, "sessions:book")).toBe(true);
    expect(may({ ...facilitator, isParticipant: true }, "sessions:book")).toBe(true);
    expect(may(facilitator, "sessions:book")).toBe(false);
    expect(may(admin, "sessions:book")).toBe(false);
  });

  it("lets only a session's organizer, or an admin, change that session", () => {
    expect(may(facilitator, "session:manage", { organizerId: "p1" })).toBe(true);
    expect(may(facilitator, "session:manage", { organizerId: "p2" })).toBe(false);
    expect(may(facilitator, "session:manage")).toBe(false);
    expect(may(admin, "session:manage", { organizerId: "p2" })).toBe(true);
    // Organizing takes the role: someone who lost it cannot change the sessions still in their name.
    expect(may(participant, "session:manage", { organizerId: "p1" })).toBe(false);
  });

  it("lets a cohort's own Utvecklingsledare, or an admin, book handledning for the whole cohort", () => {
    expect(may(facilitator, "cohort:schedule-sessions", { facilitatorIds: ["p1", "p9"] })).toBe(true);
    expect(may(facilitator, "cohort:schedule-sessions", { facilitatorIds: ["p9"] })).toBe(false);
    expect(may(admin, "cohort:schedule-sessions", { facilitatorIds: [] })).toBe(true);
    expect(may(participant, "cohort:schedule-sessions", { facilitatorIds: ["p1"] })).toBe(false);
  });

  it("gives the home page's follow-up to Utvecklingsledare, not to an admin who is not one", () => {
    expect(may(facilitator, "cohorts:lead")).toBe(true);
    expect(may(admin, "cohorts:lead")).toBe(false);
    expect(may({ ...admin, isFacilitator: true }, "cohorts:lead")).toBe(true);
    expect(may(participant, "cohorts:lead")).toBe(false);
  });

  it("lets only admins preview an enrolment-only course and erase a person", () => {
    expect(may(admin, "course:preview-enrolment-only")).toBe(true);
    expect(may(facilitator, "course:preview-enrolment-only")).toBe(false);
    expect(may(participant, "course:preview-enrolment-only")).toBe(false);
    expect(may(admin, "person:erase")).toBe(true);
    expect(may(facilitator, "person:erase")).toBe(false);
  });

  it("gives Verktygen's manuals and the course text to admins and Kursredaktörer, and nobody else", () => {
    for (const permission of ["manuals:manage", "content:edit"] as const) {
      expect(may(admin, permission), permission).toBe(true);
      expect(may(editor, permission), permission).toBe(true);
      expect(may({ ...editor, isParticipant: true }, permission), permission).toBe(true);
      expect(may(facilitator, permission), permission).toBe(false);
      expect(may(participant, permission), permission).toBe(false);
      expect(may(null, permission), permission).toBe(false);
    }
  });

  it("shows a manual to everyone when it names no roles, else only to people holding one of them and to those who keep the shelf", () => {
    expect(may(participant, "manual:open")).toBe(true);
    expect(may(participant, "manual:open", { audience: [] })).toBe(true);
    expect(may(participant, "manual:open", { audience: ["facilitator"] })).toBe(false);
    expect(may(facilitator, "manual:open", { audience: ["facilitator"] })).toBe(true);
    expect(may({ ...participant, isFacilitator: true }, "manual:open", { audience: ["facilitator"] })).toBe(true);
    expect(may(participant, "manual:open", { audience: ["facilitator", "participant"] })).toBe(true);
    expect(may(admin, "manual:open", { audience: ["facilitator"] })).toBe(true);
    expect(may(editor, "manual:open", { audience: ["participant"] })).toBe(true);
    expect(may(null, "manual:open")).toBe(false);
  });

  it("keeps a Kursredaktör out of the admin area and people's data", () => {
    expect(may(editor, "admin:access")).toBe(false);
    expect(may(editor, "people:manage")).toBe(false);
    expect(may(editor, "profile:read", { personId: "p2" })).toBe(false);
    expect(may(editor, "goals:read")).toBe(false);
  });
});

describe("row scopes", () => {
  const none = { id: { in: [] } };

  it("leaves an admin's cohort list unscoped and narrows an Utvecklingsledare to the cohorts they run", () => {
    expect(cohortsRunBy(admin)).toEqual({});
    expect(cohortsRunBy({ ...admin, isFacilitator: true })).toEqual({});
    expect(cohortsRunBy(facilitator)).toEqual({ facilitators: { some: { personId: "p1" } } });
    expect(cohortsRunBy(facilitator)).toEqual(cohortsLedBy("p1"));
  });

  it("gives a participant no cohorts to run, even one still listing them as its Utvecklingsledare", () => {
    expect(cohortsRunBy(participant)).toEqual(none);
  });

  it("leaves an admin's learners unscoped and narrows an Utvecklingsledare to the branches they support", () => {
    expect(learnersSupportedBy(admin)).toEqual({});
    expect(learnersSupportedBy(facilitator)).toEqual({ branch: { supporters: { some: { facilitatorId: "p1" } } } });
    expect(learnersSupportedBy(participant)).toEqual(none);
  });
});
