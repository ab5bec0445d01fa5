import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { PERSON_REFERENCES } from "./person-references";

/** Columns that hold a person's id, address or name without a declared relation. */
const PERSONISH_COLUMN = /^(personId|actorId|subjectId|email|toEmail|publishedBy)$|ById$|Email$/;

interface Field {
  name: string;
  kind: string;
  type: string;
}

/** The data model the generated client was built from (Prisma's runtime DMMF). */
function models(): Record<string, { fields: Field[] }> {
  return (db as unknown as { _runtimeDataModel: { models: Record<string, { fields: Field[] }> } })._runtimeDataModel.models;
}

function personReferences(fields: Field[], model: string): string[] {
  const relations = model === "Person" ? [] : fields.filter((f) => f.kind === "object" && f.type === "Person").map((f) => f.name);
  const foreignKeys = new Set(relations.map((r) => `${r}Id`));
  const columns = fields
    .filter((f) => f.kind === "scalar" && f.type === "String" && PERSONISH_COLUMN.test(f.name) && !foreignKeys.has(f.name))
    .map((f) => f.name);
  return model === "Person" ? [] : [...relations, ...columns];
}

describe("every table that refers to a person is covered by the export and the erasure", () => {
  it("the data model has no reference to a person that person-references.ts does not list", () => {
    const all = models();
    expect(Object.keys(all).length).toBeGreaterThan(20);
    const missing: string[] = [];
    for (const [name, model] of Object.entries(all)) {
      const found = personReferences(model.fields, name);
      if (found.length === 0) continue;
      const listed = PERSON_REFERENCES[name]?.fields ?? [];
      for (const field of found) if (!listed.includes(field)) missing.push(`${name}.${field}`);
    }
    expect(missing, "add these to app/modules/privacy/person-references.ts, export.server.ts and erasure.server.ts").toEqual([]);
  });

  it("the list names only models and fields that exist", () => {
    const all = models();
    for (const [name, ref] of Object.entries(PERSON_REFERENCES)) {
      expect(all[name], name).toBeDefined();
      for (const field of ref.fields)
        expect(
          all[name]!.fields.map((f) => f.name),
          `${name}.${field}`,
        ).toContain(field);
    }
  });

  it("a new model with a relation to Person would be caught", () => {
    const fields: Field[] = [
      { name: "id", kind: "scalar", type: "String" },
      { name: "mentorId", kind: "scalar", type: "String" },
      { name: "mentor", kind: "object", type: "Person" },
      { name: "approvedById", kind: "scalar", type: "String" },
    ];
    expect(personReferences(fields, "Mentorship")).toEqual(["mentor", "approvedById"]);
    expect(PERSON_REFERENCES.Mentorship).toBeUndefined();
  });
});
