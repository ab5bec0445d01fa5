// Free TCP ports on 127.0.0.1, chosen by the kernel: listen on port 0, read
// the port back, close. Two test runs side by side (two checkouts, two
// `.ci/run`) then never reach for the same fixed number.
//
//   node scripts/free-port.mjs [count]   prints `count` (default 1) distinct free ports, one a line
//   import { freePort, freePorts } from "scripts/free-port.mjs"
//
// A port is free when handed out; a test should bind it soon after. Ports
// handed out by this process are never handed out again by it.
import net from "node:net";
import { pathToFileURL } from "node:url";

const handedOut = new Set();

/** @returns {Promise<{ server: net.Server; port: number }>} */
function listenOnAnyPort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      resolve({ server, port: typeof address === "object" && address ? address.port : 0 });
    });
  });
}

/**
 * `count` distinct free ports: all are held open together before any is
 * closed, so the kernel cannot hand the same one out twice.
 * @param {number} count
 * @returns {Promise<number[]>}
 */
export async function freePorts(count) {
  /** @type {net.Server[]} */
  const held = [];
  /** @type {number[]} */
  const ports = [];
  try {
    while (ports.length < count) {
      const { server, port } = await listenOnAnyPort();
      held.push(server);
      if (port > 0 && !handedOut.has(port)) ports.push(port);
    }
  } finally {
    await Promise.all(held.map((server) => new Promise((resolve) => server.close(() => resolve(undefined)))));
  }
  for (const port of ports) handedOut.add(port);
  return ports;
}

/** One free port. @returns {Promise<number>} */
export async function freePort() {
  const [port] = await freePorts(1);
  return /** @type {number} */ (port);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const count = Number(process.argv[2] ?? 1);
  if (!Number.isInteger(count) || count < 1) {
    console.error("usage: node scripts/free-port.mjs [count]");
    process.exit(2);
  }
  console.log((await freePorts(count)).join("\n"));
}
