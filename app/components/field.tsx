import type { ReactNode } from "react";

interface Common {
  name: string;
  label: string;
  errors?: string[];
  hint?: ReactNode;
  required?: boolean;
}

function describedBy(name: string, errors?: string[], hint?: ReactNode) {
  const ids = [hint ? `${name}-hint` : null, errors?.length ? `${name}-error` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(" ") : undefined;
}

function Messages({ name, errors, hint }: Pick<Common, "name" | "errors" | "hint">) {
  return (
    <>
      {hint ? (
        <p className="hint" id={`${name}-hint`}>
          {hint}
        </p>
      ) : null}
      {errors?.length ? (
        <p className="error" id={`${name}-error`}>
          {errors.join(" ")}
        </p>
      ) : null}
    </>
  );
}

/** A labelled input whose error sits beside it and is read out with it. */
export function TextField({
  name,
  label,
  errors,
  hint,
  required,
  type = "text",
  defaultValue,
  autoComplete,
}: Common & { type?: string; defaultValue?: string; autoComplete?: string }) {
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      <Messages name={name} errors={errors} hint={hint} />
      <input
        id={name}
        name={name}
        type={type}
        defaultValue={defaultValue}
        autoComplete={autoComplete}
        required={required}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(name, errors, hint)}
      />
    </div>
  );
}

export function SelectField({
  name,
  label,
  errors,
  hint,
  required,
  defaultValue,
  options,
  placeholder,
}: Common & { defaultValue?: string; options: { value: string; label: string }[]; placeholder?: string }) {
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      <Messages name={name} errors={errors} hint={hint} />
      <select
        id={name}
        name={name}
        defaultValue={defaultValue}
        required={required}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(name, errors, hint)}
      >
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

export function CheckboxGroup({
  name,
  label,
  errors,
  hint,
  options,
  checked,
}: Common & { options: { value: string; label: string }[]; checked: string[] }) {
  return (
    <fieldset className="field" aria-describedby={describedBy(name, errors, hint)}>
      <legend>{label}</legend>
      <Messages name={name} errors={errors} hint={hint} />
      {options.map((o) => (
        <label key={o.value} className="checkbox">
          <input type="checkbox" name={name} value={o.value} defaultChecked={checked.includes(o.value)} /> {o.label}
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
