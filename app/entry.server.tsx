import { PassThrough, Transform } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { startReplyMailbox } from "~/modules/calendar/reply-mailbox.server";
import { startFollowUpMail } from "~/modules/follow-up/follow-up-jobs.server";
import { startMonthlySnapshots } from "~/modules/goals/scheduler.server";
import { startHousekeeping } from "~/modules/housekeeping/retention.server";
import { startMailDelivery } from "~/modules/mail/worker.server";
import { startSessionReminders } from "~/modules/sessions/reminders.server";
import { cachedDocument, keepDocument, preferredEncoding, renderKey, wouldKeepDocument, type KeptDocument } from "~/render-cache.server";
import { contentSecurityPolicy } from "../content-security-policy.js";
import { clientHasEtag } from "~/utils/http.server";
import { NonceProvider } from "~/utils/nonce";

// Background work of the server process: the outbox over SMTP (when SMTP_URL
// is set), the monthly snapshot of every indicator, pruning what is kept
// only for a while, the reminders before handledning, and (with REPLY_MAILBOX)
// the answers calendars send back.
startMailDelivery();
startMonthlySnapshots();
startHousekeeping();
startSessionReminders();
startReplyMailbox();
startFollowUpMail();

// server.js reaches these through the build (build.entry.module) for a clean shutdown.
export { closeDatabases, stopBackgroundWork } from "~/shutdown.server";

const ABORT_DELAY = 5_000;

/**
 * A kept document, as it was compressed once, under a policy that names its
 * scripts by hash; 304 when the browser has these very bytes already.
 */
function keptDocumentResponse(request: Request, kept: KeptDocument, status: number, headers: Headers, loadContext: AppLoadContext) {
  const encoding = preferredEncoding(request.headers.get("Accept-Encoding"));
  // server.js set a policy with this request's nonce; without server.js (tests, the dev server) the response carries its own.
  if (loadContext.allowInlineScripts) loadContext.allowInlineScripts(kept.scriptSources);
  else headers.set("Content-Security-Policy", contentSecurityPolicy(kept.scriptSources));
  headers.set("Content-Type", "text/html; charset=utf-8");
  headers.append("Vary", "Accept-Encoding");
  headers.set("ETag", kept.etags[encoding]);
  // Personal pages: a browser keeps them and asks again each time; nothing shared keeps them.
  if (!headers.has("Cache-Control")) headers.set("Cache-Control", "private, no-cache");
  if (clientHasEtag(request, kept.etags[encoding])) return new Response(null, { status: 304, headers });
  if (encoding !== "identity") headers.set("Content-Encoding", encoding);
  headers.set("Content-Length", String(kept.bodies[encoding].byteLength));
  return new Response(kept.bodies[encoding], { headers, status });
}

/**
 * Remix's default streaming document renderer (as `remix vite:build` would
 * supply it), plus the per-request nonce. Browsers get the document from
 * the moment its shell is ready; crawlers (and anything isbot recognises)
 * only once everything is rendered, so they never see a fallback.
 * A document rendered before from the same URL and loader data comes from
 * the render cache (render-cache.server.ts) instead of React, compressed.
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // server.js makes a nonce per request and names it in the Content-Security-Policy.
  const nonce = typeof loadContext.cspNonce === "string" ? loadContext.cspNonce : "";
  const waitForAll = isbot(request.headers.get("User-Agent") ?? "") || remixContext.isSpaMode;
  const key = renderKey(request, responseStatusCode, remixContext);
  const kept = key ? cachedDocument(key) : null;
  if (kept) return keptDocumentResponse(request, kept, responseStatusCode, responseHeaders, loadContext);
  const keep = key !== null && wouldKeepDocument(key) ? key : null;
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const start = () => {
      shellRendered = true;
      const body = new PassThrough();
      // Cleared when the document is done: a pending timer would hold the whole render in memory for its 5 s.
      body.once("finish", () => clearTimeout(timer));
      responseHeaders.set("Content-Type", "text/html; charset=utf-8");
      resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
      if (!keep) return pipe(body);
      // The document passes on as it is rendered and is kept once it is whole, unless an error turned it into a 500.
      const chunks: Buffer[] = [];
      const collect = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          chunks.push(chunk);
          done(null, chunk);
        },
        flush(done) {
          if (responseStatusCode === 200) keepDocument(keep, Buffer.concat(chunks).toString("utf8"), nonce);
          done();
        },
      });
      collect.pipe(body);
      pipe(collect);
    };
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        onShellReady() {
          if (!waitForAll) start();
        },
        onAllReady() {
          if (waitForAll) start();
        },
        onShellError(error: unknown) {
          clearTimeout(timer);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors after the shell are logged here; before it, onShellError rejects and Remix logs them.
          if (shellRendered) console.error(error);
        },
      },
    );
    const timer = setTimeout(abort, ABORT_DELAY);
  });
}
