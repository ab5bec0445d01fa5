import { POSITIONS } from "~/modules/people/positions";

/** A labelled select with "Alla" first, for filter forms. */
export function FilterSelect({
  name,
  label,
  options,
  defaultValue = "",
  allLabel = "Alla",
}: {
  name: string;
  label: string;
  options: { value: string; label: string }[];
  defaultValue?: string;
  allLabel?: string;
}) {
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      <select id={name} name={name} defaultValue={defaultValue}>
        <option value="">{allLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export const branchOptions = (branches: { id: string; name: string }[]) => branches.map((b) => ({ value: b.id, label: b.name }));
export const positionOptions = POSITIONS.map((p) => ({ value: p.key, label: p.label }));
