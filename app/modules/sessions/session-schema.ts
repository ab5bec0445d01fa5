import { z } from "zod";

/**
 * A video link as calendars and mail clients will take it: https, a plain
 * host name (IDNs arrive as xn--), no user:password@ part; written back in its
 * normalised, percent-encoded form. Anything else is refused at the form
 * rather than breaking the calendar invitation later.
 */
export function meetingUrl(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" || url.username || url.password) return null;
  // Calendar software (and the ics package) wants a port of 2-5 digits.
  if (url.port.length === 1) return null;
  if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/.test(url.hostname)) return null;
  return url.href;
}

const date = z.string({ required_error: "Ange ett datum." }).regex(/^\d{4}-\d{2}-\d{2}$/, "Ange datum som ÅÅÅÅ-MM-DD.");
const time = (label: string) => z.string({ required_error: `Ange ${label}.` }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, `Ange ${label} som TT:MM.`);

/** Times are Swedish wall-clock time (Europe/Stockholm); the module stores instants in UTC. */
export const sessionTimesFields = z
  .object({ date, startTime: time("starttid"), endTime: time("sluttid") })
  .refine((v) => v.endTime > v.startTime, { path: ["endTime"], message: "Sluttiden måste vara efter starttiden." });

export const scheduleFields = z
  .object({
    kind: z.enum(["group", "one-to-one"], { errorMap: () => ({ message: "Välj grupp eller enskild." }) }),
    title: z.string({ required_error: "Ange en rubrik." }).trim().min(3, "Rubriken måste vara minst 3 tecken.").max(120, "Högst 120 tecken."),
    agenda: z.string().trim().max(5000, "Högst 5 000 tecken.").default(""),
    date,
    startTime: time("starttid"),
    endTime: time("sluttid"),
    location: z.string().trim().max(200, "Högst 200 tecken.").default(""),
    videoUrl: z
      .string()
      .trim()
      .max(500, "Högst 500 tecken.")
      .refine((v) => v === "" || /^https:\/\/\S+$/.test(v), "Videolänken ska börja med https://")
      .refine(
        (v) => v === "" || !/^https:\/\//.test(v) || meetingUrl(v) !== null,
        "Videolänken ser inte ut som en webbadress, t.ex. https://meet.example.se/rum.",
      )
      .transform((v) => (v === "" ? "" : meetingUrl(v)!))
      .default(""),
    cohortId: z.string().max(40).default(""),
    participantIds: z.array(z.string().min(1).max(40)).max(500).default([]),
    capacity: z.union([z.literal(""), z.coerce.number().int("Ange ett heltal.").min(1, "Minst 1.").max(500, "Högst 500.")]).default(""),
    repeatWeeks: z.coerce.number().int().min(0).max(8).default(0),
    occurrences: z.coerce.number().int().min(1, "Minst 1 tillfälle.").max(26, "Högst 26 tillfällen.").default(1),
    openSlot: z.literal("on").optional(),
  })
  .refine((v) => v.endTime > v.startTime, { path: ["endTime"], message: "Sluttiden måste vara efter starttiden." })
  .refine((v) => v.location !== "" || v.videoUrl !== "", { path: ["location"], message: "Ange en plats eller en videolänk." });

export type ScheduleInput = z.infer<typeof scheduleFields>;
export const SCHEDULE_ARRAY_FIELDS = ["participantIds"];
