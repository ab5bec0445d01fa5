import { useState, type FormEvent } from "react";
import { CheckboxGroup, FileField, RadioGroup, SelectField, TextArea, TextField } from "~/components/field";
import { formatFileSize, MANUAL_CATEGORIES, MANUAL_FILE_ACCEPT, MAX_MANUAL_BYTES, TOO_LARGE } from "~/modules/manuals/manuals";
import { ROLES } from "~/modules/people/roles";
import { valueOf, valuesOf, type FieldErrors, type FormValues } from "~/utils/forms";

/** A manual's own fields, on the upload form and the edit form alike. */
export function ManualFields({ values, errors }: { values: FormValues; errors: FieldErrors }) {
  return (
    <>
      <TextField name="title" label="Rubrik" required defaultValue={valueOf(values, "title")} errors={errors.title} autoComplete="off" />
      <TextArea
        name="description"
        label="Beskrivning"
        hint="Vad manualen hjälper till med och när den passar. Valfritt."
        rows={3}
        defaultValue={valueOf(values, "description")}
        errors={errors.description}
      />
      <SelectField
        name="category"
        label="Kategori"
        required
        placeholder="Välj kategori"
        options={MANUAL_CATEGORIES.map((c) => ({ value: c.key, label: c.label }))}
        defaultValue={valueOf(values, "category")}
        errors={errors.category}
      />
      <RadioGroup
        name="visibility"
        label="Vilka ser manualen?"
        options={[
          { value: "everyone", label: "Alla inloggade" },
          { value: "roles", label: "Bara vissa roller" },
        ]}
        defaultValue={valueOf(values, "visibility") || "everyone"}
        errors={errors.visibility}
      />
      <CheckboxGroup
        name="audience"
        label="Roller som ser manualen"
        hint="Gäller när du har valt Bara vissa roller. Distriktsadmin och kursredaktörer ser alltid alla manualer."
        options={ROLES.map((r) => ({ value: r.key, label: r.label }))}
        checked={valuesOf(values, "audience")}
        errors={errors.audience}
      />
    </>
  );
}

export const FILE_HINT = `PDF, Word (.docx, .doc), PowerPoint (.pptx, .ppt) eller en bild (PNG, JPEG, WebP), högst ${formatFileSize(MAX_MANUAL_BYTES)}.`;

/** The file picker, with the server's message or the browser's own size check beside it. */
export function ManualFileField({ label, errors, hint = FILE_HINT }: { label: string; errors?: string[]; hint?: string }) {
  return <FileField name="file" label={label} required accept={MANUAL_FILE_ACCEPT} hint={hint} errors={errors} />;
}

/**
 * With JavaScript, a file over the limit is stopped before it is sent: its
 * message sits beside the field and what was typed stays. Without it the
 * server answers the same; a file far over the limit is refused before it
 * is read (server-limits.js), with a page of its own.
 */
export function useFileSizeCheck() {
  const [tooLarge, setTooLarge] = useState<string | null>(null);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const input = event.currentTarget.elements.namedItem("file");
    if (!(input instanceof HTMLInputElement)) return;
    const file = input.files?.[0];
    if (file && file.size > MAX_MANUAL_BYTES) {
      event.preventDefault();
      setTooLarge(TOO_LARGE);
      input.focus();
    } else {
      setTooLarge(null);
    }
  }
  return { tooLarge, onSubmit };
}
