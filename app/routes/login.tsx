import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { FormError, TextField } from "~/components/field";
import { attemptLogin } from "~/modules/auth/login.server";
import { getCurrentPerson, startSession } from "~/modules/auth/session.server";
import { parseForm, valueOf, type FieldErrors } from "~/utils/forms";
import { clientAddress } from "~/utils/http.server";
import { readForm } from "~/utils/read-form.server";
import { safeRedirectPath } from "~/utils/redirect-target";
import { minutesUntil, swedishClock } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: "Logga in · Ledarlyftet" }];

const loginSchema = z.object({
  email: z.string({ required_error: "Ange din e-postadress." }).trim().min(1, "Ange din e-postadress.").max(254),
  password: z.string({ required_error: "Ange ditt lösenord." }).min(1, "Ange ditt lösenord.").max(500),
  // A broken or absurd redirectTo just means "go home", never a failed login.
  redirectTo: z.string().max(2000).optional().catch(undefined),
});

export const INVALID_LOGIN = "Fel e-postadress eller lösenord.";

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await getCurrentPerson(request);
  if (current) throw redirect(safeRedirectPath(new URL(request.url).searchParams.get("redirectTo")));
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = parseForm(loginSchema, await readForm(request));
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });

  const result = await attemptLogin({ ...form.data, address: clientAddress(context) });
  const values = { email: form.data.email };
  if (!result.ok) {
    const message =
      result.reason === "throttled"
        ? `För många misslyckade inloggningsförsök. Försök igen kl. ${swedishClock(result.retryAt)} (om ${minutesUntil(result.retryAt)} min).`
        : INVALID_LOGIN;
    return data({ errors: { _form: [message] }, values }, { status: result.reason === "throttled" ? 429 : 401 });
  }
  const cookie = await startSession(result.personId, request);
  return redirect(safeRedirectPath(form.data.redirectTo), { headers: { "Set-Cookie": cookie } });
}

export default function Login() {
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const errors: FieldErrors | undefined = actionData?.errors;
  return (
    <div className="narrow">
      <h1>Logga in</h1>
      <p className="muted">Ledarlyftet är distriktets plattform för ledarskapsprogram, kommunikatörsutbildning och handledning.</p>
      <FormError errors={errors?._form} />
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
        <TextField
          name="email"
          label="E-postadress"
          type="email"
          autoComplete="username"
          required
          defaultValue={valueOf(actionData?.values, "email")}
          errors={errors?.email}
        />
        <TextField
          name="password"
          label="Lösenord"
          type="password"
          autoComplete="current-password"
          required
          errors={errors?.password}
        />
        <div className="actions">
          <button type="submit" disabled={busy}>
            {busy ? "Loggar in…" : "Logga in"}
          </button>
          <Link to="/forgot-password">Glömt lösenord?</Link>
        </div>
      </Form>
      <p className="muted">
        <Link to="/integritet">Så hanterar vi dina personuppgifter</Link>
      </p>
    </div>
  );
}
