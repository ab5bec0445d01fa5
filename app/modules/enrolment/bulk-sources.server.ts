import { inSlices } from "~/utils/in-slices";
import { db } from "~/db.server";
import { CsvError, parseCsv } from "~/utils/csv";
import { emailField } from "~/modules/people/person-schema";
import { peopleWhere, type PeopleFilter } from "~/modules/people/people.server";

export interface BulkSelection {
  personIds: string[];
  /** Lines of the input that name nobody we know, with why. */
  problems: { line: number; value: string; message: string }[];
}

export async function selectByFilter(filter: PeopleFilter): Promise<BulkSelection> {
  const people = await db.person.findMany({ where: { ...peopleWhere(filter), active: true }, select: { id: true } });
  return { personIds: people.map((p) => p.id), problems: [] };
}

/**
 * A CSV of people to enrol: one column named e-post (or email), or just
 * one address per line. Unknown and malformed addresses come back as problems.
 */
export async function selectByCsv(text: string): Promise<BulkSelection | { fileError: string }> {
  let table: string[][];
  try {
    table = parseCsv(text);
  } catch (error) {
    return { fileError: error instanceof CsvError ? error.message : "Filen kunde inte läsas som CSV." };
  }
  if (table.length === 0) return { fileError: "Filen är tom." };
  const header = table[0]!.map((h) => h.trim().toLowerCase());
  const column = header.findIndex((h) => ["e-post", "epost", "email", "e-mail", "e-postadress"].includes(h));
  if (column === -1 && header.length > 1) {
    return { fileError: "Hittar ingen kolumn som heter e-post. Ge kolumnen med adresserna rubriken e-post, eller skriv en adress per rad." };
  }
  const rows = (column === -1 ? table : table.slice(1)).map((r, i) => ({ line: column === -1 ? i + 1 : i + 2, value: (r[Math.max(column, 0)] ?? "").trim() }));
  if (rows.length > 5000) return { fileError: "Högst 5 000 rader åt gången." };
  const problems: BulkSelection["problems"] = [];
  const emails: { line: number; email: string }[] = [];
  for (const row of rows) {
    const parsed = emailField.safeParse(row.value);
    if (parsed.success) emails.push({ line: row.line, email: parsed.data });
    else problems.push({ ...row, message: "ogiltig e-postadress" });
  }
  const found = await inSlices(
    emails.map((e) => e.email),
    (slice) => db.person.findMany({ where: { email: { in: slice } }, select: { id: true, email: true, active: true } }),
  );
  const byEmail = new Map(found.map((p) => [p.email, p]));
  const personIds = new Set<string>();
  for (const e of emails) {
    const person = byEmail.get(e.email);
    if (!person) problems.push({ line: e.line, value: e.email, message: "ingen person med den e-postadressen" });
    else if (!person.active) problems.push({ line: e.line, value: e.email, message: "personen är inaktiverad" });
    else personIds.add(person.id);
  }
  return { personIds: [...personIds], problems };
}
