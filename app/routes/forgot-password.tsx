import { type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { FormError } from "~/components/field";
import { hitRateLimits, resetLimits } from "~/modules/auth/rate-limit.server";
import { clientAddress } from "~/utils/http.server";
import { readForm } from "~/utils/read-form.server";
import { minutesUntil, swedishClock } from "~/utils/time";
import { Form, Link, useActionData } from "@remix-run/react";
import { z } from "zod";
import { TextField } from "~/components/field";
import { requestPasswordReset } from "~/modules/auth/account-tokens.server";
import { emailField } from "~/modules/people/person-schema";
import { formError } from "~/utils/action-result";
import { formFailure } from "~/utils/action-result.server";
import { useFormFailure } from "~/utils/form-failure";
import { parseForm, valueOf } from "~/utils/forms";

export const meta: MetaFunction = () => [{ title: "Glömt lösenord · Ledarlyftet" }];

const schema = z.object({ email: emailField });
const RESET_ANSWER_MS = 250;

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const form = parseForm(schema, formData);
  if (!form.ok) return formFailure(form, formData);
  // Limited per address typed and per client, the same way whether or not the account exists.
  const blocked = await hitRateLimits(resetLimits(form.value.email, clientAddress(context)));
  if (blocked) {
    const message = `För många förfrågningar. Försök igen kl. ${swedishClock(blocked)} (om ${minutesUntil(blocked)} min).`;
    return formFailure(formError(message), { email: form.value.email }, 429);
  }
  // A known address costs a token and an e-mail, an unknown one nothing: answer both no sooner
  // than RESET_ANSWER_MS, so the time taken does not tell either.
  await Promise.all([requestPasswordReset(form.value.email), new Promise((resolve) => setTimeout(resolve, RESET_ANSWER_MS))]);
  return { sent: true as const };
}

export default function ForgotPassword() {
  const actionData = useActionData<typeof action>();
  const { errors, values } = useFormFailure();
  if (actionData && "sent" in actionData) {
    return (
      <div className="narrow">
        <h1>Kolla din e-post</h1>
        <p role="status">Om adressen finns hos oss har vi skickat en länk för att välja nytt lösenord. Länken gäller i 7 dagar och kan användas en gång.</p>
        <p>
          <Link to="/login">Tillbaka till inloggningen</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="narrow">
      <h1>Glömt lösenord</h1>
      <p>Skriv din e-postadress så skickar vi en länk där du väljer ett nytt lösenord.</p>
      <FormError errors={errors._form} />
      <Form method="post" noValidate>
        <TextField name="email" label="E-postadress" type="email" autoComplete="email" required defaultValue={valueOf(values, "email")} errors={errors.email} />
        <div className="actions">
          <button type="submit">Skicka länk</button>
          <Link to="/login">Avbryt</Link>
        </div>
      </Form>
    </div>
  );
}
