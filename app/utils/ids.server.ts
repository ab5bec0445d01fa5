import { randomBytes } from "node:crypto";

let counter = 0;

/**
 * An id for a row written in plain SQL, shaped like the cuid Prisma gives
 * rows it writes: "c", the time, a counter, then randomness. Lists that
 * break ties in time by id (the audit log) keep rows in the order they were
 * made, whichever way they were written.
 */
export function newId(): string {
  counter = (counter + 1) % 36 ** 4;
  return `c${Date.now().toString(36).padStart(8, "0")}${counter.toString(36).padStart(4, "0")}${randomBytes(6).toString("hex")}`;
}
