import { containsText, db, transaction, type Tx } from "~/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { may, type Actor } from "~/modules/auth/permissions";
import { fieldError, ok, type ActionResult } from "~/utils/action-result";
import { forbidden, notFound } from "~/utils/http.server";
import { newId } from "~/utils/ids.server";
import { cleanFileName, FILE_KINDS, isFileKind, sniffFileKind, type FileKind } from "./file-kinds";
import { parseForm } from "~/utils/forms";
import {
  MANUAL_ARRAY_FIELDS,
  MANUAL_CATEGORIES,
  manualFields,
  MAX_MANUAL_BYTES,
  parseAudience,
  TOO_LARGE,
  type ManualInput,
  type ShelfFilter,
} from "./manuals";

/**
 * The shelf's rules: who sees which manual, what an upload must be, and how
 * the bytes are kept. They live in the database, in parts (ManualFilePart),
 * so every app server serves the same files with nothing else to run; see
 * docs/decisions/015-manuals-in-the-database.md.
 */

/** A part's size: small enough that reading one blocks the server for milliseconds, not seconds. */
export const PART_BYTES = 256 * 1024;

/** Writing a 20 MB file is 80 parts; the default 5 s is for ordinary transactions. */
const FILE_WRITE_TIMEOUT_MS = 60_000;

const NOT_FOUND = "Manualen finns inte, eller så har du inte tillgång till den.";

/** A file that passed the checks: its bytes, what they are, and the name it is served under. */
export interface CheckedFile {
  bytes: Uint8Array<ArrayBuffer>;
  kind: FileKind;
  fileName: string;
}

const REFUSED = {
  executable: "Filen är ett program, inte ett dokument eller en bild. Program tas inte emot, vad filen än heter.",
  macros: "Filen innehåller makron. Spara den utan makron (som .docx eller .pptx) och ladda upp den igen.",
  unknown: "Filen är inte en PDF, ett Word- eller PowerPoint-dokument eller en bild (PNG, JPEG eller WebP). Det är innehållet som avgör, inte filnamnet.",
} as const;

/**
 * The form's file, or the message shown beside the file field. An empty
 * file input arrives as a nameless empty file.
 */
export async function checkUpload(value: FormDataEntryValue | null): Promise<ActionResult<CheckedFile>> {
  if (!(value instanceof File) || (value.size === 0 && value.name === "")) return fieldError("file", "Välj en fil att ladda upp.");
  if (value.size === 0) return fieldError("file", "Filen är tom. Välj en annan fil.");
  if (value.size > MAX_MANUAL_BYTES) return fieldError("file", TOO_LARGE);
  const bytes = new Uint8Array(await value.arrayBuffer());
  const sniffed = sniffFileKind(bytes);
  if (!sniffed.ok) return fieldError("file", REFUSED[sniffed.reason]);
  return ok({ bytes, kind: sniffed.kind, fileName: cleanFileName(value.name, sniffed.kind) });
}

/**
 * The upload form: the manual's fields and its file, each checked, so that a
 * refusal names every problem at once (a missing title and a wrong file type
 * together), each beside its field.
 */
export async function parseManualUpload(formData: FormData): Promise<ActionResult<{ input: ManualInput; file: CheckedFile }>> {
  const form = parseForm(manualFields, formData, MANUAL_ARRAY_FIELDS);
  const file = await checkUpload(formData.get("file"));
  if (form.ok && file.ok) return ok({ input: form.value, file: file.value });
  return { ok: false, errors: { ...(form.ok ? {} : form.errors), ...(file.ok ? {} : file.errors) } };
}

const LISTED = {
  id: true,
  title: true,
  description: true,
  category: true,
  audience: true,
  fileKind: true,
  sizeBytes: true,
  downloads: true,
  updatedAt: true,
} as const;

/**
 * The shelf as this person sees it, by category in the fixed order and by
 * title within one: only the manuals shown to them, and download counts and
 * audiences only for those who keep the shelf. Never the bytes.
 */
