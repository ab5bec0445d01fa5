import { z } from "zod";
import { describe, expect, it } from "vitest";
import { parseForm } from "./forms";

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  return data;
};

describe("parseForm", () => {
  it("answers in Swedish where a schema names no message, and keeps the schema's own messages", () => {
    const schema = z.object({
      title: z.string().max(200),
      note: z.string().max(10, "Högst tio tecken i anteckningen."),
      kind: z.enum(["a", "b"]),
      count: z.coerce.number().int().min(1),
      name: z.string(),
    });
    const r = parseForm(schema, form({ title: "x".repeat(1_000_000), note: "x".repeat(11), kind: "c", count: "0" }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual({
      title: ["Högst 200 tecken."],
      note: ["Högst tio tecken i anteckningen."],
      kind: ["Välj ett av alternativen."],
      count: ["Minst 1."],
      name: ["Fyll i fältet."],
    });
  });
  it("refuses a NUL byte in any field with a message beside it, keeping what was typed", () => {
    const r = parseForm(z.object({ title: z.string(), note: z.string() }), form({ title: "Möte\u0000", note: "ok" }));
    expect(r).toMatchObject({ ok: false, errors: { title: ["Fältet innehåller ett otillåtet tecken."] }, values: { title: "Möte\u0000", note: "ok" } });
  });

  it("keeps messages a schema sets through required_error or an enum's errorMap", () => {
    const schema = z.object({
      confirm: z.string({ required_error: "Skriv e-postadressen för att bekräfta." }),
      kind: z.enum(["group", "one-to-one"], { errorMap: () => ({ message: "Välj grupp eller enskild." }) }),
    });
    const r = parseForm(schema, form({ kind: "annat" }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual({ confirm: ["Skriv e-postadressen för att bekräfta."], kind: ["Välj grupp eller enskild."] });
    expect(r.values).toEqual({ kind: "annat" });
  });
});
