import { POSITIONS } from "~/modules/people/positions";

/** Options for the branch and position selects that filter forms share. */
export const branchOptions = (branches: { id: string; name: string }[]) => branches.map((b) => ({ value: b.id, label: b.name }));
export const positionOptions = POSITIONS.map((p) => ({ value: p.key, label: p.label }));
