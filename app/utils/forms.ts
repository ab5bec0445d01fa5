import type { z } from "zod";
import { swedishErrorMap } from "./zod-swedish";

export type FieldErrors = Record<string, string[] | undefined>;

export type FormResult<T> =
  | { ok: true; data: T }
  | { ok: false; errors: FieldErrors; values: Record<string, string | string[]> };

/** The submitted text values, so a form can be shown again exactly as typed. */
export function formValues(formData: FormData): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const key of new Set(formData.keys())) {
    const all = formData.getAll(key).filter((v): v is string => typeof v === "string");
    if (key === "password" || key.startsWith("password")) continue;
    values[key] = all.length > 1 ? all : (all[0] ?? "");
  }
  return values;
}

/**
 * One zod schema per form. Multi-valued fields (checkbox groups) arrive as
 * arrays when the schema says so; everything else as a single string.
 */
export function parseForm<S extends z.ZodTypeAny>(schema: S, formData: FormData, arrayFields: string[] = []): FormResult<z.infer<S>> {
  const raw: Record<string, unknown> = {};
  for (const key of new Set(formData.keys())) {
    const all = formData.getAll(key).filter((v) => typeof v === "string");
    raw[key] = arrayFields.includes(key) ? all : all[0];
  }
  for (const key of arrayFields) raw[key] ??= [];
  // A NUL byte is never text anyone typed, and PostgreSQL refuses to store one: a field error, not a 500.
  const withNul = Object.entries(raw).filter(([, v]) => (Array.isArray(v) ? v : [v]).some((s) => typeof s === "string" && s.includes("\u0000")));
  if (withNul.length > 0) {
    return { ok: false, errors: Object.fromEntries(withNul.map(([k]) => [k, ["Fältet innehåller ett otillåtet tecken."]])), values: formValues(formData) };
  }
  const result = schema.safeParse(raw, { errorMap: swedishErrorMap });
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = issue.path.length > 0 ? String(issue.path[0]) : "_form";
    (errors[key] ??= []).push(issue.message);
  }
  return { ok: false, errors, values: formValues(formData) };
}

export function valueOf(values: Record<string, string | string[]> | undefined, key: string): string {
  const v = values?.[key];
  return Array.isArray(v) ? (v[0] ?? "") : (v ?? "");
}

export function valuesOf(values: Record<string, string | string[]> | undefined, key: string): string[] {
  const v = values?.[key];
  return Array.isArray(v) ? v : v ? [v] : [];
}
