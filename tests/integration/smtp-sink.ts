import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

interface Held {
  sessionId: string;
  raw: string;
  accept: () => void;
}

/**
 * A real SMTP server on 127.0.0.1 that keeps what it receives. hold() makes it
 * a slow relay: each message's DATA is read but not answered until release(),
 * so a sender is caught in the middle of a send (a message whose sender
 * disconnects meanwhile was never accepted and is not counted as received).
 * `delayMs` makes it answer each message slowly.
 */
export async function startSmtpSink(port = 0, { delayMs = 0 }: { delayMs?: number } = {}) {
  const received: { raw: string; mail: ParsedMail }[] = [];
  let holding = false;
  const held: Held[] = [];
  const heldWaiters: (() => void)[] = [];
  const closedSessions = new Set<string>();
  const openSessions = new Set<string>();
  const idleWaiters: (() => void)[] = [];

  async function accept(raw: string) {
    received.push({ raw, mail: await simpleParser(raw) });
  }

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onConnect(session, callback) {
      openSessions.add(session.id);
      callback();
    },
    onClose(session) {
      closedSessions.add(session.id);
      openSessions.delete(session.id);
      if (openSessions.size === 0) for (const wake of idleWaiters.splice(0)) wake();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", async () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        if (!holding) {
          await accept(raw);
          if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
          return callback();
        }
        held.push({ sessionId: session.id, raw, accept: () => callback() });
        for (const wake of heldWaiters.splice(0)) wake();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = server.server.address() as AddressInfo;
  return {
    port: address.port,
    url: `smtp://127.0.0.1:${address.port}`,
    received,
    /** From now on, keep every message waiting for its answer. */
    hold() {
      holding = true;
    },
    /** Resolves once a message is being held (its sender waits for the answer). */
    whenHeld: () => new Promise<void>((resolve) => (held.length > 0 ? resolve() : heldWaiters.push(resolve))),
    /** Resolves once no sender is connected (e.g. after the sending process died). */
    whenNoConnections: () => new Promise<void>((resolve) => (openSessions.size === 0 ? resolve() : idleWaiters.push(resolve))),
    /** Answers the held messages whose sender is still connected, and stops holding. */
    async release() {
      holding = false;
      for (const message of held.splice(0)) {
        if (closedSessions.has(message.sessionId)) continue;
        await accept(message.raw);
        message.accept();
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
