import { NORRBOTTEN_BRANCHES } from "~/modules/branches/branches";

export const SIZES = {
  /** For the test of the command itself (tests/integration/synthetic-data.test.ts): every phase, a few seconds. */
  XS: { people: 120, branches: 4, cohorts: 6, sessions: 240, progressPerPerson: 100 },
  S: { people: 1_000, branches: 14, cohorts: 50, sessions: 2_000, progressPerPerson: 100 },
  M: { people: 10_000, branches: 60, cohorts: 500, sessions: 20_000, progressPerPerson: 100 },
  L: { people: 75_000, branches: 290, cohorts: 3_750, sessions: 150_000, progressPerPerson: 107 },
} as const;

export type SizeName = keyof typeof SIZES;
export type Size = (typeof SIZES)[SizeName];

export const SYNTHETIC_DOMAIN = "synthetic.ledarlyftet.se";
export const SYNTHETIC_PASSWORD = "Ledarlyftet-bench-2026";

export const FIRST_NAMES = [
  "Anna",
  "Erik",
  "Maria",
  "Lars",
  "Karin",
  "Johan",
  "Sara",
  "Anders",
  "Eva",
  "Per",
  "Lena",
  "Mikael",
  "Kristina",
  "Nils",
  "Emma",
  "Jonas",
  "Ingrid",
  "Henrik",
  "Linnea",
  "Olof",
  "Sofia",
  "Magnus",
  "Elin",
  "Peter",
  "Ida",
  "Fredrik",
  "Malin",
  "Gustav",
  "Helena",
  "Mats",
  "Hanna",
  "Stefan",
  "Amira",
  "Ahmed",
  "Aino",
  "Niila",
  "Saga",
  "Ali",
  "Johanna",
  "Leo",
] as const;

export const LAST_NAMES = [
  "Andersson",
  "Johansson",
  "Karlsson",
  "Nilsson",
  "Eriksson",
  "Larsson",
  "Olsson",
  "Persson",
  "Svensson",
  "Gustafsson",
  "Lindberg",
  "Lundström",
  "Nordin",
  "Sandberg",
  "Strand",
  "Hedlund",
  "Öhman",
  "Lindqvist",
  "Berglund",
  "Forsberg",
  "Isaksson",
  "Lantto",
  "Mäki",
  "Niemi",
  "Pekkari",
  "Sundqvist",
  "Wikström",
  "Holmgren",
  "Marklund",
  "Rönnbäck",
] as const;

const PLACE_START = ["Norr", "Sö", "Väs", "Ös", "Stor", "Lill", "Berg", "Sjö", "Skog", "Ny", "Gam", "Hög", "Ek", "Björk", "Gran", "Lind", "Ål", "Mo"] as const;
const PLACE_END = ["sjö", "by", "åker", "berg", "dal", "holm", "vik", "näs", "ås", "tuna", "köping", "fors", "hult", "ryd", "lund", "torp", "stad"] as const;

/** Norrbotten's own 14 first, then made-up places in a fixed order. */
export function branchNames(count: number): string[] {
  const names: string[] = [...NORRBOTTEN_BRANCHES];
  const taken = new Set(names);
  for (const end of PLACE_END) {
    for (const start of PLACE_START) {
      const name = start + end;
      if (!taken.has(name)) {
        names.push(name);
        taken.add(name);
      }
    }
  }
  if (count > names.length) throw new Error(`At most ${names.length} synthetic branches`);
  return names.slice(0, count);
}