export async function listShelf(actor: Actor, filter: ShelfFilter) {
  const rows = await db.manual.findMany({
    where: { ...(filter.kategori ? { category: filter.kategori } : {}), ...(filter.q ? { title: containsText(filter.q) } : {}) },
    orderBy: [{ title: "asc" }, { createdAt: "asc" }],
    select: LISTED,
  });
  const manage = may(actor, "manuals:manage");
  const order = (category: string) => MANUAL_CATEGORIES.findIndex((c) => c.key === category);
  const manuals = rows
    .map((row) => ({ ...row, audience: parseAudience(row.audience) }))
    .filter((row) => may(actor, "manual:open", { audience: row.audience }))
    .sort((a, b) => order(a.category) - order(b.category))
    .map(({ downloads, audience, ...row }) => ({ ...row, downloads: manage ? downloads : null, audience: manage ? audience : null }));
  const total = manage ? rows.length : await countVisible(actor);
  return { manage, manuals, total };
}

/** How many manuals the person would see with no filter: tells "nothing matches" from "the shelf is empty". */
async function countVisible(actor: Actor) {
  const all = await db.manual.findMany({ select: { audience: true } });
  return all.filter((m) => may(actor, "manual:open", { audience: parseAudience(m.audience) })).length;
}

/** For a Kursredaktör's home page: how many manuals the shelf holds and how often they have been downloaded. */
export async function shelfSummary() {
  const { _count, _sum } = await db.manual.aggregate({ _count: { _all: true }, _sum: { downloads: true } });
  return { manuals: _count._all, downloads: _sum.downloads ?? 0 };
}

/** A manual's details for its edit page, or the 404 page. */
export async function requireManual(manualId: string | undefined) {
  const manual = manualId
    ? await db.manual.findUnique({ where: { id: manualId }, select: { ...LISTED, fileName: true, fileId: true, createdAt: true } })
    : null;
  if (!manual) throw notFound(NOT_FOUND);
  return { ...manual, audience: parseAudience(manual.audience) };
}

function requireManager(actor: Actor) {
  if (!may(actor, "manuals:manage")) throw forbidden();
}

/** The bytes as parts of PART_BYTES, under one file id. */
async function writeParts(tx: Tx, manualId: string, fileId: string, bytes: Uint8Array<ArrayBuffer>) {
  for (let part = 0; part * PART_BYTES < bytes.length; part++) {
    await tx.manualFilePart.create({ data: { fileId, part, manualId, bytes: bytes.subarray(part * PART_BYTES, (part + 1) * PART_BYTES) } });
  }
}

const fileFacts = (file: CheckedFile) => ({ fileName: file.fileName, fileKind: file.kind, sizeBytes: file.bytes.length });
const manualFacts = (input: ManualInput) => ({ title: input.title, description: input.description, category: input.category, audience: input.audience });

export async function uploadManual(actor: Actor, input: ManualInput, file: CheckedFile): Promise<ActionResult<{ manualId: string }>> {
  requireManager(actor);
  const manualId = newId();
  await transaction(
    async (tx) => {
      const fileId = newId();
      // The manual row first, as the parts point at it; nobody sees either before the commit.
      await tx.manual.create({
        data: { id: manualId, ...manualFacts(input), audience: input.audience.join(","), fileId, ...fileFacts(file), uploadedById: actor.id },
      });
      await writeParts(tx, manualId, fileId, file.bytes);
      await recordAudit(
        {
          actorId: actor.id,
          action: "manual.uploaded",
          subjectType: "manual",
          subjectId: manualId,
          detail: { after: { ...manualFacts(input), ...fileFacts(file) } },
        },
        tx,
      );
    },
    { timeout: FILE_WRITE_TIMEOUT_MS },
  );
  return ok({ manualId });
}

/**
 * A new file for a manual that keeps its id, and so its link: the bytes,
 * kind, size and name change, the download count stays. The old parts go in
 * the same transaction.
 */
