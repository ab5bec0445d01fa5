import { AsyncLocalStorage } from "node:async_hooks";
import { setImmediate as nextTurnOfTheEventLoop } from "node:timers/promises";

/**
 * The server's own background work (the periodic jobs), told apart from
 * requests.
 *
 * On SQLite every statement answers synchronously, so an awaited query
 * resolves in a microtask: a job that awaits one query after another (the
 * follow-up mail's first run at size M queues some 800 e-mails) runs as one
 * unbroken chain of microtasks, and the event loop reads no request until it
 * ends. Measured before this: /healthz unanswered for 17 s after a start on
 * the M dataset. Background work therefore lets the event loop turn before
 * each statement it sends outside a transaction; requests never pay for it.
 */
const backgroundScope = new AsyncLocalStorage<true>();

export function runAsBackgroundWork<T>(work: () => Promise<T>): Promise<T> {
  return backgroundScope.run(true, work);
}

/** In background work, waits one turn of the event loop so requests that arrived meanwhile are read first; elsewhere returns at once. */
export async function letRequestsIn(): Promise<void> {
  if (backgroundScope.getStore()) await nextTurnOfTheEventLoop();
}
