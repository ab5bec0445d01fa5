import { expect } from "vitest";

/**
 * Matchers for what a loader or action answers, registered for every Vitest
 * config (vitest*.config.ts, setupFiles):
 *
 *   expect(res).toRedirectTo("/courses")          302 or 303 with exactly that Location
 *   expect(res).toRedirectTo(/^\/login\?/)         ... or a Location the RegExp matches
 *   await expect(res).toFlash("Reflektionen är sparad")
 *                                                 a ledarlyftet_flash Set-Cookie whose message
 *                                                 contains the text (or matches a RegExp)
 *   await expect(res).toFlash("Ingen plats", "error")   ... and is a flash of that kind
 *
 * toRedirectTo takes a fetch Response (headers.get), Node's IncomingMessage
 * (headers.location) or an answer object with a `location` field (the
 * resilience and multi-server clients). toFlash is async (await it): it
 * decodes the signed cookie with the app's own readFlash.
 */

type Expected = string | RegExp;

interface LedarlyftetMatchers<R = unknown> {
  /** A 302/303 redirect whose Location is `location` (a string is compared exactly; a RegExp or asymmetric matcher is matched). */
  toRedirectTo(location: Expected): R;
  /** The response sets the flash cookie, its message contains `message` (or matches the RegExp), and with `kind` given, the flash is of that kind. Await it. */
  toFlash(message: Expected, kind?: "success" | "info" | "error"): Promise<R>;
}

declare module "vitest" {
  // Vitest's own declaration is `Assertion<T = any>`; an augmentation must repeat it, and adds members only through extends.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any, @typescript-eslint/no-empty-object-type
  interface Assertion<T = any> extends LedarlyftetMatchers<T> {}
}

const REDIRECT_STATUSES = [302, 303];
const FLASH_COOKIE = "ledarlyftet_flash";

interface Answer {
  status?: unknown;
  location?: unknown;
  headers?: unknown;
}

/** What readFlash answers: { flash: { message, kind } } (or, before flash kinds, { message }). */
interface FlashRead {
  flash?: { message?: unknown; kind?: unknown } | null;
  message?: unknown;
}

function locationOf(actual: Answer): string | null {
  const headers = actual.headers as { get?: (name: string) => string | null; location?: unknown } | undefined;
  if (headers && typeof headers.get === "function") return headers.get("Location");
  if (headers && typeof headers.location === "string") return headers.location;
  return typeof actual.location === "string" ? actual.location : null;
}

function setCookiesOf(actual: Answer): string[] {
  const headers = actual.headers as { getSetCookie?: () => string[]; "set-cookie"?: unknown } | undefined;
  if (headers && typeof headers.getSetCookie === "function") return headers.getSetCookie();
  const raw = headers?.["set-cookie"];
  return Array.isArray(raw) ? raw.map(String) : [];
}

function show(value: unknown) {
  return value instanceof RegExp ? String(value) : JSON.stringify(value);
}

expect.extend({
  toRedirectTo(actual: Answer, expected: unknown) {
    const status = actual?.status;
    const location = actual ? locationOf(actual) : null;
    const isRedirect = typeof status === "number" && REDIRECT_STATUSES.includes(status);
    const goesThere =
      location !== null &&
      (expected instanceof RegExp ? expected.test(location) : typeof expected === "string" ? location === expected : this.equals(location, expected));
    const pass = isRedirect && goesThere;
    return {
      pass,
      message: () =>
        this.isNot
          ? `expected no redirect to ${show(expected)}, but got ${String(status)} to ${show(location)}`
          : `expected a redirect (${REDIRECT_STATUSES.join("/")}) to ${show(expected)}, but got ${String(status)}${location === null ? " with no Location" : ` to ${show(location)}`}`,
      actual: { status, location },
      expected: { status: REDIRECT_STATUSES, location: expected },
    };
  },

  async toFlash(actual: Answer, expected: unknown, expectedKind?: string) {
    const cookie = setCookiesOf(actual).find((c) => c.startsWith(`${FLASH_COOKIE}=`));
    let message: string | null = null;
    let kind: string | null = null;
    if (cookie) {
      // Decoded by the app itself: the cookie is a signed Remix cookie session.
      const { readFlash } = await import("~/utils/flash.server");
      const read = (await readFlash(new Request("http://localhost/", { headers: { Cookie: cookie.split(";")[0]! } }))) as FlashRead;
      const flash = read.flash ?? (typeof read.message === "string" ? { message: read.message } : null);
      message = typeof flash?.message === "string" ? flash.message : null;
      kind = typeof flash?.kind === "string" ? flash.kind : null;
    }
    const pass =
      message !== null &&
      (expected instanceof RegExp ? expected.test(message) : typeof expected === "string" ? message.includes(expected) : this.equals(message, expected)) &&
      (expectedKind === undefined || kind === expectedKind);
    const wanted = `${show(expected)}${expectedKind === undefined ? "" : ` (${expectedKind})`}`;
    return {
      pass,
      message: () =>
        this.isNot
          ? `expected no flash ${wanted}, but the flash says ${show(message)} (${String(kind)})`
          : !cookie
            ? `expected the flash ${wanted}, but the response sets no ${FLASH_COOKIE} cookie (status ${String(actual?.status)})`
            : `expected the flash ${wanted}, but it says ${show(message)} (${String(kind)})`,
      actual: { message, kind },
      expected: { message: expected, kind: expectedKind },
    };
  },
});
