import { createHash } from "node:crypto";
import type { EntryContext } from "@remix-run/node";
import { config } from "~/config.server";
import { BoundedTextCache } from "~/utils/bounded-cache";
import { stockholmDate } from "~/utils/time";

/*
 * Rendered documents, kept by what they were rendered from. A Remix document
 * is a function of the URL, the loaders' data, the build, and (for
 * "today"/"overdue" wording) the Swedish date; when all of those are the same
 * as for an earlier request, so is the HTML, except for the request's CSP
 * nonce, which is put back in. The loaders still run every time (they check
 * who is asking and read the current data), so nothing stale or someone
 * else's can be served: a different person, flash message or row gives other
 * loader data, and so another key. What it saves is React's render, which for
 * the goals dashboard (2,000 elements) is most of the page's cost. At most
 * 8 MB are kept.
 *
 * A key is only stored the second time it is seen, so pages looked at once
 * (one learner's lesson) do not push out pages many look at again (the
 * dashboard, a cohort roster).
 */

/** Stands in for the nonce in a stored document; never in anything we render. */
const NONCE_SLOT = "\u0000nonce\u0000";

const documents = new BoundedTextCache(8 * 1024 * 1024, 1024 * 1024, 5_000);

export const renderCacheStats = documents;

/** The key of a document that may be kept, or null: only plain successful GETs. */
export function renderKey(request: Request, statusCode: number, context: EntryContext): string | null {
  const state = context.staticHandlerContext;
  if (!config.RENDER_CACHE || request.method !== "GET" || statusCode !== 200 || state.errors || state.actionData) return null;
  const hash = createHash("sha256");
  hash.update(context.manifest.version);
  hash.update("\n");
  hash.update(request.url);
  hash.update("\n");
  hash.update(stockholmDate(new Date()));
  hash.update("\n");
  hash.update(JSON.stringify(state.loaderData));
  return hash.digest("base64url");
}

/** Whether a document rendered now for this key would be kept: only then is it collected as it streams. */
export function wouldKeepDocument(key: string): boolean {
  return documents.wants(key);
}

export function cachedDocument(key: string, nonce: string): string | null {
  const stored = documents.get(key);
  if (stored === undefined) return null;
  return nonce ? stored.replaceAll(NONCE_SLOT, nonce) : stored;
}

export function keepDocument(key: string, html: string, nonce: string) {
  if (html.includes(NONCE_SLOT)) return;
  documents.offer(key, nonce ? html.replaceAll(nonce, NONCE_SLOT) : html);
}
