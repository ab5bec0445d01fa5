import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { catalog } from "../../../tests/integration/privacy-fixture";
import { createPerson } from "../../../tests/integration/helpers";
import { describeDetail, describeSubject, namesFor } from "./audit-words.server";

describe("the audit log in words", () => {
  it("names what an entry concerns and the people and cohorts in its details, instead of ids and JSON", async () => {
    const leader = await createPerson({ roles: ["facilitator"] });
    const learner = await createPerson();
    const { program } = await catalog();
    const day = new Date("2027-02-01T12:00:00Z");
    const cohort = await db.cohort.create({
      data: {
        programId: program.id,
        name: "Vårgruppen 2027",
        startsOn: day,
        endsOn: day,
        enrolmentOpensAt: day,
        enrolmentClosesAt: day,
        capacity: 10,
        mode: "open",
      },
    });
    const session = await db.handledningSession.create({
      data: {
        uid: `u-${cohort.id}`,
        facilitatorId: leader.id,
        kind: "group",
        title: "Gruppträff 3",
        startsAt: day,
        endsAt: new Date(day.getTime() + 3_600_000),
      },
    });
    const entries = [
      { actorId: leader.id, subjectType: "session", subjectId: session.id, detail: JSON.stringify({ marks: { [learner.id]: "attended" } }) },
      {
        actorId: leader.id,
        subjectType: "cohort",
        subjectId: cohort.id,
        detail: JSON.stringify({ after: { name: "Vårgruppen 2027", capacity: 10, facilitatorIds: [leader.id] } }),
      },
      { actorId: null, subjectType: "session", subjectId: "borttagen-id", detail: "{}" },
    ];
    const names = await namesFor(entries);

    expect(describeSubject(entries[0]!, names)).toMatch(/^Handledning: Gruppträff 3, /);
    expect(describeDetail(entries[0]!.detail, names)).toEqual([`Närvaro: ${learner.name} Närvarade`]);
    expect(describeSubject(entries[1]!, names)).toBe("Omgång: Vårgruppen 2027");
    expect(describeDetail(entries[1]!.detail, names)).toEqual([`Efter: Namn Vårgruppen 2027, Platser 10, Utvecklingsledare ${leader.name}`]);
    // Something since deleted keeps its kind and id; an entry without details has no lines.
    expect(describeSubject(entries[2]!, names)).toBe("Handledning: borttagen-id");
    expect(describeDetail(entries[2]!.detail, names)).toEqual([]);
    expect(names.get(leader.id)).toBe(leader.name);
  });
});
