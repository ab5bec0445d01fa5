import { z } from "zod";

export const branchNameField = z
  .string({ required_error: "Ange ett namn." })
  .trim()
  .min(2, "Namnet måste vara minst 2 tecken.")
  .max(60, "Namnet får vara högst 60 tecken.")
  .regex(/^[\p{L}][\p{L} .'-]*$/u, "Använd bokstäver, mellanslag och bindestreck.");

export const branchForm = z.object({ name: branchNameField });
