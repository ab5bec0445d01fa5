import { describe, expect, it } from "vitest";
import { personWithEverything } from "../../../tests/integration/privacy-fixture";
import { exportPersonalData, type PersonalDataExport } from "./export.server";
import { PERSON_REFERENCES } from "./person-references";

describe("personal data export", () => {
  it("holds something from every table that refers to the person", async () => {
    const f = await personWithEverything();
    const data = await exportPersonalData(f.person.id);
    const sections = new Set(
      Object.values(PERSON_REFERENCES).flatMap((r) =>
        r.export
          .split(/[ ,]+/)
          .map((w) => w.split(".")[0]!)
          .filter((w) => w in data),
      ),
    );
    // Every section the coverage list promises exists and, with this fixture, is filled.
    for (const key of sections) {
      const value = data[key as keyof PersonalDataExport];
      expect(value, key).not.toBeNull();
      if (Array.isArray(value)) expect(value.length, key).toBeGreaterThan(0);
    }
    expect(data.person).toMatchObject({ name: f.person.name, email: f.person.email, branch: "Gällivare", position: "Kommunalråd", hasPassword: true });
    expect(data.reflections[0]).toMatchObject({ text: `Min reflektion ${f.marker}`, visibility: "Delad med dina utvecklingsledare" });
    expect(data.submissions[0]).toMatchObject({ text: `Mitt utspel ${f.marker}`, feedback: `Feedback ${f.marker}`, reviewer: f.facilitator.name });
    // The questions and chosen options in words, not option numbers.
    expect(data.quizAttempts[0]).toMatchObject({
      answers: [
        { question: "Vilket är rätt?", chosen: ["Rätt svar"] },
        { question: "Välj alla som stämmer.", chosen: ["A", "B"] },
      ],
      correct: true,
    });
    expect(data.sessionsAttended.map((s) => s.answer).sort()).toEqual(["Kommer", "Närvarade"]);
    expect(data.sessionsLed.find((s) => s.title === "Genomförd handledning som personen ledde")).toMatchObject({ participants: 1, attended: 1 });
    expect(data.crisisContacts).toEqual([{ branch: "Gällivare", name: f.person.name, role: "Krisansvarig", phone: "070-123 45 67" }]);
    expect(data.loginSessions).toEqual([expect.objectContaining({ device: "Testwebbläsare/1.0" })]);
    expect(data.auditEvents.some((e) => e.action === "person.updated" && e.by === f.facilitator.name)).toBe(true);
  });

  it("never carries secrets or other people's personal data", async () => {
    const f = await personWithEverything();
    const json = JSON.stringify(await exportPersonalData(f.person.id));
    expect(json).not.toContain(f.authSession.id);
    expect(json).not.toContain("token-hash-");
    expect(json).not.toContain("hash-");
    expect(json).not.toContain("abcDEF123");
    expect(json).toContain("/password/[dold länk]");
    // The other learner whose work the person reviewed, and who is in the same sessions, is not named.
    expect(json).not.toContain(f.other.name);
    expect(json).not.toContain(f.other.email);
    expect(json).not.toContain("Annans text");
    expect(json).not.toContain("Någon Annan");
  });

  it("someone else's export holds nothing of this person", async () => {
    const f = await personWithEverything();
    const json = JSON.stringify(await exportPersonalData(f.other.id));
    // Nothing the person wrote, and none of their account data.
    expect(json).not.toContain(f.marker);
    expect(json).not.toContain("Testwebbläsare");
    expect(json).not.toContain("070-123 45 67");
  });
});
