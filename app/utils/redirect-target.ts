/**
 * Where to send someone after login (`redirectTo`): a path on this site, or
 * `fallback`. Anything a browser could read as another site is refused:
 * `//host` and `/\host` (browsers treat `\` as `/`), the same hidden behind
 * percent-encoding (`/%2F/host`, decoded once by some proxy and again by
 * us), and tabs or line breaks, which browsers drop from a URL
 * (`/\t/host` is `//host`) and which would break the Location header.
 */

const BASE = "http://x.invalid";
/** Decoding rounds before a value that still changes counts as hostile: nobody encodes a path five times. */
const MAX_DECODES = 5;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** The part a browser could take for another origin, in any of its spellings. */
function unsafe(path: string): boolean {
  return path.startsWith("//") || path.startsWith("/\\") || path.includes("\\") || CONTROL.test(path);
}

/**
 * One round of percent-decoding that never throws: a run of escapes that is
 * not valid UTF-8 (or a "%" that is no escape, as in "100%") still has its
 * ASCII escapes decoded, so a "%2F" cannot hide behind a broken neighbour.
 */
function decodeOnce(text: string): string {
  return text.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run.replace(/%([0-7][0-9a-f])/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
    }
  });
}

/**
 * `to` as a same-origin path (with its query and fragment, percent-encoded
 * as a Location header needs), or `fallback` (default "/") when `to` is not
 * a string, does not start with a single "/", or is unsafe at any stage of
 * percent-decoding.
 */
export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/")) return fallback;
  if (to !== "/" && (to[1] === "/" || to[1] === "\\")) return fallback;
  let decoded = to;
  for (let round = 0; ; round++) {
    if (unsafe(decoded)) return fallback;
    const next = decodeOnce(decoded);
    if (next === decoded) break;
    if (round === MAX_DECODES) return fallback;
    decoded = next;
  }
  let url: URL;
  try {
    url = new URL(to, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
