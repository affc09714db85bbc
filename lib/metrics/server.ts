// Serves the metrics for Prometheus on a port of their own (LIFELINE_METRICS_PORT, default 9090) on
// LIFELINE_HOST, outside the UI's access control: GET /metrics and nothing else. A port already
// taken (a second Lifeline, a test server) costs the metrics, never the process.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { log } from "../log/logger";
import { metrics, type Metrics } from "./metrics";

export const DEFAULT_METRICS_PORT = 9090;

/** LIFELINE_METRICS_PORT: a port (default 9090), or null for "off" / "0"; throws a sentence on anything else. */
export function metricsPortFrom(env: Record<string, string | undefined>): number | null {
  const text = (env.LIFELINE_METRICS_PORT ?? "").trim();
  if (text === "") return DEFAULT_METRICS_PORT;
  if (text.toLowerCase() === "off" || text === "0") return null;
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(port >= 1 && port <= 65535))
    throw new Error(
      `LIFELINE_METRICS_PORT must be a port number from 1 to 65535, or "off" to serve no metrics, not "${text.slice(0, 40)}".`,
    );
  return port;
}

const TEXT = { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" };

/** The metrics server's answers: GET (or HEAD) /metrics, 404 elsewhere, 405 for other methods. */
export function metricsServer(m: Metrics = metrics()): Server {
  return createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (path !== "/metrics") {
      res.writeHead(404, TEXT).end("Not found: Lifeline serves its metrics at /metrics.\n");
      return;
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      res
        .writeHead(405, { ...TEXT, Allow: "GET, HEAD" })
        .end(`${req.method} is not allowed here: read the metrics with GET /metrics.\n`);
      return;
    }
    m.registry.metrics().then(
      (text) => {
        res.writeHead(200, { "Content-Type": m.registry.contentType, "Cache-Control": "no-store" });
        res.end(req.method === "HEAD" ? undefined : text);
      },
      (err: Error) => {
        res.writeHead(500, TEXT).end(`The metrics could not be gathered: ${err.message}\n`);
      },
    );
  });
}

export interface Logger {
  info(line: string): void;
  warn(line: string): void;
}

const LOG: Logger = { info: (l) => log.info(l), warn: (l) => log.warn(l) };

/**
 * Listens on host:port. Resolves with the server once it listens, or null when it cannot (the port
 * taken, not allowed): said in one warning, and the process goes on without metrics. The server does
 * not keep the process alive.
 */
export function listenForMetrics(
  host: string,
  port: number,
  opts: { metrics?: Metrics; log?: Logger } = {},
): Promise<Server | null> {
  const say = opts.log ?? LOG;
  const server = metricsServer(opts.metrics);
  const where = `${host.includes(":") ? `[${host}]` : host}:${port}`;
  return new Promise((resolve) => {
    server.once("error", (err: NodeJS.ErrnoException) => {
      const why =
        err.code === "EADDRINUSE"
          ? "the port is in use (another Lifeline, or another exporter?)"
          : err.message;
      say.warn(
        `serving no metrics: cannot listen on ${where}: ${why}. Set LIFELINE_METRICS_PORT to a free port, or to "off".`,
      );
      resolve(null);
    });
    server.listen(port, host, () => {
      server.unref();
      const bound = (server.address() as AddressInfo).port;
      say.info(`metrics at http://${host.includes(":") ? `[${host}]` : host}:${bound}/metrics`);
      resolve(server);
    });
  });
}

const KEY = Symbol.for("lifeline.metricsServer");

/**
 * Serves the process's metrics once per process (instrumentation.ts calls it at boot) as
 * LIFELINE_METRICS_PORT and LIFELINE_HOST say. Throws the sentence of an unreadable port.
 */
export function serveMetrics(
  env: Record<string, string | undefined> = process.env,
  say: Logger = LOG,
): Promise<Server | null> {
  const port = metricsPortFrom(env);
  const g = globalThis as { [KEY]?: Promise<Server | null> };
  if (port === null) return Promise.resolve(null);
  return (g[KEY] ??= listenForMetrics(env.LIFELINE_HOST || "127.0.0.1", port, { log: say }));
}
