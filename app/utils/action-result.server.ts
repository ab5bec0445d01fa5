import { data } from "@remix-run/node";
import type { Failure, FormValues } from "./action-result";
import { formValues } from "./forms";

/**
 * The answer to a refused form, from a failed parseForm or a module's
 * failure: the messages, and what the person typed so the form shows it again.
 * Given the FormData, passwords are left out (formValues); given plain
 * values, exactly those. Status 400 unless the route says otherwise (409, 429…).
 */
export function formFailure(failure: Pick<Failure, "errors">, typed?: FormData | FormValues, status = 400) {
  const values: FormValues = typed === undefined ? {} : typed instanceof FormData ? formValues(typed) : typed;
  return data({ errors: failure.errors, values }, { status });
}
