import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { FormError, TextArea } from "~/components/field";
import { LESSON_TYPE_LABELS, ProgressBar } from "~/components/progress-bar";
import { requirePerson } from "~/modules/auth/session.server";
import { requireCourse, requireLesson } from "~/modules/catalog/access.server";
import { answerQuiz, lessonNeighbours, markLessonRead, openLesson, saveReflection, submitAssignment } from "~/modules/progress/learning.server";
import type { QuestionResult } from "~/modules/progress/quiz";
import { formFailure } from "~/utils/action-result.server";
import { redirectWithMessage } from "~/utils/flash.server";
import { useFormFailure } from "~/utils/form-failure";
import { parseForm, valueOf } from "~/utils/forms";
import { badRequest } from "~/utils/http.server";
import { readForm } from "~/utils/read-form.server";
import { swedishDateTime } from "~/utils/time";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.lesson.title ?? "Lektion"} · Ledarlyftet` }];

async function load(request: Request, params: LoaderFunctionArgs["params"]) {
  const { actor } = await requirePerson(request);
  const course = await requireCourse(actor, params.courseSlug);
  const lesson = await requireLesson(course.id, params.lessonSlug);
  return { actor, course, lesson };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, course, lesson } = await load(request, params);
  const view = await openLesson(actor.id, lesson);
  return {
    course: { slug: course.slug, title: course.title },
    lesson: { slug: lesson.slug, title: lesson.title, type: lesson.type, required: lesson.required, minutes: lesson.minutes, bodyHtml: lesson.bodyHtml, moduleTitle: lesson.module.title },
    ...view,
  };
}

const reflectionSchema = z.object({
  text: z.string({ required_error: "Skriv din reflektion." }).trim().min(1, "Skriv din reflektion.").max(10_000, "Högst 10 000 tecken."),
  shared: z.literal("on").optional(),
});
const assignmentSchema = z.object({
  text: z.string({ required_error: "Skriv din inlämning." }).trim().min(20, "Skriv minst 20 tecken.").max(20_000, "Högst 20 000 tecken."),
});
const optionIndex = z.coerce.number().int().min(0).max(50);

/** A graded quiz; a refused reflection or assignment answers through formFailure instead. */
type QuizAnswer = { intent: "quiz"; allCorrect: boolean; results: QuestionResult[]; chosen: Record<string, number[]> };

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, course, lesson } = await load(request, params);
  const formData = await readForm(request);
  const intent = formData.get("intent");
  if (intent !== lesson.type && !(intent === "read" && lesson.type === "text")) throw badRequest("Fel sorts svar för den här lektionen.");

  switch (intent) {
    case "read": {
      await markLessonRead(actor.id, lesson);
      const { next } = await lessonNeighbours(lesson);
      const to = next ? `/courses/${course.slug}/${next.slug}` : `/courses/${course.slug}`;
      return redirectWithMessage(request, to, `"${lesson.title}" är klar.`);
    }
    case "quiz": {
      const chosen: Record<string, number[]> = {};
      for (const [key, value] of formData) {
        if (!key.startsWith("answer-")) continue;
        const index = optionIndex.safeParse(value);
        if (!index.success) throw badRequest("Ogiltigt svar.");
        (chosen[key.slice("answer-".length)] ??= []).push(index.data);
      }
      const graded = await answerQuiz(actor.id, lesson, chosen);
      return data<QuizAnswer>({ intent: "quiz", ...graded, chosen });
    }
    case "reflection": {
      const form = parseForm(reflectionSchema, formData);
      if (!form.ok) return formFailure(form, formData);
      const shared = form.value.shared === "on";
      await saveReflection(actor.id, lesson, { text: form.value.text, shared });
      return redirectWithMessage(request, `/courses/${course.slug}/${lesson.slug}`, shared ? "Reflektionen är sparad och delad med din utvecklingsledare." : "Reflektionen är sparad. Bara du kan läsa den.");
    }
    case "assignment": {
      const form = parseForm(assignmentSchema, formData);
      if (!form.ok) return formFailure(form, formData);
      const result = await submitAssignment(actor.id, lesson, form.value.text);
      if (!result.ok) return formFailure(result, { text: form.value.text }, 409);
      return redirectWithMessage(request, `/courses/${course.slug}/${lesson.slug}`, "Din uppgift är inlämnad. Din utvecklingsledare granskar den.");
    }
    default:
      throw badRequest("Okänd åtgärd.");
  }
}

function Quiz({ questions, result }: { questions: ReturnType<typeof useLoaderData<typeof loader>>["questions"]; result?: QuizAnswer }) {
  const busy = useNavigation().state === "submitting";
  return (
    <Form method="post" noValidate>
      <input type="hidden" name="intent" value="quiz" />
      {result ? (
        <div className={`alert ${result.allCorrect ? "alert-ok" : "alert-error"}`} role="status">
          {result.allCorrect
            ? "Alla rätt! Lektionen är klar."
            : `${result.results.filter((r) => r.correct).length} av ${result.results.length} rätt. Läs återkopplingen och försök igen.`}
        </div>
      ) : null}
      {questions.map((q, qi) => {
        const r = result?.results.find((x) => x.id === q.id);
        const chosen = result?.chosen[q.id] ?? [];
        return (
          <fieldset key={`${q.id}-${result ? "answered" : "new"}`} className="question">
            <legend>
              {qi + 1}. {q.prompt}
              {q.multiple ? <span className="muted"> (flera svar är rätt)</span> : null}
            </legend>
            {q.options.map((o) => (
              <label key={o.index} className="checkbox">
                <input type={q.multiple ? "checkbox" : "radio"} name={`answer-${q.id}`} value={o.index} defaultChecked={chosen.includes(o.index)} /> {o.text}
              </label>
            ))}
            {r ? (
              <div className={`feedback ${r.correct ? "right" : "wrong"}`}>
                <strong>{r.correct ? "Rätt." : r.answered ? "Inte helt rätt." : "Du har inte svarat."}</strong>
                {r.feedback.map((f) => (
                  <p key={f.index}>
                    <em>{f.text}:</em> {f.feedback}
                  </p>
                ))}
              </div>
            ) : null}
          </fieldset>
        );
      })}
      <button type="submit" disabled={busy}>
        {result && !result.allCorrect ? "Svara igen" : "Rätta mina svar"}
      </button>
    </Form>
  );
}

export default function LessonPage() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const quiz = actionData && "intent" in actionData && actionData.intent === "quiz" ? actionData : undefined;
  const { failed, errors, values } = useFormFailure();
  const latest = d.submissions[0];
  const mayResubmit = !latest || latest.status === "returned";
  return (
    <>
      <p>
        <Link to={`/courses/${d.course.slug}`}>← {d.course.title}</Link> · {d.lesson.moduleTitle}
      </p>
      <ProgressBar percent={d.percent} label="Kursens framsteg" />
      <article aria-labelledby="lesson-title">
        <h1 id="lesson-title">{d.lesson.title}</h1>
        <p className="muted">
          {LESSON_TYPE_LABELS[d.lesson.type]}
          {d.lesson.minutes ? ` · cirka ${d.lesson.minutes} min` : ""}
          {d.lesson.required ? "" : " · valfri"}
          {d.completedAt ? ` · klar ${swedishDateTime(d.completedAt)}` : ""}
        </p>
        <div className="lesson-body" dangerouslySetInnerHTML={{ __html: d.lesson.bodyHtml }} />
      </article>

      {d.lesson.type === "text" ? (
        d.completedAt ? (
          <p className="alert alert-ok">Du har läst den här lektionen.</p>
        ) : (
          <Form method="post">
            <input type="hidden" name="intent" value="read" />
            <button type="submit">Markera som klar</button>
          </Form>
        )
      ) : null}

      {d.lesson.type === "quiz" ? (
        <section aria-label="Kunskapskontroll">
          {d.completedAt && !actionData ? <p className="alert alert-ok">Du har klarat kunskapskontrollen. Du kan göra om den för att repetera.</p> : null}
          <Quiz questions={d.questions} result={quiz} />
        </section>
      ) : null}

      {d.lesson.type === "reflection" ? (
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="reflection" />
          <TextArea
            name="text"
            label="Din reflektion"
            hint="Reflektionen är privat. Bara du kan läsa den, om du inte väljer att dela den med din utvecklingsledare."
            rows={8}
            defaultValue={failed ? valueOf(values, "text") : (d.reflection?.text ?? "")}
            errors={errors.text}
          />
          <label className="checkbox">
            <input type="checkbox" name="shared" defaultChecked={failed ? valueOf(values, "shared") === "on" : (d.reflection?.shared ?? false)} /> Dela med min utvecklingsledare
          </label>
          <div className="actions">
            <button type="submit">{d.reflection ? "Spara ändringar" : "Spara reflektion"}</button>
          </div>
        </Form>
      ) : null}

      {d.lesson.type === "assignment" ? (
        <section aria-labelledby="submission-title">
          <h2 id="submission-title">Din inlämning</h2>
          {d.submissions.map((s) => (
            <div key={s.id} className="card" style={{ marginBottom: "0.75rem" }}>
              <p>
                <strong>
                  {s.status === "approved" ? "Godkänd" : s.status === "returned" ? "Returnerad för komplettering" : "Inlämnad, väntar på granskning"}
                </strong>{" "}
                <span className="muted">inlämnad {swedishDateTime(s.submittedAt)}</span>
              </p>
              {s.comment ? (
                <p>
                  Kommentar från {s.reviewer ?? "utvecklingsledaren"}: <em>{s.comment}</em>
                </p>
              ) : null}
              <details>
                <summary>Visa texten</summary>
                <pre className="mail">{s.text}</pre>
              </details>
            </div>
          ))}
          {mayResubmit ? (
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="assignment" />
              <FormError errors={errors._form} />
              <TextArea
                name="text"
                label={latest ? "Ny version av din inlämning" : "Skriv din inlämning"}
                rows={12}
                defaultValue={failed ? valueOf(values, "text") : (latest?.text ?? "")}
                errors={errors.text}
              />
              <button type="submit">Lämna in</button>
            </Form>
          ) : null}
        </section>
      ) : null}

      <nav className="pager" aria-label="Lektioner">
        {d.previous ? <Link to={`/courses/${d.course.slug}/${d.previous.slug}`}>← Föregående: {d.previous.title}</Link> : <span />}
        {d.next ? <Link to={`/courses/${d.course.slug}/${d.next.slug}`}>Nästa: {d.next.title} →</Link> : <Link to={`/courses/${d.course.slug}`}>Till kursöversikten</Link>}
      </nav>
    </>
  );
}
