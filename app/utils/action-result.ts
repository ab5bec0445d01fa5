/**
 * The one answer shape of every action a module offers and of parseForm:
 * a value when it worked, or messages keyed by the form field they belong to
 * (`_form` for the form as a whole). Routes turn a failure into a 400 with
 * `formFailure` (action-result.server.ts); components read it back with
 * `useFormFailure` (form-failure.ts). See docs/decisions/010-action-results.md.
 */

/** Messages per field name; `_form` holds those about the whole form. */
export type FieldErrors = Record<string, string[] | undefined>;

/** What a person typed, by field name: one string, or all values of a repeated field. */
export type FormValues = Record<string, string | string[]>;

export interface Failure {
  ok: false;
  errors: FieldErrors;
  /** The one sentence a module refused with, for a caller that shows no form (tests, a flash). */
  message?: string;
  /** Refused for now by a rate limit: the caller may answer 429 and say when to try again. */
  retryAt?: Date;
}

export type ActionResult<T = void> = { ok: true; value: T } | Failure;

export function ok(): { ok: true; value: void };
export function ok<T>(value: T): { ok: true; value: T };
export function ok<T>(value?: T) {
  return { ok: true as const, value };
}

/** Refused because of one field: the message is shown beside it. */
export function fieldError(field: string, message: string): Failure {
  return { ok: false, errors: { [field]: [message] }, message };
}

/** Refused as a whole: the message is shown above the form. */
export function formError(message: string): Failure {
  return fieldError("_form", message);
}

/** Refused by a rate limit until `retryAt`; the message says when (the module words it). */
export function throttled(message: string, retryAt: Date): Failure {
  return { ...formError(message), retryAt };
}
