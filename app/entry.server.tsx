import { Writable } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { startMonthlySnapshots } from "~/modules/goals/scheduler.server";
import { startHousekeeping } from "~/modules/housekeeping/retention.server";
import { startMailDelivery } from "~/modules/mail/worker.server";
import { NonceProvider } from "~/utils/nonce";

// Background work of the server process: the outbox over SMTP (when SMTP_URL
// is set), the monthly snapshot of every indicator, and pruning what is kept
// only for a while.
startMailDelivery();
startMonthlySnapshots();
startHousekeeping();

// server.js reaches these through the build (build.entry.module) for a clean shutdown.
export { closeDatabases, stopBackgroundWork } from "~/shutdown.server";

const ABORT_DELAY = 5_000;

/**
 * The whole document is rendered before the first byte goes out, as one
 * body. No route defers data, so streaming the shell early gained nothing,
 * while every streamed chunk paid its own trip through gzip and the web
 * stream adapters.
 */
export default function handleRequest(request: Request, responseStatusCode: number, responseHeaders: Headers, remixContext: EntryContext, loadContext: AppLoadContext) {
  // server.js makes a nonce per request and names it in the Content-Security-Policy.
  const nonce = typeof loadContext.cspNonce === "string" ? loadContext.cspNonce : "";
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const chunks: Buffer[] = [];
    const document = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
      final(done) {
        clearTimeout(timer);
        responseHeaders.set("Content-Type", "text/html; charset=utf-8");
        resolve(new Response(Buffer.concat(chunks), { headers: responseHeaders, status: responseStatusCode }));
        done();
      },
    });
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        onShellReady() {
          shellRendered = true;
        },
        onAllReady() {
          pipe(document);
        },
        onShellError(error: unknown) {
          clearTimeout(timer);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors after the shell are logged here; before it, onShellError rejects.
          if (shellRendered) console.error(error);
        },
      },
    );
    // Cleared when the document is done: a pending timer would hold the whole render in memory for its 5 s.
    const timer = setTimeout(abort, ABORT_DELAY);
  });
}
