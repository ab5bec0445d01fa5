import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FormError, SelectField, TextArea, TextField } from "~/components/field";
import { LESSON_TYPE_LABELS } from "~/components/progress-bar";
import { requirePermission } from "~/modules/auth/session.server";
import {
  addLesson,
  addModule,
  courseForEditing,
  discardDraft,
  draftChanges,
  isStale,
  moveLesson,
  moveModule,
  publishDraft,
  retireLesson,
  saveCourseDetails,
} from "~/modules/authoring/drafts.server";
import { LESSON_TYPES } from "~/modules/catalog/content-schema";
import type { Failure } from "~/utils/action-result";
import { redirectWithMessage } from "~/utils/flash.server";
import { useFormFailure } from "~/utils/form-failure";
import { formValues, parseForm, valueOf } from "~/utils/forms";
import { badRequest } from "~/utils/http.server";
import { readForm } from "~/utils/read-form.server";
import { swedishDateTime } from "~/utils/time";
import { DiffView } from "~/components/diff-view";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Redigera ${data?.course.title ?? "kurs"} · Ledarlyftet` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "content:edit");
  const editing = await courseForEditing(params.courseSlug);
  const { source } = editing;
  return {
    course: { slug: editing.course.slug, title: source.course.meta.title, body: source.course.body, program: editing.course.program.title },
    latest: { ...editing.latest, publishedAt: editing.latest.publishedAt.toISOString() },
    draft: editing.draft ? { revision: editing.draft.revision, updatedBy: editing.draft.updatedBy, updatedAt: editing.draft.updatedAt.toISOString() } : null,
    revision: editing.draft?.revision ?? 0,
    modules: source.modules.map((mod) => ({
      slug: mod.meta.module,
      title: mod.meta.title,
      required: mod.meta.required !== false,
      lessons: source.lessons
        .filter((lesson) => lesson.meta.module === mod.meta.module)
        .map((lesson) => ({ slug: lesson.meta.lesson, title: lesson.meta.title, type: lesson.meta.type, required: lesson.meta.required !== false })),
    })),
    changes: await draftChanges(editing),
  };
}

const revision = z.coerce.number().int().min(0);
const schemas = {
  details: z.object({
    revision,
    title: z.string().trim().min(1, "Skriv kursens namn.").max(200, "Högst 200 tecken."),
    body: z.string().max(20_000, "Högst 20 000 tecken."),
  }),
  "add-lesson": z.object({
    revision,
    module: z.string().min(1, "Välj en modul."),
    type: z.enum(LESSON_TYPES, { errorMap: () => ({ message: "Välj en sorts lektion." }) }),
    title: z.string().trim().min(1, "Skriv en rubrik för lektionen.").max(200, "Högst 200 tecken."),
  }),
  "add-module": z.object({ revision, moduleTitle: z.string().trim().min(1, "Skriv modulens namn.").max(200, "Högst 200 tecken.") }),
  move: z.object({ revision, lesson: z.string().min(1), direction: z.enum(["up", "down"]) }),
  "move-module": z.object({ revision, module: z.string().min(1), direction: z.enum(["up", "down"]) }),
  retire: z.object({ revision, lesson: z.string().min(1) }),
  publish: z.object({ revision, note: z.string().trim().max(500, "Högst 500 tecken.").optional() }),
  discard: z.object({ revision }),
};
const intent = z.enum(Object.keys(schemas) as [keyof typeof schemas, ...(keyof typeof schemas)[]]);

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor } = await requirePermission(request, "content:edit");
  const editing = await courseForEditing(params.courseSlug);
  const formData = await readForm(request);
  const which = intent.safeParse(formData.get("intent"));
  if (!which.success) throw badRequest("Okänd åtgärd.");
  const here = `/redigera/${editing.course.slug}`;
  const refuse = (failure: Failure) => data({ errors: failure.errors, values: formValues(formData) }, { status: isStale(failure) ? 409 : 400 });
  switch (which.data) {
    case "details": {
      const form = parseForm(schemas.details, formData);
      if (!form.ok) return refuse(form);
      const saved = await saveCourseDetails(actor, editing, { title: form.value.title, body: form.value.body }, form.value.revision);
      return saved.ok ? redirectWithMessage(request, here, "Kursens namn och text är sparade i utkastet.") : refuse(saved);
    }
    case "add-lesson": {
      const form = parseForm(schemas["add-lesson"], formData);
      if (!form.ok) return refuse(form);
      const saved = await addLesson(actor, editing, form.value, form.value.revision);
      return saved.ok
        ? redirectWithMessage(request, `${here}/lektion/${saved.value.slug}`, `Lektionen "${form.value.title}" är tillagd i utkastet. Skriv dess text här.`)
        : refuse(saved);
    }
    case "add-module": {
      const form = parseForm(schemas["add-module"], formData);
      if (!form.ok) return refuse(form);
      const saved = await addModule(actor, editing, { title: form.value.moduleTitle }, form.value.revision);
      return saved.ok
        ? redirectWithMessage(request, here, `Modulen "${form.value.moduleTitle}" är tillagd i utkastet. Lägg till dess första lektion.`)
        : refuse(saved);
    }
    case "move": {
      const form = parseForm(schemas.move, formData);
      if (!form.ok) throw badRequest("Ogiltig flytt.");
      const saved = await moveLesson(actor, editing, form.value.lesson, form.value.direction, form.value.revision);
      return saved.ok ? redirectWithMessage(request, `${here}#lektion-${form.value.lesson}`, "Ordningen är ändrad i utkastet.") : refuse(saved);
    }
    case "move-module": {
      const form = parseForm(schemas["move-module"], formData);
      if (!form.ok) throw badRequest("Ogiltig flytt.");
      const saved = await moveModule(actor, editing, form.value.module, form.value.direction, form.value.revision);
      return saved.ok ? redirectWithMessage(request, `${here}#modul-${form.value.module}`, "Modulernas ordning är ändrad i utkastet.") : refuse(saved);
    }
    case "retire": {
      const form = parseForm(schemas.retire, formData);
      if (!form.ok) throw badRequest("Ogiltig lektion.");
      const saved = await retireLesson(actor, editing, form.value.lesson, form.value.revision);
      return saved.ok
        ? redirectWithMessage(
            request,
            here,
            "Lektionen är borttagen ur utkastet. När utkastet publiceras tas den bort för deltagarna; deras framsteg på den sparas.",
          )
        : refuse(saved);
    }
    case "publish": {
      const form = parseForm(schemas.publish, formData);
      if (!form.ok) return refuse(form);
      const published = await publishDraft(actor, editing, form.value.revision, form.value.note || null);
      return published.ok ? redirectWithMessage(request, here, `Version ${published.value.number} är publicerad. Deltagarna ser den nu.`) : refuse(published);
    }
    case "discard": {
      const form = parseForm(schemas.discard, formData);
      if (!form.ok) throw badRequest();
      const discarded = await discardDraft(actor, editing, form.value.revision);
      return discarded.ok ? redirectWithMessage(request, here, "Utkastet är slängt. Kursen är som den senast publicerade versionen.") : refuse(discarded);
    }
  }
}

