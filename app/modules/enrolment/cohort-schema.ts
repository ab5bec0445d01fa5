import { z } from "zod";
import { POSITION_KEYS } from "~/modules/people/positions";

const date = (label: string) =>
  z
    .string({ required_error: `Ange ${label}.` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Ange ${label} som ÅÅÅÅ-MM-DD.`)
    .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), `Ange ${label} som ett riktigt datum.`);

export const MODES = ["open", "approval", "invitation"] as const;

export const cohortFields = z
  .object({
    name: z.string({ required_error: "Ange ett namn." }).trim().min(3, "Namnet måste vara minst 3 tecken.").max(120, "Högst 120 tecken."),
    programId: z.string({ required_error: "Välj ett program." }).min(1, "Välj ett program.").max(40, "Välj ett program."),
    startsOn: date("startdatum"),
    endsOn: date("slutdatum"),
    enrolmentOpensOn: date("när anmälan öppnar"),
    enrolmentClosesOn: date("när anmälan stänger"),
    capacity: z.coerce
      .number({ invalid_type_error: "Ange antal platser som ett tal." })
      .int("Ange ett heltal.")
      .min(1, "Minst 1 plats.")
      .max(10_000, "Högst 10 000 platser."),
    mode: z.enum(MODES, { errorMap: () => ({ message: "Välj hur anmälan går till." }) }),
    facilitatorIds: z.array(z.string().min(1).max(40)).max(20),
    branchIds: z.array(z.string().min(1).max(40)).max(500),
    positions: z.array(z.enum(POSITION_KEYS)).max(POSITION_KEYS.length),
  })
  .superRefine((v, ctx) => {
    if (v.endsOn < v.startsOn) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["endsOn"], message: "Slutdatum kan inte vara före startdatum." });
    if (v.enrolmentClosesOn < v.enrolmentOpensOn)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["enrolmentClosesOn"], message: "Anmälan kan inte stänga innan den öppnar." });
  });

export type CohortInput = z.infer<typeof cohortFields>;
export const COHORT_ARRAY_FIELDS = ["facilitatorIds", "branchIds", "positions"];
