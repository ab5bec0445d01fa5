import { createCookieSessionStorage, redirect } from "@remix-run/node";
import { config } from "~/config.server";

/** Confirmations that survive a redirect ("Personen är sparad"), and the odd refusal or notice. */
const storage = createCookieSessionStorage({
  cookie: {
    name: "ledarlyftet_flash",
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: config.NODE_ENV === "production",
    secrets: [config.SESSION_SECRET],
  },
});

/** success: it is done; info: nothing went wrong but something is worth knowing; error: it was not done. */
export const FLASH_KINDS = ["success", "info", "error"] as const;
export type FlashKind = (typeof FLASH_KINDS)[number];

export interface Flash {
  message: string;
  kind: FlashKind;
}

const isKind = (value: unknown): value is FlashKind => FLASH_KINDS.some((k) => k === value);

async function flashCookie(request: Request, message: string, kind: FlashKind): Promise<string> {
  const session = await storage.getSession(request.headers.get("Cookie"));
  session.flash("message", message);
  session.flash("kind", kind);
  return storage.commitSession(session);
}

/**
 * The one way an action says "done" and moves on: a redirect whose flash
 * cookie carries the message, shown once by the root layout. `headers` adds to
 * the answer (another Set-Cookie, as a login does).
 */
export async function redirectWithMessage(
  request: Request,
  to: string,
  message: string,
  kind: FlashKind = "success",
  headers?: HeadersInit,
): Promise<ReturnType<typeof redirect>> {
  const answer = new Headers(headers);
  answer.append("Set-Cookie", await flashCookie(request, message, kind));
  return redirect(to, { headers: answer });
}

/** The flash to show on this page, if any, and the cookie that clears it. A cookie from before kinds existed reads as success. */
export async function readFlash(request: Request): Promise<{ flash: Flash | null; setCookie: string | null }> {
  const session = await storage.getSession(request.headers.get("Cookie"));
  const message = session.get("message");
  if (typeof message !== "string") return { flash: null, setCookie: null };
  const kind = session.get("kind");
  return { flash: { message, kind: isKind(kind) ? kind : "success" }, setCookie: await storage.commitSession(session) };
}
