import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FormError } from "~/components/field";
import { recordAccess } from "~/modules/audit/audit.server";
import { requirePermission } from "~/modules/auth/session.server";
import { getSubmissionForReview, reviewSubmission } from "~/modules/progress/review.server";
import { flashCookie } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms";
import { readForm } from "~/utils/read-form.server";
import { swedishDateTime } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: "Granska uppgift · Ledarlyftet" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requirePermission(request, "review:access");
  const s = await getSubmissionForReview(actor, params.submissionId ?? "");
  await recordAccess(actor.id, "submission.viewed", { type: "person", id: s.person.id }, { submissionId: s.id });
  return {
    id: s.id,
    learner: s.person.name,
    branch: s.person.branch.name,
    lesson: s.lesson.title,
    lessonHtml: s.lesson.bodyHtml,
    course: s.lesson.module.course.title,
    text: s.text,
    status: s.status,
    comment: s.comment,
    submittedAt: s.submittedAt.toISOString(),
  };
}

const schema = z
  .object({
    decision: z.enum(["approve", "return"], { errorMap: () => ({ message: "Välj godkänn eller returnera." }) }),
    comment: z.string().trim().max(5000, "Högst 5 000 tecken.").default(""),
  })
  .refine((v) => v.decision === "approve" || v.comment.length > 0, {
    path: ["comment"],
    message: "Skriv vad deltagaren behöver komplettera.",
  });

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor } = await requirePermission(request, "review:access");
  const form = parseForm(schema, await readForm(request));
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  const result = await reviewSubmission(actor, params.submissionId ?? "", form.data.decision, form.data.comment);
  if (!result.ok) return data({ errors: { _form: [result.message] }, values: form.data }, { status: 409 });
  return redirect("/review", {
    headers: { "Set-Cookie": await flashCookie(request, form.data.decision === "approve" ? "Uppgiften är godkänd." : "Uppgiften är returnerad med din kommentar.") },
  });
}

export default function ReviewSubmission() {
  const s = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors as Record<string, string[] | undefined> | undefined;
  const typed = actionData?.values as Record<string, string> | undefined;
  return (
    <>
      <p>
        <Link to="/review">← Att granska</Link>
      </p>
      <h1>
        {s.learner}: {s.lesson}
      </h1>
      <p className="muted">
        {s.course} · {s.branch} · inlämnad {swedishDateTime(s.submittedAt)}
      </p>
      <details>
        <summary>Visa uppgiftens instruktioner</summary>
        <div className="lesson-body" dangerouslySetInnerHTML={{ __html: s.lessonHtml }} />
      </details>
      <h2>Inlämningen</h2>
      <pre className="mail">{s.text}</pre>
      {s.status !== "submitted" ? (
        <p className="alert alert-ok">Redan granskad: {s.status === "approved" ? "godkänd" : "returnerad"}.</p>
      ) : (
        <Form method="post" noValidate>
          <FormError errors={errors?._form} />
          <fieldset className="field">
            <legend>Beslut</legend>
            {errors?.decision ? <p className="error">{errors.decision.join(" ")}</p> : null}
            <label className="checkbox">
              <input type="radio" name="decision" value="approve" defaultChecked={typed?.decision === "approve"} /> Godkänn
            </label>
            <label className="checkbox">
              <input type="radio" name="decision" value="return" defaultChecked={typed?.decision === "return"} /> Returnera för komplettering
            </label>
          </fieldset>
          <div className="field">
            <label htmlFor="comment">Kommentar till deltagaren</label>
            <p className="hint" id="comment-hint">
              Krävs när du returnerar.
            </p>
            {errors?.comment ? (
              <p className="error" id="comment-error">
                {errors.comment.join(" ")}
              </p>
            ) : null}
            <textarea id="comment" name="comment" rows={5} defaultValue={typed?.comment ?? ""} aria-describedby={errors?.comment ? "comment-hint comment-error" : "comment-hint"} aria-invalid={errors?.comment ? true : undefined} />
          </div>
          <button type="submit">Spara beslut</button>
        </Form>
      )}
    </>
  );
}
