/**
 * The one way a route action reads its form: only the two encodings a
 * browser form sends, at most so many fields, none of them absurdly long,
 * and a body that will not parse is the sender's error (400), never ours
 * (500). server.js has already capped the body at MAX_BODY_BYTES (5 MB).
 *
 * What it refuses it throws as a Response with a Swedish text, which Remix
 * renders through the root ErrorBoundary with that status.
 */

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
 *   413 for more than `maxFields` fields or a text value over `maxFieldLength` characters.
 */
export async function readForm(request: Request, limits: ReadFormLimits = {}): Promise<FormData> {
  const maxFields = limits.maxFields ?? MAX_FORM_FIELDS;
  const maxFieldLength = limits.maxFieldLength ?? MAX_FIELD_LENGTH;
  const contentType = request.headers.get("Content-Type") ?? "";
  const mediaType = contentType.split(";")[0]!.trim().toLowerCase();

  let form: FormData;
  if (mediaType === URLENCODED) {
    let text: string;
    try {
      text = await request.text();
    } catch {
      throw unreadable();
    }
    // Every field but the first begins after an "&": counted before a single pair is decoded.
    if (occurrences(text, "&") >= maxFields) throw tooManyFields(maxFields);
    form = new FormData();
    for (const [name, value] of new URLSearchParams(text)) form.append(name, value);
  } else if (mediaType === MULTIPART) {
    const boundary = boundaryOf(contentType);
    if (!boundary) throw unreadable();
    let body: ArrayBuffer;
    try {
      body = await request.arrayBuffer();
    } catch {
      throw unreadable();
    }
    // Each part begins with the delimiter, and one more closes the body: counted before the parser builds anything.
    if (occurrencesIn(Buffer.from(body), Buffer.from(`--${boundary}`, "latin1")) > maxFields + 1) throw tooManyFields(maxFields);
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
