import type { ReactNode } from "react";

/**
 * Form fields whose messages sit beside them and are read out with them:
 * the hint and the errors come right after the label, and the control names
 * both in aria-describedby. Errors come from useFormFailure (utils/form-failure.ts).
 * Plain HTML controls inside a plain <Form method="post">: they work without JavaScript.
 */
interface Common {
  name: string;
  label: ReactNode;
  errors?: string[];
  hint?: ReactNode;
  required?: boolean;
  /** The element id, when the same name repeats on a page (one form per row); the name by default. */
  id?: string;
  /** A label for screen readers only, where the row around the field already says what it is. */
  hideLabel?: boolean;
}

type Option = { value: string; label: string };

function describedBy(id: string, errors?: string[], hint?: ReactNode) {
  const ids = [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(" ") : undefined;
}

const invalid = (errors?: string[]) => (errors?.length ? true : undefined);

/** What every single control carries: whether it is required, and its error and hint tied to it. */
function controlProps(id: string, errors: string[] | undefined, hint: ReactNode, required: boolean | undefined) {
  return { required, "aria-invalid": invalid(errors), "aria-describedby": describedBy(id, errors, hint) };
}

function Messages({ id, errors, hint }: { id: string; errors?: string[]; hint?: ReactNode }) {
  return (
    <>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {errors?.length ? (
        <p className="error" id={`${id}-error`}>
          {errors.join(" ")}
        </p>
      ) : null}
    </>
  );
}

function Label({ htmlFor, label, hideLabel }: { htmlFor: string; label: ReactNode; hideLabel?: boolean }) {
  return (
    <label htmlFor={htmlFor} className={hideLabel ? "visually-hidden" : undefined}>
      {label}
    </label>
  );
}

/** A labelled input whose error sits beside it and is read out with it. */
export function TextField({
  name,
  label,
  errors,
  hint,
  required,
  id = name,
  hideLabel,
  type = "text",
  defaultValue,
  autoComplete,
  placeholder,
}: Common & { type?: string; defaultValue?: string; autoComplete?: string; placeholder?: string }) {
  return (
    <div className="field">
      <Label htmlFor={id} label={label} hideLabel={hideLabel} />
      <Messages id={id} errors={errors} hint={hint} />
      <input
        id={id}
        name={name}
        type={type}
        defaultValue={defaultValue}
        autoComplete={autoComplete}
        placeholder={placeholder}
        {...controlProps(id, errors, hint, required)}
      />
    </div>
  );
}

/** A labelled multi-line text, e.g. a reflection or a comment. */
export function TextArea({
  name,
  label,
  errors,
  hint,
  required,
  id = name,
  hideLabel,
  rows = 4,
  defaultValue,
}: Common & { rows?: number; defaultValue?: string }) {
  return (
    <div className="field">
      <Label htmlFor={id} label={label} hideLabel={hideLabel} />
      <Messages id={id} errors={errors} hint={hint} />
      <textarea id={id} name={name} rows={rows} defaultValue={defaultValue} {...controlProps(id, errors, hint, required)} />
    </div>
  );
}

/**
 * A labelled file picker. `accept` only steers what the picker offers first;
 * the server decides by what arrives. A browser cannot put a chosen file back
 * after a refusal, so the hint should say what to choose.
 */
export function FileField({ name, label, errors, hint, required, id = name, hideLabel, accept }: Common & { accept?: string }) {
  return (
    <div className="field">
      <Label htmlFor={id} label={label} hideLabel={hideLabel} />
      <Messages id={id} errors={errors} hint={hint} />
      <input id={id} name={name} type="file" accept={accept} {...controlProps(id, errors, hint, required)} />
    </div>
  );
}

/** A labelled select; `placeholder` is a first option with the empty value ("Alla", "Ingen", "Välj …"). */
export function SelectField({
  name,
  label,
  errors,
  hint,
  required,
  id = name,
  hideLabel,
  defaultValue,
  options,
  placeholder,
}: Common & { defaultValue?: string; options: Option[]; placeholder?: string }) {
  return (
    <div className="field">
      <Label htmlFor={id} label={label} hideLabel={hideLabel} />
      <Messages id={id} errors={errors} hint={hint} />
      <select id={id} name={name} defaultValue={defaultValue} {...controlProps(id, errors, hint, required)}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Several choices under one name: a fieldset whose legend names them, the messages after the legend. */
export function CheckboxGroup({ name, label, errors, hint, id = name, hideLabel, options, checked }: Common & { options: Option[]; checked: string[] }) {
  return (
    <fieldset className="field" aria-describedby={describedBy(id, errors, hint)}>
      <legend className={hideLabel ? "visually-hidden" : undefined}>{label}</legend>
      <Messages id={id} errors={errors} hint={hint} />
      {options.map((o) => (
        <label key={o.value} className="checkbox">
          <input type="checkbox" name={name} value={o.value} defaultChecked={checked.includes(o.value)} aria-invalid={invalid(errors)} /> {o.label}
        </label>
      ))}
    </fieldset>
  );
}

/** One choice of a few, as radio buttons in a fieldset; nothing is chosen unless `defaultValue` says so. */
export function RadioGroup({
  name,
  label,
  errors,
  hint,
  required,
  id = name,
  hideLabel,
  options,
  defaultValue,
}: Common & { options: Option[]; defaultValue?: string }) {
  return (
    // A radio cannot be invalid on its own (ARIA): the group is, as a radiogroup.
    <fieldset className="field" role="radiogroup" aria-invalid={invalid(errors)} aria-describedby={describedBy(id, errors, hint)}>
      <legend className={hideLabel ? "visually-hidden" : undefined}>{label}</legend>
      <Messages id={id} errors={errors} hint={hint} />
      {options.map((o) => (
        <label key={o.value} className="checkbox">
          <input type="radio" name={name} value={o.value} defaultChecked={defaultValue === o.value} required={required} /> {o.label}
        </label>
      ))}
    </fieldset>
  );
}

export function FormError({ errors }: { errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <div className="alert alert-error" role="alert">
      {errors.join(" ")}
    </div>
  );
}
