import { z } from "zod";
import { POSITION_KEYS } from "./positions";
import { ROLE_KEYS } from "./roles";

export const emailField = z
  .string({ required_error: "Ange en e-postadress." })
  .trim()
  .min(1, "Ange en e-postadress.")
  .max(254, "E-postadressen är för lång.")
  .email("Ange en giltig e-postadress, t.ex. namn@exempel.se.")
  .transform((e) => e.toLowerCase());

export const personFields = z.object({
  name: z.string({ required_error: "Ange ett namn." }).trim().min(2, "Ange för- och efternamn (minst 2 tecken).").max(120, "Namnet får vara högst 120 tecken."),
  email: emailField,
  branchId: z.string({ required_error: "Välj en arbetarekommun." }).min(1, "Välj en arbetarekommun.").max(40, "Välj en arbetarekommun."),
  position: z.enum(POSITION_KEYS, { errorMap: () => ({ message: "Välj en befattning." }) }),
  roles: z
    .array(z.enum(ROLE_KEYS, { errorMap: () => ({ message: "Okänd roll." }) }))
    .min(1, "Välj minst en roll.")
    .max(ROLE_KEYS.length, "Okänd roll."),
});

export type PersonInput = z.infer<typeof personFields>;