/** "Flytta upp" / "Flytta ner" as plain forms (keyboard and no JavaScript alike); none past either end. */
function MoveButtons({
  intent,
  field,
  item,
  index,
  count,
  revision,
  labels,
}: {
  intent: "move" | "move-module";
  field: "lesson" | "module";
  item: { slug: string; title: string };
  index: number;
  count: number;
  revision: number;
  labels: [up: string, down: string];
}) {
  return (["up", "down"] as const).map((direction) =>
    (direction === "up" ? index > 0 : index < count - 1) ? (
      <Form method="post" key={direction}>
        <input type="hidden" name="intent" value={intent} />
        <input type="hidden" name="revision" value={revision} />
        <input type="hidden" name={field} value={item.slug} />
        <input type="hidden" name="direction" value={direction} />
        <button type="submit" className="secondary small">
          {direction === "up" ? labels[0] : labels[1]}
          <span className="visually-hidden"> {item.title}</span>
        </button>
      </Form>
    ) : null,
  );
}

export default function EditCourse() {
  const { course, latest, draft, revision, modules, changes } = useLoaderData<typeof loader>();
  const { errors: allErrors, values, failed } = useFormFailure();
  // Several forms share field names (title): a refusal's messages and typed text go back to the form that was sent.
  const sent = valueOf(values, "intent");
  const errorsOf = (form: string) => (sent === form ? allErrors : {});
  const typed = (form: string, key: string, stored: string) => (failed && sent === form ? valueOf(values, key) : stored);
  const errors = { _form: allErrors._form };
  return (
    <>
      <p>
        <Link to="/redigera">← Alla kurser</Link>
      </p>
      <h1>Redigera: {course.title}</h1>
      <p className="muted">
        {course.program}. Publicerad version {latest.number}, {swedishDateTime(latest.publishedAt)}
        {latest.origin === "app" ? ` av ${latest.publishedBy ?? "okänd"}` : " (från innehållsfilerna)"}.{" "}
        <Link to={`/redigera/${course.slug}/versioner`}>Versioner</Link>
      </p>
      <FormError errors={errors._form} />
      <section aria-labelledby="utkast" className="card">
        <h2 id="utkast">Utkast</h2>
        {draft ? (
          <>
            <p>
              Ändrat {swedishDateTime(draft.updatedAt)} av {draft.updatedBy ?? "okänd"}. Deltagarna ser ändringarna först när du publicerar.
            </p>
            {changes.length > 0 ? (
              <details>
                <summary>
                  Vad ändras ({changes.length} {changes.length === 1 ? "fil" : "filer"})
                </summary>
                <DiffView changes={changes} />
              </details>
            ) : null}
            <Form method="post" className="inline-form">
              <input type="hidden" name="intent" value="publish" />
              <input type="hidden" name="revision" value={revision} />
              <TextField
                name="note"
                label="Vad ändrades? (valfritt, syns i versionslistan)"
                defaultValue={typed("publish", "note", "")}
                errors={errorsOf("publish").note}
              />
              <button type="submit">Publicera</button>
            </Form>
            <Form method="post">
              <input type="hidden" name="intent" value="discard" />
              <input type="hidden" name="revision" value={revision} />
              <button type="submit" className="secondary">
                Släng utkastet
              </button>
            </Form>
          </>
        ) : (
          <p>Inget utkast. Det du ändrar nedan samlas i ett utkast som du publicerar när du är klar.</p>
        )}
      </section>

      <h2>Kursens namn och text</h2>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="details" />
        <input type="hidden" name="revision" value={revision} />
        <TextField name="title" label="Namn" required defaultValue={typed("details", "title", course.title)} errors={errorsOf("details").title} />
        <TextArea name="body" label="Beskrivning (Markdown)" rows={5} defaultValue={typed("details", "body", course.body)} errors={errorsOf("details").body} />
        <button type="submit" className="secondary">
          Spara i utkastet
        </button>
      </Form>

      <h2>Moduler och lektioner</h2>
      {modules.map((module, moduleIndex) => (
        <section key={module.slug} aria-labelledby={`modul-${module.slug}`} className="card">
          <h3 id={`modul-${module.slug}`}>
            {module.title} {module.required ? null : <span className="badge">valfri</span>}{" "}
            <Link to={`/redigera/${course.slug}/modul/${module.slug}`} className="small">
              Redigera modulen<span className="visually-hidden"> {module.title}</span>
            </Link>
          </h3>
          <div className="row-actions">
            <MoveButtons
              intent="move-module"
              field="module"
              item={module}
              index={moduleIndex}
              count={modules.length}
              revision={revision}
              labels={["Flytta modulen upp", "Flytta modulen ner"]}
            />
          </div>
          <ol className="edit-lessons">
            {module.lessons.map((lesson, i) => (
              <li key={lesson.slug} id={`lektion-${lesson.slug}`}>
                <Link to={`/redigera/${course.slug}/lektion/${lesson.slug}`}>{lesson.title}</Link>{" "}
                <span className="muted">
                  {LESSON_TYPE_LABELS[lesson.type] ?? lesson.type}
                  {lesson.required ? "" : ", valfri"}
                </span>
                <span className="row-actions">
                  <MoveButtons
                    intent="move"
                    field="lesson"
                    item={lesson}
                    index={i}
                    count={module.lessons.length}
                    revision={revision}
                    labels={["Flytta upp", "Flytta ner"]}
                  />
                  <Form method="post">
                    <input type="hidden" name="intent" value="retire" />
                    <input type="hidden" name="revision" value={revision} />
                    <input type="hidden" name="lesson" value={lesson.slug} />
                    <button type="submit" className="secondary small">
                      Ta bort<span className="visually-hidden"> {lesson.title}</span>
                    </button>
                  </Form>
                </span>
              </li>
            ))}
          </ol>
        </section>
      ))}

      <h2>Lägg till</h2>
      <Form method="post" noValidate className="card">
        <input type="hidden" name="intent" value="add-lesson" />
        <input type="hidden" name="revision" value={revision} />
        <SelectField
          name="module"
          label="Modul"
          defaultValue={typed("add-lesson", "module", modules.at(-1)?.slug ?? "")}
          errors={errorsOf("add-lesson").module}
          options={modules.map((mod) => ({ value: mod.slug, label: mod.title }))}
        />
        <SelectField
          name="type"
          label="Sorts lektion"
          defaultValue={typed("add-lesson", "type", "text")}
          errors={errorsOf("add-lesson").type}
          options={LESSON_TYPES.map((type) => ({ value: type, label: LESSON_TYPE_LABELS[type] ?? type }))}
        />
        <TextField name="title" id="new-lesson-title" label="Rubrik" defaultValue={typed("add-lesson", "title", "")} errors={errorsOf("add-lesson").title} />
        <button type="submit" className="secondary">
          Lägg till lektion
        </button>
      </Form>
      <Form method="post" noValidate className="card">
        <input type="hidden" name="intent" value="add-module" />
        <input type="hidden" name="revision" value={revision} />
        <TextField
          name="moduleTitle"
          label="Ny moduls namn"
          defaultValue={typed("add-module", "moduleTitle", "")}
          errors={errorsOf("add-module").moduleTitle}
        />
        <button type="submit" className="secondary">
          Lägg till modul
        </button>
      </Form>
    </>
  );
}
