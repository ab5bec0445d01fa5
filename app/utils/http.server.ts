import type { AppLoadContext } from "@remix-run/node";

export function forbidden(message = "Du har inte behörighet till den här sidan.") {
  return new Response(message, { status: 403, statusText: "Forbidden" });
}

export function notFound(message = "Sidan finns inte.") {
  return new Response(message, { status: 404, statusText: "Not Found" });
}

export function badRequest(message = "Ogiltig begäran.") {
  return new Response(message, { status: 400, statusText: "Bad Request" });
}

/** The address the server saw (or the proxy reported, when trusted); set by server.js. */
export function clientAddress(context: AppLoadContext | undefined): string {
  const address = (context as { clientAddress?: unknown } | undefined)?.clientAddress;
  return typeof address === "string" && address.length > 0 ? address : "unknown";
}

/**
 * A file the browser saves rather than shows: `Content-Disposition: attachment`
 * with its Swedish name (RFC 6266 `filename*`, UTF-8) and a plain-ASCII
 * `filename` for clients that read only that one (å ä ö as a o o). Personal
 * and district data, so never kept in a shared cache. The browser takes the
 * type we name and never guesses another from the bytes (nosniff), which
 * matters most for files someone uploaded. `size`, when known, lets the
 * browser show how far a download has come.
 */
export function fileDownload(body: BodyInit, { filename, contentType, size }: { filename: string; contentType: string; size?: number }): Response {
  const headers = new Headers({
    "Content-Type": contentType,
    "Content-Disposition": attachmentDisposition(filename),
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  });
  if (size !== undefined) headers.set("Content-Length", String(size));
  return new Response(body, { headers });
}

export function attachmentDisposition(filename: string): string {
  const ascii = filename
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\x20-\x7e]|["\\]/g, "_");
  // encodeURIComponent leaves ' ( ) * as they are; RFC 8187 wants them encoded too.
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Whether the client already holds the representation tagged `etag` (If-None-Match names it): answer 304 then. */
export function clientHasEtag(request: Request, etag: string): boolean {
  return (request.headers.get("If-None-Match") ?? "").split(",").some((tag) => tag.trim() === etag);
}
