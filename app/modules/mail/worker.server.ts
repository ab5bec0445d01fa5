import { config } from "~/config.server";
import { smtpTransport, startDeliveryWorker } from "./delivery.server";

const state = globalThis as unknown as { __mailWorker?: () => void };

/** Starts the outbox worker once per process, if SMTP is configured. */
export function startMailDelivery() {
  if (!config.SMTP_URL || config.NODE_ENV === "test" || state.__mailWorker) return;
  state.__mailWorker = startDeliveryWorker(smtpTransport(config.SMTP_URL), config.MAIL_FROM, config.MAIL_POLL_MS);
  console.log(`Mail: delivering the outbox over ${new URL(config.SMTP_URL).host}`);
}
