import { config } from "~/config.server";
import { smtpTransport, startDeliveryWorker } from "./delivery.server";

const state = globalThis as unknown as { __mailWorker?: () => Promise<void> };

/** Starts the outbox worker once per process, if SMTP is configured. */
export function startMailDelivery() {
  if (!config.SMTP_URL || config.NODE_ENV === "test" || state.__mailWorker) return;
  const transport = smtpTransport(config.SMTP_URL, { claimMs: config.MAIL_CLAIM_MS });
  state.__mailWorker = startDeliveryWorker(transport, { from: config.MAIL_FROM, everyMs: config.MAIL_POLL_MS, claimMs: config.MAIL_CLAIM_MS });
  console.log(`Mail: delivering the outbox over ${new URL(config.SMTP_URL).host}`);
}

/** Stops claiming mail; resolves once the message in hand is sent and recorded. */
export async function stopMailDelivery() {
  const stop = state.__mailWorker;
  state.__mailWorker = undefined;
  await stop?.();
}
