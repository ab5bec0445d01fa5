import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { decodeCsvBytes } from "~/utils/csv";
import { utf16 } from "../../../tests/support/bytes";
import { createPerson } from "../../../tests/integration/helpers";
import { commitImport, previewImport } from "./import.server";

const HEADER = "namn;e-post;arbetarekommun;befattning;roller";

describe("CSV import of people", () => {
  it("previews each row's outcome without writing anything", async () => {
    const taken = await createPerson({ email: "finns@test.se" });
    const csv = [
      HEADER,
      "Anna Berg;anna.berg@test.se;Kiruna;Kommunalråd;Deltagare",
      "Bo Ek;inte-en-adress;Luleå;ledamot;",
      "Cia Ström;cia@test.se;Stockholm;ledamot;Deltagare",
      "Dan Ås;anna.berg@test.se;Piteå;medlem;Deltagare",
      `Eva Lo;${taken.email};Boden;medlem;Deltagare`,
      "Fia Sand;fia@test.se;Boden;påve;Deltagare",
      "Gun Mo;gun@test.se;Boden;medlem;Kung",
    ].join("\n");
    const before = await db.person.count();
    const preview = await previewImport(csv);
    if (!preview.ok) throw new Error(preview.fileError);
    expect(preview.valid).toBe(1);
    expect(preview.rows.map((r) => [r.line, r.errors])).toEqual([
      [2, []],
      [3, ['ogiltig e-postadress "inte-en-adress"']],
      [4, ['okänd arbetarekommun "Stockholm"']],
      [5, ["samma e-postadress som rad 2"]],
      [6, ["e-postadressen finns redan i registret"]],
      [7, ['okänd befattning "påve"']],
      [8, ['okänd roll "Kung"']],
    ]);
    expect(await db.person.count()).toBe(before);
  });

  it("writes nothing at all when one row is bad", async () => {
    const csv = `${HEADER}\nHanna Lid;hanna@test.se;Kalix;ledamot;Deltagare\nIvar Ny;ivar@test.se;Atlantis;ledamot;Deltagare\n`;
    const before = { people: await db.person.count(), mail: await db.outboxMessage.count() };
    const result = await commitImport("admin", csv);
    expect(result.ok).toBe(false);
    expect(await db.person.count()).toBe(before.people);
    expect(await db.outboxMessage.count()).toBe(before.mail);
    expect(await db.person.findUnique({ where: { email: "hanna@test.se" } })).toBeNull();
  });

  it("imports a good comma-separated file with a BOM, invites everyone and keeps roles", async () => {
    const csv =
      "\uFEFFNamn,E-post,Arbetarekommun,Befattning,Roller\r\n" +
      'Jonna Rask,JONNA@test.se,Övertorneå,gruppledare,"Deltagare|Utvecklingsledare"\r\n' +
      "Kent Vik,kent@test.se,alvsbyn,Medlem,\r\n";
    const result = await commitImport("admin", csv);
    expect(result).toEqual({ ok: true, value: { created: 2 } });
    const jonna = await db.person.findUniqueOrThrow({ where: { email: "jonna@test.se" }, include: { branch: true } });
    expect(jonna.branch.name).toBe("Övertorneå");
    expect([jonna.isParticipant, jonna.isFacilitator, jonna.isAdmin]).toEqual([true, true, false]);
    const kent = await db.person.findUniqueOrThrow({ where: { email: "kent@test.se" }, include: { branch: true } });
    expect(kent.branch.name).toBe("Älvsbyn");
    expect(kent.isParticipant).toBe(true);
    expect(await db.outboxMessage.count({ where: { toEmail: { in: ["jonna@test.se", "kent@test.se"] }, kind: "invite" } })).toBe(2);
  });

  it("knows the Kursredaktör by the role's name, alone or with another role", async () => {
    const csv = `${HEADER}\nLena Holm;lena.holm@test.se;Luleå;medlem;Kursredaktör\nPer Ek;per.ek@test.se;Piteå;ledamot;kursredaktör|Deltagare\n`;
    expect(await commitImport("admin", csv)).toEqual({ ok: true, value: { created: 2 } });
    const flags = async (email: string) => {
      const p = await db.person.findUniqueOrThrow({ where: { email } });
      return [p.isParticipant, p.isFacilitator, p.isAdmin, p.isCourseEditor];
    };
    expect(await flags("lena.holm@test.se")).toEqual([false, false, false, true]);
    expect(await flags("per.ek@test.se")).toEqual([true, false, false, true]);
  });

  it("imports Excel's Unicode-text: UTF-16LE with a BOM, a tab between cells, CRLF, a quoted cell", async () => {
    const sheet =
      "Namn\tE-post\tArbetarekommun\tBefattning\tRoller\r\n" +
      "Åsa Öberg\tasa.oberg@test.se\tÖverkalix\tKommunalråd\tDeltagare\r\n" +
      'Örjan Lax\torjan@test.se\tLuleå\tledamot\t"Deltagare|Utvecklingsledare"\r\n';
    const text = decodeCsvBytes(utf16(sheet, "le", true));
    const preview = await previewImport(text);
    expect(preview).toMatchObject({ ok: true, valid: 2, invalid: 0 });
    expect(await commitImport("admin", text)).toEqual({ ok: true, value: { created: 2 } });
    const asa = await db.person.findUniqueOrThrow({ where: { email: "asa.oberg@test.se" }, include: { branch: true } });
    expect([asa.name, asa.branch.name, asa.position]).toEqual(["Åsa Öberg", "Överkalix", "kommunalrad"]);
    expect((await db.person.findUniqueOrThrow({ where: { email: "orjan@test.se" } })).isFacilitator).toBe(true);
  });

  it("a header it cannot split says which separators and encodings it reads, not that the columns are missing", async () => {
    const preview = await previewImport("namn|e-post|arbetarekommun|befattning|roller\nA|a@test.se|Luleå|ledamot|\n");
    expect(preview).toMatchObject({ ok: false });
    if (preview.ok) return;
    expect(preview.fileError).not.toContain("saknar");
    expect(preview.fileError).toContain("semikolon, komma eller tabb");
    expect(preview.fileError).toContain("UTF-16");
  });

  it("names the missing columns when the header is wrong", async () => {
    const preview = await previewImport("namn;mejl\nA;b");
    expect(preview).toMatchObject({ ok: false });
    if (preview.ok) return;
    expect(preview.fileError).toContain("e-post");
    expect(preview.fileError).toContain("arbetarekommun");
  });
});
