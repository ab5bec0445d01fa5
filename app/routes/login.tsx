import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { FormError, TextField } from "~/components/field";
import { attemptLogin } from "~/modules/auth/login.server";
import { getCurrentPerson, startSession } from "~/modules/auth/session.server";
import { formFailure } from "~/utils/action-result.server";
import { useFormFailure } from "~/utils/form-failure";
import { parseForm, valueOf } from "~/utils/forms";
import { clientAddress } from "~/utils/http.server";
import { readForm } from "~/utils/read-form.server";
import { safeRedirectPath } from "~/utils/redirect-target";

export const meta: MetaFunction = () => [{ title: "Logga in · Ledarlyftet" }];

const loginSchema = z.object({
  email: z.string({ required_error: "Ange din e-postadress." }).trim().min(1, "Ange din e-postadress.").max(254),
  password: z.string({ required_error: "Ange ditt lösenord." }).min(1, "Ange ditt lösenord.").max(500),
  // A broken or absurd redirectTo just means "go home", never a failed login.
  redirectTo: z.string().max(2000).optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await getCurrentPerson(request);
  if (current) throw redirect(safeRedirectPath(new URL(request.url).searchParams.get("redirectTo")));
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const form = parseForm(loginSchema, formData);
  if (!form.ok) return formFailure(form, formData);

  const result = await attemptLogin({ ...form.value, address: clientAddress(context) });
  if (!result.ok) return formFailure(result, { email: form.value.email }, result.retryAt ? 429 : 401);
  const cookie = await startSession(result.value.personId, request);
  return redirect(safeRedirectPath(form.value.redirectTo), { headers: { "Set-Cookie": cookie } });
}

export default function Login() {
  const { errors, values } = useFormFailure();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="narrow">
      <h1>Logga in</h1>
      <p className="muted">Ledarlyftet är distriktets plattform för ledarskapsprogram, kommunikatörsutbildning och handledning.</p>
      <FormError errors={errors._form} />
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
        <TextField
          name="email"
          label="E-postadress"
          type="email"
          autoComplete="username"
          required
          defaultValue={valueOf(values, "email")}
          errors={errors.email}
        />
        <TextField name="password" label="Lösenord" type="password" autoComplete="current-password" required errors={errors.password} />
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
