import type { LoaderFunctionArgs } from "@remix-run/node";
import { feedLimits, hitRateLimits } from "~/modules/auth/rate-limit.server";
import { feedFor } from "~/modules/calendar/feed.server";
import { clientAddress, clientHasEtag } from "~/utils/http.server";

/**
 * /kalender/<token>.ics: a person's subscription feed. The token is the
 * secret; a wrong or revoked one is a plain 404. Calendar apps poll, so
 * ETag and Last-Modified let them skip unchanged feeds with a 304.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const file = params.file ?? "";
  const blocked = await hitRateLimits(feedLimits(file, clientAddress(context)));
  if (blocked) {
    const seconds = Math.max(1, Math.ceil((blocked.getTime() - Date.now()) / 1000));
    return new Response("För många förfrågningar", { status: 429, headers: { "Retry-After": String(seconds), "Content-Type": "text/plain; charset=utf-8" } });
  }
  const feed = file.endsWith(".ics") ? await feedFor(file.slice(0, -".ics".length)) : null;
  if (!feed) return new Response("Hittades inte", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const headers = new Headers({
    ETag: feed.etag,
    "Last-Modified": feed.lastModified.toUTCString(),
    "Cache-Control": "private, no-cache",
    "X-Robots-Tag": "noindex",
  });
  const ifModifiedSince = request.headers.get("If-Modified-Since");
  const notModified = request.headers.has("If-None-Match")
    ? clientHasEtag(request, feed.etag)
    : ifModifiedSince !== null && !Number.isNaN(Date.parse(ifModifiedSince)) && feed.lastModified.getTime() <= Date.parse(ifModifiedSince);
  if (notModified) return new Response(null, { status: 304, headers });
  headers.set("Content-Type", "text/calendar; charset=utf-8");
  headers.set("Content-Disposition", 'inline; filename="ledarlyftet.ics"');
  return new Response(feed.body, { status: 200, headers });
}
