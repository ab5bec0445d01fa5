import { createCookieSessionStorage } from "@remix-run/node";
import { config } from "~/config.server";

/** Confirmations that survive a redirect ("Personen är sparad"). */
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

export async function flashCookie(request: Request, message: string): Promise<string> {
  const session = await storage.getSession(request.headers.get("Cookie"));
  session.flash("message", message);
  return storage.commitSession(session);
}

export async function readFlash(request: Request): Promise<{ message: string | null; setCookie: string | null }> {
  const session = await storage.getSession(request.headers.get("Cookie"));
  const message = session.get("message");
  if (typeof message !== "string") return { message: null, setCookie: null };
  return { message, setCookie: await storage.commitSession(session) };
}
