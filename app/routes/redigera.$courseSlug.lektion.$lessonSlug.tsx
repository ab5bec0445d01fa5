import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormError, TextArea, TextField } from "~/components/field";
import { LESSON_TYPE_LABELS } from "~/components/progress-bar";
import { requirePermission } from "~/modules/auth/session.server";
import { courseForEditing, isStale, previewLesson, saveLesson } from "~/modules/authoring/drafts.server";
import { EXTRA_OPTIONS, NEW_QUESTION_OPTIONS, lessonFields, questionsFromForm } from "~/modules/authoring/lesson-form";
import { renderMarkdown } from "~/modules/catalog/markdown.server";
import type { Question } from "~/modules/catalog/content-schema";
import type { Failure } from "~/utils/action-result";
import { redirectWithMessage } from "~/utils/flash.server";
import { useFormFailure } from "~/utils/form-failure";
import { formValues, parseForm, valueOf } from "~/utils/forms";
import { notFound } from "~/utils/http.server";
import { readForm } from "~/utils/read-form.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Redigera: ${data?.lesson.title ?? "lektion"} · Ledarlyftet` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "content:edit");
  const editing = await courseForEditing(params.courseSlug);
  const lesson = editing.source.lessons.find((candidate) => candidate.meta.lesson === params.lessonSlug);
  if (!lesson) throw notFound("Lektionen finns inte i kursen.");
  return {
    course: { slug: editing.course.slug, title: editing.source.course.meta.title },
    revision: editing.draft?.revision ?? 0,
    draft: editing.draft ? { updatedBy: editing.draft.updatedBy, updatedAt: editing.draft.updatedAt.toISOString() } : null,
    lesson: {
      slug: lesson.meta.lesson,
      title: lesson.meta.title,
      type: lesson.meta.type,
      required: lesson.meta.required !== false,
      minutes: lesson.meta.minutes ?? null,
      body: lesson.body,
      questions: lesson.meta.questions ?? [],
      module: previewLesson(editing, lesson.meta.lesson).module,
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor } = await requirePermission(request, "content:edit");
  const editing = await courseForEditing(params.courseSlug);
  const lessonSlug = params.lessonSlug ?? "";
  const formData = await readForm(request);
  const form = parseForm(lessonFields, formData);
  const questions = questionsFromForm(formData);
  if (!form.ok) return refusal(form, formData, questions);
  if (formData.get("intent") === "preview") {
    // Nothing is saved: the page shows the text as learners will see it, with what was typed kept.
    return { preview: renderMarkdown(form.value.body), questions, errors: {}, values: formValues(formData) };
  }
  const saved = await saveLesson(
    actor,
    editing,
    lessonSlug,
    { title: form.value.title, minutes: form.value.minutes, required: form.value.required === "on", body: form.value.body, questions },
    form.value.revision,
  );
  if (!saved.ok) return refusal(saved, formData, questions, isStale(saved) ? 409 : 400);
  return redirectWithMessage(
    request,
    `/redigera/${editing.course.slug}#lektion-${lessonSlug}`,
    `"${form.value.title}" är sparad i utkastet. Publicera när du är klar.`,
  );
}

/** A refused save or preview: the messages, what was typed, and the questions as typed (the form is drawn from them). */
function refusal(failure: Failure, formData: FormData, questions: Question[], status = 400) {
  return data({ errors: failure.errors, values: formValues(formData), questions, preview: null }, { status });
}

function errorsUnder(errors: Record<string, string[] | undefined>, prefix: string): string[] {
  return Object.entries(errors)
    .filter(([key]) => key === prefix || key.startsWith(`${prefix}.`))
    .flatMap(([, list]) => list ?? []);
}

