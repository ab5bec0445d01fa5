import { createHash } from "node:crypto";
import { brotliCompressSync, constants as zlib, gzipSync } from "node:zlib";
import type { EntryContext } from "@remix-run/node";
import { config } from "~/config.server";
import { BoundedCache } from "~/utils/bounded-cache";
import { stockholmDate } from "~/utils/time";

/*
 * Rendered documents, kept by what they were rendered from. A Remix document
 * is a function of the URL, the loaders' data, the build, and (for
 * "today"/"overdue" wording) the Swedish date; when all of those are the same
 * as for an earlier request, so is the HTML. The loaders still run every
 * time (they check who is asking and read the current data), so nothing
 * stale or someone else's can be served: a different person, flash message
 * or row gives other loader data, and so another key. What it saves is
 * React's render, which for the goals dashboard (2,000 elements) is most of
 * the page's cost, and the compression of the page, which for a lesson is
 * a tenth of its cost.
 *
 * A kept document is the same bytes for every request, so it carries no
 * nonce: its response's Content-Security-Policy names each of its inline
 * scripts by its SHA-256 instead, as a policy for a cached page does (CSP
 * Level 3 hash sources). A script an attacker got into the data would be in
 * other loader data, so in another document rendered afresh, under that
 * request's own nonce, never among the hashes of this one. It is kept
 * brotli- and gzip-compressed, made once, with a strong ETag per encoding.
 *
 * A key is only stored the second time it is seen, so pages looked at once
 * (one learner's lesson) do not push out pages many look at again (the
 * dashboard, a cohort roster). At most 8 MB are kept, all encodings counted.
 */

export type Encoding = "br" | "gzip" | "identity";

export interface KeptDocument {
  /** The CSP sources that allow exactly this document's inline scripts. */
  scriptSources: string[];
  bodies: Record<Encoding, Uint8Array<ArrayBuffer>>;
  etags: Record<Encoding, string>;
}

const sizeOf = (kept: KeptDocument) => kept.bodies.br.byteLength + kept.bodies.gzip.byteLength + kept.bodies.identity.byteLength;

const documents = new BoundedCache<KeptDocument>(8 * 1024 * 1024, 1024 * 1024, sizeOf, 5_000);

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

export function cachedDocument(key: string): KeptDocument | null {
  return documents.get(key) ?? null;
}

const INLINE_SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi;

/** The hash source of each inline script, as a browser computes it over the script's text. */
function inlineScriptHashes(html: string): string[] | null {
  const sources = new Set<string>();
  for (const [, attributes, text] of html.matchAll(INLINE_SCRIPT)) {
    if (/\bsrc\s*=/i.test(attributes!)) continue;
    // The parser turns CR LF into LF before a browser hashes; React writes neither, and such a page is not kept.
    if (text!.includes("\r")) return null;
    sources.add(`'sha256-${createHash("sha256").update(text!, "utf8").digest("base64")}'`);
  }
  return [...sources];
}

/**
 * Keeps a whole document rendered with `nonce`, without it: the nonce
 * attributes go, and a page with the nonce anywhere else is not kept.
 */
export function keepDocument(key: string, html: string, nonce: string) {
  const withoutNonce = nonce ? html.replaceAll(` nonce="${nonce}"`, "") : html;
  if (nonce && withoutNonce.includes(nonce)) return;
  const scriptSources = inlineScriptHashes(withoutNonce);
  if (!scriptSources) return;
  const identity = new TextEncoder().encode(withoutNonce);
  const bodies: Record<Encoding, Uint8Array<ArrayBuffer>> = {
    identity,
    // Made once for every later request, so at a higher setting than compression's per-response ones.
    gzip: new Uint8Array(gzipSync(identity, { level: 6 })),
    br: new Uint8Array(
      brotliCompressSync(identity, {
        params: { [zlib.BROTLI_PARAM_QUALITY]: 6, [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT, [zlib.BROTLI_PARAM_SIZE_HINT]: identity.byteLength },
      }),
    ),
  };
  const tag = key.slice(0, 32);
  documents.offer(key, { scriptSources, bodies, etags: { br: `"${tag}-br"`, gzip: `"${tag}-gz"`, identity: `"${tag}"` } });
}

/** Brotli when the client takes it, then gzip, else the plain bytes; q=0 refuses, `*` stands for any not named. */
export function preferredEncoding(acceptEncoding: string | null): Encoding {
  const quality = new Map<string, number>();
  for (const part of (acceptEncoding ?? "").split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    quality.set(name, q === undefined ? 1 : Number(q));
  }
  const accepts = (name: string) => (quality.get(name) ?? quality.get("*") ?? 0) > 0;
  if (accepts("br")) return "br";
  if (accepts("gzip")) return "gzip";
  return "identity";
}
