// A small closed-loop load generator: `concurrency` connections, each sending
// its next request when the last answer has been read in full. Node's own
// http client with keep-alive, so there is nothing between us and the server
// but the socket.
import http from "node:http";

export interface BenchRequest {
  method?: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadResult {
  requests: number;
  /** Answers outside `okStatus`, and failed connections. */
  errors: number;
  statuses: Record<string, number>;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  rps: number;
}

export interface LoadOptions {
  port: number;
  concurrency: number;
  durationMs: number;
  /** Builds the n-th request; vary people, lessons and addresses here. */
  next: (n: number) => BenchRequest;
  okStatus?: (status: number) => boolean;
}

function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function send(agent: http.Agent, port: number, r: BenchRequest): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        agent,
        method: r.method ?? "GET",
        path: r.path,
        headers: { "Accept-Encoding": "gzip", ...r.headers, ...(r.body ? { "Content-Length": Buffer.byteLength(r.body) } : {}) },
      },
      (res) => {
        res.on("data", () => {});
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(r.body);
  });
}

export async function runLoad({ port, concurrency, durationMs, next, okStatus = (s) => s >= 200 && s < 400 }: LoadOptions): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  let n = 0;
  const started = performance.now();
  const deadline = started + durationMs;
  const worker = async () => {
    while (performance.now() < deadline) {
      const request = next(n++);
      const t0 = performance.now();
      try {
        const status = await send(agent, port, request);
        latencies.push(performance.now() - t0);
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (!okStatus(status)) errors++;
      } catch {
        errors++;
        statuses.failed = (statuses.failed ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  // To a hundredth: a static file's p95 is a few ms, and the bench divides by it.
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    requests: latencies.length,
    errors,
    statuses,
    p50Ms: round(percentile(latencies, 50)),
    p95Ms: round(percentile(latencies, 95)),
    p99Ms: round(percentile(latencies, 99)),
    rps: Math.round(latencies.length / elapsed),
  };
}