export async function replaceManualFile(actor: Actor, manualId: string, file: CheckedFile): Promise<ActionResult> {
  requireManager(actor);
  await transaction(
    async (tx) => {
      const before = await tx.manual.findUnique({ where: { id: manualId }, select: { fileId: true, fileName: true, fileKind: true, sizeBytes: true } });
      if (!before) throw notFound(NOT_FOUND);
      const fileId = newId();
      await writeParts(tx, manualId, fileId, file.bytes);
      await tx.manual.update({ where: { id: manualId }, data: { fileId, ...fileFacts(file) } });
      await tx.manualFilePart.deleteMany({ where: { fileId: before.fileId } });
      const { fileId: _old, ...was } = before;
      await recordAudit(
        { actorId: actor.id, action: "manual.replaced", subjectType: "manual", subjectId: manualId, detail: { before: was, after: fileFacts(file) } },
        tx,
      );
    },
    { timeout: FILE_WRITE_TIMEOUT_MS },
  );
  return ok();
}

export async function updateManual(actor: Actor, manualId: string, input: ManualInput): Promise<ActionResult> {
  requireManager(actor);
  await transaction(async (tx) => {
    const before = await tx.manual.findUnique({ where: { id: manualId }, select: { title: true, description: true, category: true, audience: true } });
    if (!before) throw notFound(NOT_FOUND);
    await tx.manual.update({ where: { id: manualId }, data: { ...manualFacts(input), audience: input.audience.join(",") } });
    await recordAudit(
      {
        actorId: actor.id,
        action: "manual.updated",
        subjectType: "manual",
        subjectId: manualId,
        detail: { before: { ...before, audience: parseAudience(before.audience) }, after: manualFacts(input) },
      },
      tx,
    );
  });
  return ok();
}

/** Gone for good, bytes and all; the audit log keeps its title and file name. */
export async function deleteManual(actor: Actor, manualId: string): Promise<ActionResult<{ title: string }>> {
  requireManager(actor);
  const title = await transaction(async (tx) => {
    const manual = await tx.manual.findUnique({ where: { id: manualId }, select: { title: true, fileName: true, category: true } });
    if (!manual) throw notFound(NOT_FOUND);
    // The parts go with it (ON DELETE CASCADE).
    await tx.manual.delete({ where: { id: manualId } });
    await recordAudit({ actorId: actor.id, action: "manual.deleted", subjectType: "manual", subjectId: manualId, detail: { before: manual } }, tx);
    return manual.title;
  });
  return ok({ title });
}

/**
 * A manual to download, if this person may see it (a manual they may not see
 * is a 404, the same as one that does not exist). The body reads one part at
 * a time as the client takes it; the download is counted once the last part
 * is handed over. A file replaced meanwhile ends the body with an error rather
 * than mixing two files.
 */
export async function openManual(actor: Actor, manualId: string | undefined) {
  const manual = manualId
    ? await db.manual.findUnique({
        where: { id: manualId },
        select: { id: true, audience: true, fileId: true, fileName: true, fileKind: true, sizeBytes: true },
      })
    : null;
  if (!manual || !isFileKind(manual.fileKind) || !may(actor, "manual:open", { audience: parseAudience(manual.audience) })) throw notFound(NOT_FOUND);
  const parts = Math.ceil(manual.sizeBytes / PART_BYTES);
  let next = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const row = await db.manualFilePart.findUnique({ where: { fileId_part: { fileId: manual.fileId, part: next } }, select: { bytes: true } });
      if (!row) {
        controller.error(new Error(`manual ${manual.id}: part ${next} of file ${manual.fileId} is gone (replaced or deleted while downloading)`));
        return;
      }
      controller.enqueue(row.bytes);
      next++;
      if (next === parts) {
        await db.manual.updateMany({ where: { id: manual.id }, data: { downloads: { increment: 1 } } });
        controller.close();
      }
    },
  });
  return { body, fileName: manual.fileName, contentType: FILE_KINDS[manual.fileKind].contentType, sizeBytes: manual.sizeBytes };
}
