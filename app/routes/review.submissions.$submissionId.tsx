import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FormError, RadioGroup, TextArea } from "~/components/field";
import { recordAccess } from "~/modules/audit/audit.server";
import { requirePermission } from "~/modules/auth/session.server";
import { getSubmissionForReview, reviewSubmission } from "~/modules/progress/review.server";
import { formFailure } from "~/utils/action-result.server";
import { redirectWithMessage } from "~/utils/flash.server";
import { useFormFailure } from "~/utils/form-failure";
import { parseForm, valueOf } from "~/utils/forms";
import { readForm } from "~/utils/read-form.server";
import { swedishDateTime } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: "Granska uppgift · Ledarlyftet" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requirePermission(request, "review:access");
  const submission = await getSubmissionForReview(actor, params.submissionId ?? "");
  await recordAccess(actor.id, "submission.viewed", { type: "person", id: submission.person.id }, { submissionId: submission.id });
  return {
    id: submission.id,
    learner: submission.person.name,
    branch: submission.person.branch.name,
    lesson: submission.lesson.title,
    lessonHtml: submission.lesson.bodyHtml,
    course: submission.lesson.module.course.title,
    text: submission.text,
    status: submission.status,
    comment: submission.comment,
    submittedAt: submission.submittedAt.toISOString(),
  };
}

const schema = z
  .object({
    decision: z.enum(["approve", "return"], { errorMap: () => ({ message: "Välj godkänn eller returnera." }) }),
    comment: z.string().trim().max(5000, "Högst 5 000 tecken.").default(""),
  })
  .refine((input) => input.decision === "approve" || input.comment.length > 0, {
    path: ["comment"],
    message: "Skriv vad deltagaren behöver komplettera.",
  });

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor } = await requirePermission(request, "review:access");
  const formData = await readForm(request);
  const form = parseForm(schema, formData);
  if (!form.ok) return formFailure(form, formData);
  const { decision, comment } = form.value;
  const result = await reviewSubmission(actor, params.submissionId ?? "", decision, comment);
  if (!result.ok) return formFailure(result, formData, 409);
  return redirectWithMessage(request, "/review", decision === "approve" ? "Uppgiften är godkänd." : "Uppgiften är returnerad med din kommentar.");
}

const DECISIONS = [
  { value: "approve", label: "Godkänn" },
  { value: "return", label: "Returnera för komplettering" },
];

export default function ReviewSubmission() {
  const submission = useLoaderData<typeof loader>();
  const { errors, values } = useFormFailure();
  return (
    <>
      <p>
        <Link to="/review">← Att granska</Link>
      </p>
      <h1>
        {submission.learner}: {submission.lesson}
      </h1>
      <p className="muted">
        {submission.course} · {submission.branch} · inlämnad {swedishDateTime(submission.submittedAt)}
      </p>
      <details>
        <summary>Visa uppgiftens instruktioner</summary>
        <div className="lesson-body" dangerouslySetInnerHTML={{ __html: submission.lessonHtml }} />
      </details>
      <h2>Inlämningen</h2>
      <div className="written">{submission.text}</div>
      {submission.status !== "submitted" ? (
        <p className="alert alert-ok">Redan granskad: {submission.status === "approved" ? "godkänd" : "returnerad"}.</p>
      ) : (
        <Form method="post" noValidate>
          <FormError errors={errors._form} />
          <RadioGroup name="decision" label="Beslut" options={DECISIONS} defaultValue={valueOf(values, "decision")} errors={errors.decision} />
          <TextArea
            name="comment"
            label="Kommentar till deltagaren"
            hint="Krävs när du returnerar."
            rows={5}
            defaultValue={valueOf(values, "comment")}
            errors={errors.comment}
          />
          <button type="submit">Spara beslut</button>
        </Form>
      )}
    </>
  );
}
