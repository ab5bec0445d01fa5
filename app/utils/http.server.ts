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
