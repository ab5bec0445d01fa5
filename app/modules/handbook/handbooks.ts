import { swedishDate } from "~/utils/time";

/**
 * The courses published as handbooks ("sprida kommunikationsmodellen som en
 * handbok"): their text, printable and downloadable as one document. A list
 * here until authors can mark a course as a handbook in the app; the pages
 * and the course page ask `handbookFor`, so a course added here gets all of it.
 */
export interface HandbookConfig {
  courseSlug: string;
  /** Under the title on the cover. */
  subtitle: string;
  /** The module whose text, after the course summary, introduces the handbook; every other module is a chapter. */
  introductionModule: string;
}

const HANDBOOKS: readonly HandbookConfig[] = [
  { courseSlug: "kommunikationsmodellen", subtitle: "Handbok för Socialdemokraterna i Norrbotten", introductionModule: "introduktion" },
];

export function handbookFor(courseSlug: string | undefined): HandbookConfig | null {
  return HANDBOOKS.find((handbook) => handbook.courseSlug === courseSlug) ?? null;
}

export const handbookPath = (courseSlug: string) => `/handbok/${courseSlug}`;
export const handbookPdfPath = (courseSlug: string) => `/handbok/${courseSlug}.pdf`;

/** Under the edition on the cover: a printout or a PDF passed on says where it came from. */
export const HANDBOOK_SOURCE = "Ur Ledarlyftet, Socialdemokraterna i Norrbottens utbildningsplattform.";

/** "Version 1a2b3c4d, senast ändrad 12 december 2026.": on the cover of the page and of the PDF, so a printout says which text it is. */
export function editionLine(edition: string, changedAt: Date | string): string {
  return `Version ${edition}, senast ändrad ${swedishDate(changedAt)}.`;
}
