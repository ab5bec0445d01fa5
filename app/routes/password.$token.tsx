import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FormError, TextField } from "~/components/field";
import { checkAccountToken, redeemAccountToken, TOKEN_REFUSALS } from "~/modules/auth/account-tokens.server";
import { startSession } from "~/modules/auth/session.server";
import { formError } from "~/utils/action-result";
import { formFailure } from "~/utils/action-result.server";
import { redirectWithMessage } from "~/utils/flash.server";
import { useFormFailure } from "~/utils/form-failure";
import { parseForm } from "~/utils/forms";
import { readForm } from "~/utils/read-form.server";

export const meta: MetaFunction = () => [{ title: "Välj lösenord · Ledarlyftet" }];

const tokenParam = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/);

const schema = z
  .object({
    password: z
      .string({ required_error: "Välj ett lösenord." })
      .min(10, "Lösenordet måste vara minst 10 tecken.")
      .max(200, "Lösenordet får vara högst 200 tecken."),
    passwordConfirm: z.string({ required_error: "Skriv lösenordet en gång till." }).max(200, "Lösenorden är inte lika."),
  })
  .refine((input) => input.password === input.passwordConfirm, { path: ["passwordConfirm"], message: "Lösenorden är inte lika." });

export async function loader({ params }: LoaderFunctionArgs) {
  const token = tokenParam.safeParse(params.token);
  const check = token.success ? await checkAccountToken(token.data) : formError(TOKEN_REFUSALS.unknown);
  if (!check.ok) return data({ ok: false as const, message: check.message }, { status: 410 });
  const { purpose, person } = check.value;
  return { ok: true as const, purpose, name: person.name, email: person.email };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const token = tokenParam.safeParse(params.token);
  if (!token.success) return formFailure(formError(TOKEN_REFUSALS.unknown));
  const form = parseForm(schema, await readForm(request));
  if (!form.ok) return formFailure(form);
  const result = await redeemAccountToken(token.data, form.value.password);
  if (!result.ok) return formFailure(result, undefined, 410);
  const session = await startSession(result.value.person.id, request);
  return redirectWithMessage(request, "/", "Ditt lösenord är sparat. Välkommen!", "success", { "Set-Cookie": session });
}

export default function SetPassword() {
  const loaderData = useLoaderData<typeof loader>();
  const { errors } = useFormFailure();
  if (!loaderData.ok) {
    return (
      <div className="narrow">
        <h1>Länken fungerar inte</h1>
        <p>{loaderData.message}</p>
        <p>
          <Link to="/forgot-password">Be om en ny länk</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="narrow">
      <h1>{loaderData.purpose === "invite" ? "Välkommen till Ledarlyftet" : "Välj nytt lösenord"}</h1>
      <p>
        Hej {loaderData.name}! Välj ett lösenord för <strong>{loaderData.email}</strong>.
      </p>
      <FormError errors={errors._form} />
      <Form method="post" noValidate>
        <input type="text" name="username" autoComplete="username" defaultValue={loaderData.email} hidden readOnly />
        <TextField
          name="password"
          label="Nytt lösenord"
          type="password"
          autoComplete="new-password"
          hint="Minst 10 tecken. En mening av flera ord är lätt att minnas och svår att gissa."
          required
          errors={errors.password}
        />
        <TextField name="passwordConfirm" label="Upprepa lösenordet" type="password" autoComplete="new-password" required errors={errors.passwordConfirm} />
        <div className="actions">
          <button type="submit">Spara lösenord och logga in</button>
        </div>
      </Form>
    </div>
  );
}
