// Request-size guard for server.js, in its own file so tests can mount it
// on a bare Express app (tests/integration/attack-input.test.ts).

/** The largest request body we read: the people import takes a 2 MB file, plus form overhead. */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

/** Verktygen's upload and replace forms: a manual of up to 20 MB (app/modules/manuals/manuals.ts), and a megabyte for the form around it. */
export const MANUAL_UPLOAD_BODY_BYTES = 21 * 1024 * 1024;

/**
 * The only routes that may send more than MAX_BODY_BYTES, by path. Kept to
 * the forms that upload a manual, so a large body cannot be aimed at any other route.
 *
 * @type {{ path: RegExp; maxBytes: number; message: string }[]}
 */
export const LARGER_BODIES = [
  {
    // With JavaScript, Remix posts to the same path with ".data" added.
    path: /^\/verktyg\/(?:ny|[^/]+\/redigera)(?:\.data)?\/?$/,
    maxBytes: MANUAL_UPLOAD_BODY_BYTES,
    message: "Filen är för stor: en manual får vara högst 20 MB. Gå tillbaka och välj en mindre fil.",
  },
];

/**
 * The most a request to `path` may send, and what a larger one is told.
 *
 * @param {string} path
 * @param {number} [maxBytes]
 * @returns {{ maxBytes: number; message: string }}
 */
export function bodyLimitFor(path, maxBytes = MAX_BODY_BYTES) {
  const route = LARGER_BODIES.find((r) => r.path.test(path));
  if (route) return route;
  const megabytes = Math.round(maxBytes / (1024 * 1024));
  return { maxBytes, message: `Förfrågan är för stor (högst ${megabytes} MB). Ladda upp en mindre fil eller dela upp den.` };
}

/**
 * Refuses a request body larger than `maxBytes` (or, on a route of
 * LARGER_BODIES, that route's own limit) before anything reads it:
 * 413 when Content-Length says so, 411 for a body sent without a length
 * (chunked), which no browser form does and which could otherwise be endless.
 * Node's HTTP parser stops a body at its declared length, so the header can
 * be trusted as an upper bound.
 *
 * @param {number} maxBytes
 * @returns {import("express").RequestHandler}
 */
export function limitRequestBody(maxBytes = MAX_BODY_BYTES) {
  return (req, res, next) => {
    const limit = bodyLimitFor(req.path, maxBytes);
    const length = req.get("Content-Length");
    const chunked = (req.get("Transfer-Encoding") ?? "").toLowerCase().includes("chunked");
    if (length === undefined && !chunked) return next();
    if (length === undefined) return refuse(req, res, 411, "Förfrågan saknar längd (Content-Length). Skicka formuläret igen.", Infinity);
    if (!/^\d+$/.test(length) || Number(length) > limit.maxBytes) return refuse(req, res, 413, limit.message, Number(length));
    next();
  };
}

/** Up to this much of a refused body is read and thrown away, so the client gets to read the answer. */
const DRAIN_LIMIT_BYTES = 64 * 1024 * 1024;

/**
 * Answers at once without reading the body. A browser reads the answer only
 * after it has sent everything, and Node has no "lingering close": closing
 * now would often reset the connection under the upload and the person would
 * see a network error instead of our message. So a body of sane size is read
 * and discarded; an absurd or endless one gets the connection closed.
 */
function refuse(req, res, status, message, declared) {
  const drain = Number.isFinite(declared) && declared <= DRAIN_LIMIT_BYTES;
  if (!drain) res.set("Connection", "close");
  res.status(status).type("text/plain; charset=utf-8").send(message);
  if (drain) req.resume();
}
