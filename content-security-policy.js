// The Content-Security-Policy of every response, in one place for server.js
// and for app/entry.server.tsx, which names a kept document's scripts by
// their hashes instead of this response's nonce (app/render-cache.server.ts).

/**
 * The policy, with the sources inline scripts may come from besides 'self':
 * this response's nonce ("'nonce-…'") or the SHA-256 of each script
 * ("'sha256-…'"). Nothing inline runs without one of them.
 *
 * @param {string[]} inlineScriptSources
 * @returns {string}
 */
export function contentSecurityPolicy(inlineScriptSources) {
  return [
    "default-src 'self'",
    ["script-src 'self'", ...inlineScriptSources].join(" "),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
