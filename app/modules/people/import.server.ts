import { inSlices } from "~/utils/in-slices";
import { db, transaction } from "~/db.server";
import { sendInvite } from "~/modules/auth/account-tokens.server";
import { hitRateLimits, importLimits } from "~/modules/auth/rate-limit.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { branchSlug } from "~/modules/branches/branches";
import { CSV_FORMATS, CsvError, parseCsv } from "~/utils/csv";
import { formError, ok, throttled, type ActionResult } from "~/utils/action-result";
import { tooManyInvites } from "./people.server";
import { emailField, PERSON_NAME_MAX, personName } from "./person-schema";
import { findPosition, type PositionKey } from "./positions";
import { findRole, roleFlags, type Role } from "./roles";
import { formatCount } from "~/utils/format";

/** Header names we understand, Swedish first; matched case-insensitively. */
const COLUMNS = {
  name: ["namn", "name"],
  email: ["e-post", "epost", "e-postadress", "email", "e-mail"],
  branch: ["arbetarekommun", "branch", "kommun"],
  position: ["befattning", "position", "uppdrag"],
  roles: ["roller", "roll", "roles"],
} as const;

type Column = keyof typeof COLUMNS;

export const MAX_IMPORT_ROWS = 5000;

export interface ImportRow {
  line: number;
  name: string;
  email: string;
  branchName: string;
  position: string;
  roles: string;
  errors: string[];
  parsed?: { name: string; email: string; branchId: string; position: PositionKey; roles: Role[] };
}

export type ImportPreview = { ok: false; fileError: string } | { ok: true; rows: ImportRow[]; valid: number; invalid: number };

const IMPORT_HEADER = "namn;e-post;arbetarekommun;befattning;roller";

function headerIndex(header: string[]): Record<Column, number> | string {
  // One column: the separator is none the reader knows, and "saknar e-post, …" would send the admin looking for columns that are there.
  if (header.length === 1) return `Kolumnerna i filen gick inte att skilja åt. Första raden ska vara: ${IMPORT_HEADER}. ${CSV_FORMATS}`;
  const normalized = header.map((h) => h.trim().toLowerCase());
  const index = {} as Record<Column, number>;
  const missing: string[] = [];
  for (const [column, names] of Object.entries(COLUMNS) as [Column, readonly string[]][]) {
    const at = normalized.findIndex((h) => names.includes(h));
    if (at === -1) missing.push(names[0]!);
    index[column] = at;
  }
  if (missing.length > 0) {
    return `Rubrikraden saknar ${missing.join(", ")}. Första raden ska vara: ${IMPORT_HEADER} (semikolon, komma eller tabb mellan kolumnerna).`;
  }
  return index;
}

const nameField = personName({
  missing: "namn saknas",
  tooLong: `namnet är för långt (högst ${PERSON_NAME_MAX} tecken)`,
  noLetter: "namnet innehåller ingen bokstav",
});

/**
 * Reads a CSV and says, row by row, what importing it would do. Nothing is
 * written here; `commitImport` writes only a preview without a single error.
 */
export async function previewImport(csvText: string): Promise<ImportPreview> {
  let table: string[][];
  try {
    table = parseCsv(csvText);
  } catch (error) {
    return { ok: false, fileError: error instanceof CsvError ? error.message : `Filen kunde inte läsas som CSV. ${CSV_FORMATS}` };
  }
  if (table.length < 2) return { ok: false, fileError: "Filen innehåller ingen rad med personer under rubrikraden." };
  if (table.length - 1 > MAX_IMPORT_ROWS) {
    return { ok: false, fileError: `Filen har fler än ${formatCount(MAX_IMPORT_ROWS, "rad", "rader")}. Dela upp den.` };
  }
  const index = headerIndex(table[0]!);
  if (typeof index === "string") return { ok: false, fileError: index };

  const branches = await db.branch.findMany({ select: { id: true, name: true, slug: true } });
  const branchBySlug = new Map(branches.map((b) => [b.slug, b]));
  const cells = table.slice(1).map((cols) => (column: Column) => (cols[index[column]] ?? "").trim());

  const emails = cells.map((cell) => cell("email").toLowerCase());
  const existing = new Set(
    (await inSlices(emails, (slice) => db.person.findMany({ where: { email: { in: slice } }, select: { email: true } }))).map((p) => p.email),
  );
  const seen = new Map<string, number>();

  const rows = cells.map((cell, i): ImportRow => {
    const line = i + 2;
    const row: ImportRow = {
      line,
      name: cell("name"),
      email: cell("email"),
      branchName: cell("branch"),
      position: cell("position"),
      roles: cell("roles"),
      errors: [],
    };
    const name = nameField.safeParse(row.name);
    if (!name.success) row.errors.push(name.error.issues[0]!.message);
    const email = emailField.safeParse(row.email);
    if (!email.success) row.errors.push(`ogiltig e-postadress "${row.email}"`);
    else if (existing.has(email.data)) row.errors.push("e-postadressen finns redan i registret");
    else if (seen.has(email.data)) row.errors.push(`samma e-postadress som rad ${seen.get(email.data)}`);
    if (email.success && !seen.has(email.data)) seen.set(email.data, line);
    const branch = branchBySlug.get(branchSlug(row.branchName));
    if (!branch) row.errors.push(`okänd arbetarekommun "${row.branchName}"`);
    const position = findPosition(row.position);
    if (!position) row.errors.push(`okänd befattning "${row.position}"`);
    const roleWords = row.roles
      .split(/[|,/+]+/)
      .map((r) => r.trim())
      .filter(Boolean);
    const roles = roleWords.map(findRole);
    if (roleWords.length === 0) roles.push("participant");
    const unknownRole = roleWords.find((_, j) => roles[j] === null);
    if (unknownRole) row.errors.push(`okänd roll "${unknownRole}"`);
    if (row.errors.length === 0 && name.success && email.success && branch && position) {
      row.parsed = {
        name: name.data,
        email: email.data,
        branchId: branch.id,
        position,
        roles: [...new Set(roles.filter((r): r is Role => r !== null))],
      };
    }
    return row;
  });
  const invalid = rows.filter((r) => r.errors.length > 0).length;
  return { ok: true, rows, valid: rows.length - invalid, invalid };
}

/**
 * All or nothing: the file is checked again (the database may have changed
 * since the preview) and written in one transaction only if every row is good.
 * A refusal names no rows: previewImport shows which ones are wrong.
 */
export async function commitImport(actorId: string, csvText: string): Promise<ActionResult<{ created: number }>> {
  const preview = await previewImport(csvText);
  if (!preview.ok || preview.invalid > 0) return formError("Inget importerades: rätta raderna som är markerade och förhandsgranska igen.");
  const blocked = await hitRateLimits(importLimits(actorId));
  if (blocked) return throttled(`Inget importerades: ${tooManyInvites(blocked)}`, blocked);
  const rows = preview.rows.map((r) => r.parsed!);
  await transaction(async (tx) => {
    for (const row of rows) {
      const person = await tx.person.create({
        data: { name: row.name, email: row.email, branchId: row.branchId, position: row.position, ...roleFlags(row.roles) },
      });
      await sendInvite(tx, person);
      // Each person's own history starts here too, not only in the import's summary event.
      await recordAudit({ actorId, action: "person.imported", subjectType: "person", subjectId: person.id }, tx);
    }
    await recordAudit({ actorId, action: "people.imported", subjectType: "person", detail: { count: rows.length, emails: rows.map((r) => r.email) } }, tx);
  });
  return ok({ created: rows.length });
}
