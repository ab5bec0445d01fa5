import { z } from "zod";
import { ROLE_KEYS, ROLES, roleLabel, type Role } from "~/modules/people/roles";
import { FILE_KINDS, isFileKind } from "./file-kinds";

/**
 * Verktygen: the district's shelf of manuals ("Manualerna finns att hämta …
 * där det kommer att fyllas på med manualer efter behov"). What the pages and
 * the server share: the categories, the size limit, the form, and how a
 * file is described in Swedish. The rules that touch the database are in
 * manuals.server.ts.
 */

export const MANUAL_CATEGORIES = [
  { key: "utspel", label: "Utspel" },
  { key: "aktiviteter", label: "Aktiviteter" },
  { key: "kommunikation", label: "Kommunikation" },
  { key: "organisation", label: "Organisation" },
  { key: "ledarskap", label: "Ledarskap" },
] as const;

export type ManualCategory = (typeof MANUAL_CATEGORIES)[number]["key"];
export const CATEGORY_KEYS = MANUAL_CATEGORIES.map((c) => c.key) as [ManualCategory, ...ManualCategory[]];

export function categoryLabel(key: string): string {
  return MANUAL_CATEGORIES.find((c) => c.key === key)?.label ?? key;
}

/** The largest manual, in bytes (20 MB as the page says it). server-limits.js lets its forms' bodies be this and a little more. */
export const MAX_MANUAL_BYTES = 20 * 1024 * 1024;

/** Said beside the file field, by the server and by the page's own check before sending. */
export const TOO_LARGE = "Filen är större än 20 MB, det mesta en manual får vara. Välj en mindre fil eller dela upp den.";

/** For the file input: what the picker offers first. The server decides by the bytes, not by this. */
export const MANUAL_FILE_ACCEPT = [
  ...Object.values(FILE_KINDS).flatMap((k) => k.extensions.map((e) => `.${e}`)),
  ...new Set(Object.values(FILE_KINDS).map((k) => k.contentType)),
].join(",");

const sizeNumber = new Intl.NumberFormat("sv-SE", { maximumFractionDigits: 1 });

/** "1,2 MB", "340 kB", "512 byte": a file's size as Swedish pages write it. */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} kB`;
  const megabytes = bytes / (1024 * 1024);
  return `${sizeNumber.format(megabytes >= 10 ? Math.round(megabytes) : megabytes)} MB`;
}

/** "PDF, 1,2 MB": what a file is and how large, beside its download link. */
export function describeFile(kind: string, bytes: number): string {
  return `${isFileKind(kind) ? FILE_KINDS[kind].label : kind}, ${formatFileSize(bytes)}`;
}

/** Who sees a manual, in words: "Alla inloggade" or the roles by name. */
export function audienceLabel(audience: readonly Role[]): string {
  if (audience.length === 0) return "Alla inloggade";
  return ROLES.filter((r) => audience.includes(r.key))
    .map((r) => roleLabel(r.key))
    .join(", ");
}

/** The stored audience (comma-separated role keys) as a list; an unknown key is dropped, so it shows the manual to nobody extra. */
export function parseAudience(stored: string): Role[] {
  const keys = stored.split(",").map((k) => k.trim());
  return ROLE_KEYS.filter((k) => keys.includes(k));
}

export const MANUAL_TITLE_MAX = 120;
export const MANUAL_DESCRIPTION_MAX = 1_000;

/** The manual's own fields, for a new manual and an edit alike (the file is checked apart, in manuals.server.ts). */
export const manualFields = z
  .object({
    title: z
      .string({ required_error: "Ge manualen en rubrik." })
      .trim()
      .min(1, "Ge manualen en rubrik.")
      .max(MANUAL_TITLE_MAX, `Rubriken får vara högst ${MANUAL_TITLE_MAX} tecken.`),
    description: z
      .string()
      .trim()
      .max(MANUAL_DESCRIPTION_MAX, `Beskrivningen får vara högst ${MANUAL_DESCRIPTION_MAX} tecken.`)
      .optional()
      .transform((d) => d ?? ""),
    category: z.enum(CATEGORY_KEYS, { errorMap: () => ({ message: "Välj en kategori." }) }),
    visibility: z.enum(["everyone", "roles"], { errorMap: () => ({ message: "Välj vilka som ser manualen." }) }),
    audience: z.array(z.enum(ROLE_KEYS, { errorMap: () => ({ message: "Okänd roll." }) })).max(ROLE_KEYS.length, "Okänd roll."),
  })
  .superRefine((value, ctx) => {
    if (value.visibility === "roles" && value.audience.length === 0)
      ctx.addIssue({ code: "custom", path: ["audience"], message: "Välj minst en roll, eller Alla inloggade." });
  })
  .transform(({ visibility, audience, ...rest }) => ({ ...rest, audience: visibility === "everyone" ? [] : [...new Set(audience)] }));

export type ManualInput = z.infer<typeof manualFields>;

/** The form fields that repeat (checkboxes), for parseForm. */
export const MANUAL_ARRAY_FIELDS = ["audience"];

/** Members' filter on the shelf, from the query string: an unknown value means no filter, never an error. */
export const shelfFilter = z.object({
  kategori: z.enum(CATEGORY_KEYS).optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
});

export type ShelfFilter = z.infer<typeof shelfFilter>;
