import { useActionData, type ShouldRevalidateFunction } from "@remix-run/react";
import type { FieldErrors, FormValues } from "./action-result";

export interface FormFailureData {
  /** Whether the last submission was refused, so a form shows `values` rather than what is stored. */
  failed: boolean;
  errors: FieldErrors;
  values: FormValues;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const isText = (value: unknown): value is string => typeof value === "string";

/**
 * The errors and typed values in whatever an action answered, checked rather
 * than cast: anything that is not a list of messages or typed text is left
 * out, and no failure (a success, a quiz result, nothing posted yet) reads as
 * empty objects, so a component asks `errors.name` without `?.` chains.
 */
export function readFormFailure(actionData: unknown): FormFailureData {
  const errors: FieldErrors = {};
  const values: FormValues = {};
  if (!isRecord(actionData) || !isRecord(actionData.errors)) return { failed: false, errors, values };
  for (const [key, list] of Object.entries(actionData.errors)) {
    if (Array.isArray(list) && list.every(isText)) errors[key] = list;
  }
  if (isRecord(actionData.values)) {
    for (const [key, value] of Object.entries(actionData.values)) {
      if (isText(value)) values[key] = value;
      else if (Array.isArray(value) && value.every(isText)) values[key] = value;
    }
  }
  return { failed: true, errors, values };
}

/** The current route's last refused submission (see formFailure in action-result.server.ts). */
export function useFormFailure(): FormFailureData {
  return readFormFailure(useActionData());
}

/**
 * For a route whose forms can be refused because the world moved on (a free
 * time someone else booked first, an enrolment window that closed, a seat
 * that went to the waitlist): with single fetch, Remix does not load a page's
 * data again after a 4xx answer, so the page went on offering what had just
 * been refused. Export it as the route's `shouldRevalidate`: after a refused
 * post the page shows the state that refused it, and keeps the failure's
 * messages and typed values (they are action data, not loader data).
 */
export const revalidateAfterRefusal: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus !== undefined && actionStatus >= 400 ? true : defaultShouldRevalidate;