function QuestionsEditor({ questions, errors }: { questions: Question[]; errors: Record<string, string[] | undefined> }) {
  const rows = [...questions, { id: "", prompt: "", options: [] }];
  return (
    <fieldset className="questions-editor">
      <legend>Frågor</legend>
      <p className="hint">
        Kryssa i det eller de svar som är rätt. Varje svar behöver en återkoppling. Tomma svarsrader och en tom fråga sparas inte; fyll i den sista frågan för
        att lägga till en.
      </p>
      <FormError errors={errors.questions} />
      {rows.map((question, i) => {
        const isNew = i === questions.length;
        const slots = [
          ...question.options,
          ...Array.from({ length: isNew ? NEW_QUESTION_OPTIONS : EXTRA_OPTIONS }, () => ({ text: "", correct: false, feedback: "" })),
        ];
        const problems = isNew ? [] : errorsUnder(errors, `questions.${i}`);
        return (
          <fieldset key={`${question.id}-${i}`} className="question card" aria-describedby={problems.length ? `q-${i}-error` : undefined}>
            <legend>{isNew ? "Ny fråga" : `Fråga ${i + 1}`}</legend>
            {problems.length ? (
              <p className="error" id={`q-${i}-error`}>
                {problems.join(" ")}
              </p>
            ) : null}
            <input type="hidden" name={`q.${i}.id`} value={question.id} />
            <TextField name={`q.${i}.prompt`} id={`q-${i}-prompt`} label="Fråga" defaultValue={question.prompt} />
            {slots.map((option, j) => (
              <div key={j} className="option-row">
                <TextField name={`q.${i}.o.${j}.text`} id={`q-${i}-o-${j}-text`} label={`Svar ${j + 1}`} defaultValue={option.text} />
                <label className="checkbox">
                  <input type="checkbox" name={`q.${i}.o.${j}.correct`} defaultChecked={option.correct} /> Rätt svar
                </label>
                <TextField
                  name={`q.${i}.o.${j}.feedback`}
                  id={`q-${i}-o-${j}-feedback`}
                  label={`Återkoppling på svar ${j + 1}`}
                  defaultValue={option.feedback}
                />
              </div>
            ))}
            {!isNew ? (
              <label className="checkbox">
                <input type="checkbox" name={`q.${i}.remove`} /> Ta bort frågan
              </label>
            ) : null}
          </fieldset>
        );
      })}
    </fieldset>
  );
}

export default function EditLesson() {
  const { course, lesson, revision, draft } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { errors, values, failed } = useFormFailure();
  // After a refusal or a preview the form shows what was typed; otherwise the draft.
  const typed = failed;
  const shown = (key: string, stored: string) => (typed ? valueOf(values, key) : stored);
  const questions = answer && "questions" in answer ? answer.questions : lesson.questions;
  const preview = answer && "preview" in answer ? answer.preview : null;
  return (
    <>
      <p>
        <Link to={`/redigera/${course.slug}`}>← {course.title}</Link>
      </p>
      <h1>Redigera: {lesson.title}</h1>
      <p className="muted">
        {LESSON_TYPE_LABELS[lesson.type] ?? lesson.type} i modulen {lesson.module}.{" "}
        {draft
          ? `Ändringarna sparas i kursens utkast (senast ändrat av ${draft.updatedBy ?? "okänd"}).`
          : "Ändringarna sparas i ett utkast; deltagarna ser dem när utkastet publiceras."}
      </p>
      <Form method="post" noValidate className="editor">
        <FormError errors={errors._form} />
        <input type="hidden" name="revision" value={revision} />
        <TextField name="title" label="Rubrik" required defaultValue={shown("title", lesson.title)} errors={errors.title} />
        <TextField
          name="minutes"
          label="Beräknad tid (minuter)"
          hint="Lämna tomt om du inte vill visa någon tid."
          defaultValue={shown("minutes", lesson.minutes?.toString() ?? "")}
          errors={errors.minutes}
        />
        <label className="checkbox">
          <input type="checkbox" name="required" defaultChecked={typed ? valueOf(values, "required") === "on" : lesson.required} /> Obligatorisk för att bli
          klar med kursen
        </label>
        <TextArea
          name="body"
          label={lesson.type === "reflection" ? "Reflektionsfrågan och texten runt den" : lesson.type === "assignment" ? "Instruktioner för uppgiften" : "Text"}
          hint="Markdown: ## Rubrik, **fetstil**, *kursiv*, - punktlista, [länktext](https://…). Förhandsgranska för att se texten som deltagarna ser den."
          rows={16}
          defaultValue={shown("body", lesson.body)}
          errors={errors.body}
        />
        {lesson.type === "quiz" ? <QuestionsEditor questions={questions} errors={errors} /> : null}
        <div className="actions">
          <button type="submit" name="intent" value="save">
            Spara i utkastet
          </button>
          <button type="submit" name="intent" value="preview" className="secondary">
            Förhandsgranska
          </button>
        </div>
      </Form>
      {preview !== null ? (
        <section aria-labelledby="forhandsgranskning" className="card preview">
          <h2 id="forhandsgranskning">Förhandsgranskning (inte sparad)</h2>
          <div className="lesson-body" dangerouslySetInnerHTML={{ __html: preview }} />
        </section>
      ) : null}
    </>
  );
}
