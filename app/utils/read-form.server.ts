/**
 * The one way a route action reads its form: only the two encodings a
 * browser form sends, at most so many fields, none of them absurdly long,
 * and a body that will not parse is the sender's error (400), never ours
 * (500). The body is capped at MAX_BODY_BYTES (5 MB; Verktygen's upload
 * forms more, see server-limits.js) while it is read, as server.js caps it
 * before: the dev server and the tests have no server.js in front.
 *
 * What it refuses it throws as a Response with a Swedish text, which Remix
 * renders through the root ErrorBoundary with that status.
 */
import { bodyLimitFor } from "../../server-limits.js";

/** Far more than any of our forms has; the bulk enrolment's list of people asks for more itself. */
export const MAX_FORM_FIELDS = 1_000;
/** Characters in one text field: five times the longest free text any form takes (an assignment, 20,000). */
export const MAX_FIELD_LENGTH = 100_000;
/** Characters in a field's name: ours are short words. */
export const MAX_FIELD_NAME_LENGTH = 200;

export interface ReadFormLimits {
  /** Most fields (entries, counting each value of a repeated name). Default MAX_FORM_FIELDS. */
  maxFields?: number;
  /** Most characters in any one text value. Default MAX_FIELD_LENGTH. Files are not counted here: the route checks their size. */
  maxFieldLength?: number;
}

const URLENCODED = "application/x-www-form-urlencoded";
const MULTIPART = "multipart/form-data";

function refuse(status: 400 | 413, message: string): Response {
  return new Response(message, {
    status,
    statusText: status === 413 ? "Payload Too Large" : "Bad Request",
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}

/** 100000 as "100 000", with the plain space the app's other messages use. */
const grouped = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, " ");
const tooManyFields = (max: number) => refuse(413, `Formuläret har för många fält (högst ${grouped(max)}). Skicka det igen från sidan.`);
const fieldTooLong = (max: number) => refuse(413, `Ett fält i formuläret är för långt (högst ${grouped(max)} tecken). Korta texten och försök igen.`);
const unreadable = () => refuse(400, "Formuläret gick inte att läsa. Ladda om sidan och skicka det igen.");

/**
 * The body, refused (413) as soon as it passes the route's limit rather than
 * after it has all been read: a sender who declares a false length, or none,
 * is stopped there too.
 */
async function readBody(request: Request): Promise<Uint8Array<ArrayBuffer>> {
  const limit = bodyLimitFor(new URL(request.url).pathname);
  const tooLarge = () => refuse(413, limit.message);
  if (Number(request.headers.get("Content-Length") ?? 0) > limit.maxBytes) throw tooLarge();
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch {
      throw unreadable();
    }
    if (chunk.done) break;
    size += chunk.value.byteLength;
    if (size > limit.maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(chunk.value);
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}

/** How many times `needle` occurs in `haystack`, without building anything. */
function occurrences(haystack: string, needle: string): number {
  let count = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) count++;
  return count;
}

function occurrencesIn(bytes: Buffer, needle: Buffer): number {
  let count = 0;
  for (let at = bytes.indexOf(needle); at !== -1; at = bytes.indexOf(needle, at + needle.length)) count++;
  return count;
}

/** The boundary parameter of a multipart Content-Type, quoted or not. */
function boundaryOf(contentType: string): string | undefined {
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;"]{1,70}))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

/**
 * The request's form, read once and checked, for a route action.
 *
 * @throws Response 400 for any other Content-Type (JSON, text/plain, none) or a body that does not parse;
 *   413 for a body over the route's limit, more than `maxFields` fields or a text value over `maxFieldLength` characters.
 */
export async function readForm(request: Request, limits: ReadFormLimits = {}): Promise<FormData> {
  const maxFields = limits.maxFields ?? MAX_FORM_FIELDS;
  const maxFieldLength = limits.maxFieldLength ?? MAX_FIELD_LENGTH;
  const contentType = request.headers.get("Content-Type") ?? "";
  const mediaType = contentType.split(";")[0]!.trim().toLowerCase();

  let form: FormData;
  if (mediaType === URLENCODED) {
    // As request.text() decodes: UTF-8, a leading BOM dropped, broken sequences as U+FFFD.
    const text = new TextDecoder().decode(await readBody(request));
    // Every field but the first begins after an "&": counted before a single pair is decoded.
    if (occurrences(text, "&") >= maxFields) throw tooManyFields(maxFields);
    form = new FormData();
    for (const [name, value] of new URLSearchParams(text)) form.append(name, value);
  } else if (mediaType === MULTIPART) {
    const boundary = boundaryOf(contentType);
    if (!boundary) throw unreadable();
    const body = await readBody(request);
    // Each part begins with the delimiter, and one more closes the body: counted before the parser builds anything.
    if (occurrencesIn(Buffer.from(body.buffer), Buffer.from(`--${boundary}`, "latin1")) > maxFields + 1) throw tooManyFields(maxFields);
    try {
      form = await new Response(body, { headers: { "Content-Type": contentType } }).formData();
    } catch {
      throw unreadable();
    }
  } else {
    throw refuse(400, "Formuläret skickades i ett format som servern inte tar emot. Skicka det från sidan i webbläsaren.");
  }

  let fields = 0;
  for (const [name, value] of form.entries()) {
    if (++fields > maxFields) throw tooManyFields(maxFields);
    if (name.length > MAX_FIELD_NAME_LENGTH) throw unreadable();
    if (typeof value === "string" && value.length > maxFieldLength) throw fieldTooLong(maxFieldLength);
  }
  return form;
}
