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
    lesson: {
      slug: lesson.slug,
      title: lesson.title,
      type: lesson.type,
      required: lesson.required,
      minutes: lesson.minutes,
      bodyHtml: lesson.bodyHtml,
      moduleTitle: lesson.module.title,
    },
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
type QuizAnswer = { intent: "quiz"; allCorrect: boolean; results: QuestionResult[]; chosen: Record<string, number[]>; programCompleted: string | null };

function programDoneMessage(program: string) {
  return `Grattis! Du har genomfört ${program}. Ditt programintyg finns här under Kurser, och vi har mejlat det till dig.`;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, course, lesson } = await load(request, params);
  const formData = await readForm(request);
  const intent = formData.get("intent");
  if (intent !== lesson.type && !(intent === "read" && lesson.type === "text")) throw badRequest("Fel sorts svar för den här lektionen.");

  switch (intent) {
    case "read": {
      const programCompleted = await markLessonRead(actor.id, lesson);
      if (programCompleted) return redirectWithMessage(request, "/courses#genomfort", programDoneMessage(programCompleted));
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
      const programCompleted = await saveReflection(actor.id, lesson, { text: form.value.text, shared });
      if (programCompleted) return redirectWithMessage(request, "/courses#genomfort", programDoneMessage(programCompleted));
      return redirectWithMessage(
        request,
        `/courses/${course.slug}/${lesson.slug}`,
        shared ? "Reflektionen är sparad och delad med din utvecklingsledare." : "Reflektionen är sparad. Bara du kan läsa den.",
      );
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
            ? result.programCompleted
              ? `Alla rätt! Grattis, du har genomfört ${result.programCompleted}.`
              : "Alla rätt! Lektionen är klar."
            : `${result.results.filter((questionResult) => questionResult.correct).length} av ${result.results.length} rätt. Läs återkopplingen och försök igen.`}
          {result.programCompleted ? (
            <>
              {" "}
              <Link to="/courses#genomfort">Se ditt programintyg</Link>
            </>
          ) : null}
        </div>
      ) : null}
      {questions.map((question, qi) => {
        const questionResult = result?.results.find((candidate) => candidate.id === question.id);
        const chosen = result?.chosen[question.id] ?? [];
        return (
          <fieldset key={`${question.id}-${result ? "answered" : "new"}`} className="question">
            <legend>
              {qi + 1}. {question.prompt}
              {question.multiple ? <span className="muted"> (flera svar är rätt)</span> : null}
            </legend>
            {question.options.map((option) => (
              <label key={option.index} className="checkbox">
                <input
                  type={question.multiple ? "checkbox" : "radio"}
                  name={`answer-${question.id}`}
                  value={option.index}
                  defaultChecked={chosen.includes(option.index)}
                />{" "}
                {option.text}
              </label>
            ))}
            {questionResult ? (
              <div className={`feedback ${questionResult.correct ? "right" : "wrong"}`}>
                <strong>{questionResult.correct ? "Rätt." : questionResult.answered ? "Inte helt rätt." : "Du har inte svarat."}</strong>
                {questionResult.feedback.map((optionFeedback) => (
                  <p key={optionFeedback.index}>
                    <em>{optionFeedback.text}:</em> {optionFeedback.feedback}
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
  const view = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const quiz = actionData && "intent" in actionData && actionData.intent === "quiz" ? actionData : undefined;
  const { failed, errors, values } = useFormFailure();
  const latest = view.submissions[0];
  const mayResubmit = !latest || latest.status === "returned";
  return (
    <>
      <p>
        <Link to={`/courses/${view.course.slug}`}>← {view.course.title}</Link> · {view.lesson.moduleTitle}
      </p>
      <ProgressBar percent={view.percent} label="Kursens framsteg" />
      <article aria-labelledby="lesson-title">
        <h1 id="lesson-title">{view.lesson.title}</h1>
        <p className="muted">
          {LESSON_TYPE_LABELS[view.lesson.type]}
          {view.lesson.minutes ? ` · cirka ${view.lesson.minutes} min` : ""}
          {view.lesson.required ? "" : " · valfri"}
          {view.completedAt ? ` · klar ${swedishDateTime(view.completedAt)}` : ""}
        </p>
        {view.changedSinceDone ? (
          <p className="alert alert-info" role="note">
            {view.lesson.type === "quiz"
              ? "Kunskapskontrollen har ändrats sedan du klarade den, till exempel med en ny fråga. Du är fortfarande klar med lektionen, men svara gärna igen."
              : "Lektionen har uppdaterats sedan du gjorde den. Du är fortfarande klar med den; läs gärna igenom det nya."}
          </p>
        ) : null}
        <div className="lesson-body" dangerouslySetInnerHTML={{ __html: view.lesson.bodyHtml }} />
      </article>

      {view.lesson.type === "text" ? (
        view.completedAt ? (
          <p className="alert alert-ok">Du har läst den här lektionen.</p>
        ) : (
          <Form method="post">
            <input type="hidden" name="intent" value="read" />
            <button type="submit">Markera som klar</button>
          </Form>
        )
      ) : null}

      {view.lesson.type === "quiz" ? (
        <section aria-label="Kunskapskontroll">
          {view.completedAt && !actionData ? <p className="alert alert-ok">Du har klarat kunskapskontrollen. Du kan göra om den för att repetera.</p> : null}
          <Quiz questions={view.questions} result={quiz} />
        </section>
      ) : null}

      {view.lesson.type === "reflection" ? (
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="reflection" />
          <TextArea
            name="text"
            label="Din reflektion"
            hint="Reflektionen är privat. Bara du kan läsa den, om du inte väljer att dela den med din utvecklingsledare."
            rows={8}
            defaultValue={failed ? valueOf(values, "text") : (view.reflection?.text ?? "")}
            errors={errors.text}
          />
          <label className="checkbox">
            <input type="checkbox" name="shared" defaultChecked={failed ? valueOf(values, "shared") === "on" : (view.reflection?.shared ?? false)} /> Dela med
            min utvecklingsledare
          </label>
          <div className="actions">
            <button type="submit">{view.reflection ? "Spara ändringar" : "Spara reflektion"}</button>
          </div>
        </Form>
      ) : null}

      {view.lesson.type === "assignment" ? (
        <section aria-labelledby="submission-title">
          <h2 id="submission-title">Din inlämning</h2>
          {view.submissions.map((submission) => (
            <div key={submission.id} className="card" style={{ marginBottom: "0.75rem" }}>
              <p>
                <strong>
                  {submission.status === "approved"
                    ? "Godkänd"
                    : submission.status === "returned"
                      ? "Returnerad för komplettering"
                      : "Inlämnad, väntar på granskning"}
                </strong>{" "}
                <span className="muted">inlämnad {swedishDateTime(submission.submittedAt)}</span>
              </p>
              {submission.comment ? (
                <p>
                  Kommentar från {submission.reviewer ?? "utvecklingsledaren"}: <em>{submission.comment}</em>
                </p>
              ) : null}
              <details>
                <summary>Visa texten</summary>
                <div className="written">{submission.text}</div>
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
        {view.previous ? <Link to={`/courses/${view.course.slug}/${view.previous.slug}`}>← Föregående: {view.previous.title}</Link> : <span />}
        {view.next ? (
          <Link to={`/courses/${view.course.slug}/${view.next.slug}`}>Nästa: {view.next.title} →</Link>
        ) : (
          <Link to={`/courses/${view.course.slug}`}>Till kursöversikten</Link>
        )}
      </nav>
    </>
  );
}
