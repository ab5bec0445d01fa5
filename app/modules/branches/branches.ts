/** Norrbotten's 14 arbetarekommuner. */
export const NORRBOTTEN_BRANCHES = [
  "Arjeplog",
  "Arvidsjaur",
  "Boden",
  "Gällivare",
  "Haparanda",
  "Jokkmokk",
  "Kalix",
  "Kiruna",
  "Luleå",
  "Pajala",
  "Piteå",
  "Älvsbyn",
  "Överkalix",
  "Övertorneå",
] as const;

export function branchSlug(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[åä]/g, "a")
    .replace(/ö/g, "o")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}
