export const ROLES = [
  { key: "participant", label: "Deltagare", column: "isParticipant" },
  { key: "facilitator", label: "Utvecklingsledare", column: "isFacilitator" },
  { key: "admin", label: "Distriktsadmin", column: "isAdmin" },
  /** District staff who keep the shared material (Verktygen's manuals, and later the course text) without administering people. */
  { key: "editor", label: "Kursredaktör", column: "isCourseEditor" },
] as const;

export type Role = (typeof ROLES)[number]["key"];
export const ROLE_KEYS = ROLES.map((r) => r.key) as [Role, ...Role[]];

export interface RoleFlags {
  isParticipant: boolean;
  isFacilitator: boolean;
  isAdmin: boolean;
  isCourseEditor: boolean;
}

export function rolesOf(person: RoleFlags): Role[] {
  return ROLES.filter((r) => person[r.column]).map((r) => r.key);
}

export function roleFlags(roles: readonly Role[]): RoleFlags {
  return {
    isParticipant: roles.includes("participant"),
    isFacilitator: roles.includes("facilitator"),
    isAdmin: roles.includes("admin"),
    isCourseEditor: roles.includes("editor"),
  };
}

/** Only an Utvecklingsledare supports branches (and through them reviews learners' work): whom the support form is for. */
export function supportsBranches(person: RoleFlags): boolean {
  return person.isFacilitator;
}

export function roleLabel(role: Role): string {
  return ROLES.find((r) => r.key === role)?.label ?? role;
}

/** Accepts "Deltagare", "utvecklingsledare", "admin" and the like. */
export function findRole(input: string): Role | null {
  const needle = input.trim().toLowerCase();
  const hit = ROLES.find((r) => r.key === needle || r.label.toLowerCase() === needle || (needle === "admin" && r.key === "admin"));
  return hit?.key ?? null;
}
