import type { z } from "zod";
import type { ActionResult, FieldErrors, FormValues } from "./action-result";
import { swedishErrorMap } from "./zod-swedish";

export type { FieldErrors, FormValues } from "./action-result";

/**
 * The submitted text values, so a form can be shown again exactly as typed.
 * One pass over the entries: getAll per key scans every entry again, which
 * made 50,000 fields cost minutes.
 */
export function formValues(formData: FormData): FormValues {
  const all = new Map<string, string[]>();
  for (const [key, value] of formData.entries()) {
    if (key === "password" || key.startsWith("password")) continue;
    let list = all.get(key);
    if (!list) all.set(key, (list = []));
    if (typeof value === "string") list.push(value);
  }
  // fromEntries defines own properties, so a field named __proto__ is just a field.
  return Object.fromEntries([...all].map(([key, list]) => [key, list.length > 1 ? list : (list[0] ?? "")]));
}

/**
 * One zod schema per form. Multi-valued fields (checkbox groups) arrive as
 * arrays when the schema says so; everything else as a single string. A
 * failure carries the messages only: formFailure adds what was typed.
 */
export function parseForm<S extends z.ZodTypeAny>(schema: S, formData: FormData, arrayFields: string[] = []): ActionResult<z.infer<S>> {
  // One pass over the entries (see formValues): the first text value of a field, or all of them for an array field.
  const arrays = new Set(arrayFields);
  const fields = new Map<string, string | string[] | undefined>();
  for (const key of arrays) fields.set(key, []);
  for (const [key, value] of formData.entries()) {
    const text = typeof value === "string" ? value : undefined;
    if (arrays.has(key)) {
      if (text !== undefined) (fields.get(key) as string[]).push(text);
    } else if (fields.get(key) === undefined) {
      fields.set(key, text);
    }
  }
  const raw: Record<string, unknown> = Object.fromEntries(fields);
  // A NUL byte is never text anyone typed, and PostgreSQL refuses to store one: a field error, not a 500.
  const withNul = Object.entries(raw).filter(([, v]) => (Array.isArray(v) ? v : [v]).some((s) => typeof s === "string" && s.includes("\u0000")));
  if (withNul.length > 0) {
    return { ok: false, errors: Object.fromEntries(withNul.map(([k]) => [k, ["Fältet innehåller ett otillåtet tecken."]])) };
  }
  const result = schema.safeParse(raw, { errorMap: swedishErrorMap });
  if (result.success) return { ok: true, value: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = issue.path.length > 0 ? String(issue.path[0]) : "_form";
    (errors[key] ??= []).push(issue.message);
  }
  return { ok: false, errors };
}

export function valueOf(values: FormValues | undefined, key: string): string {
  const v = values?.[key];
  return Array.isArray(v) ? (v[0] ?? "") : (v ?? "");
}

export function valuesOf(values: FormValues | undefined, key: string): string[] {
  const v = values?.[key];
  return Array.isArray(v) ? v : v ? [v] : [];
}
