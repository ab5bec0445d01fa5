import type { ZodErrorMap } from "zod";
import { formatNumber } from "./format";

/**
 * Swedish words for zod's own messages, for fields whose schema names no
 * message of its own. Without it a forgotten message reaches the user as
 * "String must contain at most 200 character(s)". Used by parseForm for each
 * parse (messages written in a schema win); type-only import, so this costs
 * the browser bundle no zod.
 */
// zod's own English messages. Anything else was written in the schema
// (required_error, an enum's errorMap) and must win: zod applies a parse's
// error map after the schema's, so this map has to step aside itself.
const ZOD_DEFAULT =
  /^(Required|Expected |Invalid |String must|Number must|Array must|Set must|Date must|BigInt must|Unrecognized |Too (small|big)|Intersection results)/;

export const swedishErrorMap: ZodErrorMap = (issue, ctx) => {
  if (!ZOD_DEFAULT.test(ctx.defaultError)) return { message: ctx.defaultError };
  const count = (n: number | bigint) => formatNumber(Number(n));
  switch (issue.code) {
    case "invalid_type":
      return { message: issue.received === "undefined" || issue.received === "null" ? "Fyll i fältet." : "Ogiltigt värde." };
    case "too_big":
      if (issue.type === "string") return { message: `Högst ${count(issue.maximum)} tecken.` };
      if (issue.type === "array") return { message: `Högst ${count(issue.maximum)} val.` };
      if (issue.type === "number") return { message: `Högst ${count(issue.maximum)}.` };
      return { message: "För stort värde." };
    case "too_small":
      if (issue.type === "string") return { message: Number(issue.minimum) <= 1 ? "Fyll i fältet." : `Minst ${count(issue.minimum)} tecken.` };
      if (issue.type === "array") return { message: `Välj minst ${count(issue.minimum)}.` };
      if (issue.type === "number") return { message: `Minst ${count(issue.minimum)}.` };
      return { message: "För litet värde." };
    case "invalid_string":
      if (issue.validation === "email") return { message: "Ange en giltig e-postadress." };
      if (issue.validation === "url") return { message: "Ange en hel webbadress, t.ex. https://…" };
      return { message: "Ogiltigt format." };
    case "invalid_enum_value":
    case "invalid_literal":
    case "invalid_union_discriminator":
      return { message: "Välj ett av alternativen." };
    case "invalid_date":
      return { message: "Ange ett giltigt datum." };
    default:
      return { message: ctx.defaultError === "Invalid input" ? "Ogiltigt värde." : ctx.defaultError };
  }
};
