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

export const PERSON_NAME_MAX = 120;

/** What a form says about a name; the import's row messages are fragments ("namn saknas; ogiltig e-postadress"). */
export interface PersonNameMessages {
  missing: string;
  tooLong: string;
  noLetter: string;
}

const SENTENCES: PersonNameMessages = {
  missing: "Ange ett namn.",
  tooLong: `Namnet får vara högst ${PERSON_NAME_MAX} tecken.`,
  noLetter: "Namnet ska innehålla minst en bokstav.",
};

/**
 * A person's name, the one rule for every form that takes one (new and edited
 * people, the import, the crisis contact list, create-admin). Any name that
 * is there is a name: one letter ("Å", an initial) is accepted, and only an
 * empty one is called missing. Spaces around it go and runs of spaces inside
 * become one, so "Anna  Berg " and "Anna Berg" are the same name. A name with
 * no letter at all ("-", "123") is a slip, not a name.
 */
export function personName(messages: PersonNameMessages = SENTENCES) {
  return (
    z
      .string({ required_error: messages.missing })
      .trim()
      .min(1, messages.missing)
      .max(PERSON_NAME_MAX, messages.tooLong)
      // An empty name has been told it is missing; it needs no second message.
      .refine((name) => name === "" || /\p{L}/u.test(name), messages.noLetter)
      .transform((name) => name.replace(/\s+/g, " "))
  );
}

export const personFields = z.object({
  name: personName(),
  email: emailField,
  branchId: z.string({ required_error: "Välj en arbetarekommun." }).min(1, "Välj en arbetarekommun.").max(40, "Välj en arbetarekommun."),
  position: z.enum(POSITION_KEYS, { errorMap: () => ({ message: "Välj en befattning." }) }),
  roles: z
    .array(z.enum(ROLE_KEYS, { errorMap: () => ({ message: "Okänd roll." }) }))
    .min(1, "Välj minst en roll.")
    .max(ROLE_KEYS.length, "Okänd roll."),
});

export type PersonInput = z.infer<typeof personFields>;
