// A small HTTP client for the Kubernetes API on top of @kubernetes/client-node's KubeConfig
// (which supplies TLS material, tokens and exec credentials): JSON GETs and line-delimited watches.
import type { KubeConfig } from "@kubernetes/client-node";
import { request as httpRequest, type IncomingMessage, type RequestOptions } from "node:http";
import { request as httpsRequest } from "node:https";
import { KubeError } from "./kube-error";
import { traceWatchEvent } from "./watch-trace";

export interface WatchEvent {
  type: string;
  object: Record<string, unknown> & { metadata?: { resourceVersion?: string } };
}

/**
 * Reads one line of a watch (its bytes, without the newline): the event it carries, or null when
 * there is none to deliver (not JSON, or a line the reader took care of itself).
 */
export type LineReader = (line: Buffer) => WatchEvent | null;

/** The plain reader: the whole line parsed; null when it is not JSON (it says nothing we can use). */
export function parseLine(line: Buffer): WatchEvent | null {
  try {
    return JSON.parse(line.toString("utf8")) as WatchEvent;
  } catch {
    return null;
  }
}

/**
 * The handler for a watch's chunks: splits them into lines as bytes (a newline byte is never part
 * of a UTF-8 character, so a character cut between chunks is joined again before it is decoded),
 * reads each with `readLine`, and hands what it gives to `onEvent`.
 */
export function watchLines(
  path: string,
  onEvent: (e: WatchEvent) => void,
  readLine: LineReader = parseLine,
): (chunk: Buffer) => void {
  let rest: Buffer[] = [];
  const deliver = (line: Buffer) => {
    let blank = true;
    for (let k = 0; k < line.length && blank; k++) blank = line[k] <= 32;
    if (blank) return;
    const event = readLine(line);
    if (!event) return;
    traceWatchEvent(path, event?.object?.metadata?.resourceVersion);
    onEvent(event);
  };
  return (chunk) => {
    let start = 0;
    let nl: number;
    while ((nl = chunk.indexOf(10, start)) >= 0) {
      let line = chunk.subarray(start, nl);
      if (rest.length) {
        line = Buffer.concat([...rest, line]);
        rest = [];
      }
      start = nl + 1;
      deliver(line);
    }
    if (start < chunk.length) rest.push(chunk.subarray(start));
  };
}

export class KubeClient {
  constructor(private readonly kc: KubeConfig) {}

  get server(): string {
    return this.kc.getCurrentCluster()?.server ?? "";
  }

  /** GET a JSON document; throws KubeError with the API's Status message on failure. */
  async get<T>(
    path: string,
    query: Record<string, string> = {},
    verb = "list",
    signal?: AbortSignal,
  ): Promise<T> {
    const res = await this.open(path, query, signal, verb);
    const text = await readAll(res);
    if ((res.statusCode ?? 0) >= 400) throw fromStatus(res.statusCode ?? 0, text, verb, path);
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new KubeError(res.statusCode ?? 0, "BadResponse", "the answer was not JSON", {
        verb,
        path,
      });
    }
  }

  /**
   * GET a text document (a container's log) of at most `maxBytes` (the rest is not read); throws
   * KubeError with the API's Status message on failure.
   */
  async text(
    path: string,
    query: Record<string, string>,
    maxBytes: number,
    signal?: AbortSignal,
  ): Promise<string> {
    const res = await this.open(path, query, signal, "get");
    if ((res.statusCode ?? 0) >= 400)
      throw fromStatus(res.statusCode ?? 0, await readAll(res), "get", path);
    return readAll(res, maxBytes);
  }

  /**
   * GET a stream (a followed container log): the open answer, to be read by the caller, who ends
   * it by aborting `signal` (or destroying it); throws KubeError with the API's Status message
   * when it is refused.
   */
  async stream(
    path: string,
    query: Record<string, string>,
    signal: AbortSignal,
  ): Promise<IncomingMessage> {
    const res = await this.open(path, query, signal, "get");
    if ((res.statusCode ?? 0) >= 400)
      throw fromStatus(res.statusCode ?? 0, await readAll(res), "get", path);
    return res;
  }

  /**
   * Streams a watch, calling `onEvent` per line. Resolves when the server ends the stream; rejects
   * with KubeError when it cannot be opened or the connection breaks. `readLine` reads each line
   * (default: parsed whole; see watchLines).
   */
  async watch(
    path: string,
    query: Record<string, string>,
    onEvent: (e: WatchEvent) => void,
    signal?: AbortSignal,
    readLine?: LineReader,
  ): Promise<void> {
    const res = await this.open(path, { ...query, watch: "1" }, signal, "watch");
    if ((res.statusCode ?? 0) >= 400)
      throw fromStatus(res.statusCode ?? 0, await readAll(res), "watch", path);
    await new Promise<void>((resolve, reject) => {
      res.on("data", watchLines(path, onEvent, readLine));
      res.on("end", () => resolve());
      res.on("aborted", () =>
        reject(
          new KubeError(0, "ConnectionLost", "the watch connection was cut", {
            verb: "watch",
            path,
          }),
        ),
      );
      res.on("error", (err) =>
        reject(new KubeError(0, "ConnectionLost", err.message, { verb: "watch", path })),
      );
      res.on("close", () => {
        if (!res.complete)
          reject(
            new KubeError(0, "ConnectionLost", "the watch connection was cut", {
              verb: "watch",
              path,
            }),
          );
        else resolve();
      });
    });
  }

  private async open(
    path: string,
    query: Record<string, string>,
    signal: AbortSignal | undefined,
    verb: string,
  ): Promise<IncomingMessage> {
    const url = new URL(this.server.replace(/\/+$/, "") + path);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    const opts = await this.options();
    const res = await this.send(url, opts, signal, verb, path);
    if (res.statusCode !== 401) return res;
    // A token file rotated while the request was on its way (it is looked at before each one):
    // ask again at once with the new token, not after a back-off. The same credentials: the 401 stands.
    const again = await this.options();
    if (authorization(again) === authorization(opts)) return res;
    res.resume();
    return this.send(url, again, signal, verb, path);
  }

  private async options(): Promise<RequestOptions & { rejectUnauthorized?: boolean }> {
    const opts: RequestOptions & { rejectUnauthorized?: boolean } = {
      method: "GET",
      headers: { Accept: "application/json" },
    };
    await this.kc.applyToHTTPSOptions(opts);
    return opts;
  }

  private send(
    url: URL,
    opts: RequestOptions,
    signal: AbortSignal | undefined,
    verb: string,
    path: string,
  ): Promise<IncomingMessage> {
    const request = url.protocol === "http:" ? httpRequest : httpsRequest;
    return new Promise((resolve, reject) => {
      const req = request(url, { ...opts, signal }, resolve);
      req.on("error", (err) =>
        reject(new KubeError(0, "Unreachable", err.message, { verb, path })),
      );
      req.end();
    });
  }
}

function authorization(opts: RequestOptions): unknown {
  return (opts.headers as Record<string, unknown> | undefined)?.Authorization;
}

/** The body as text; past `maxBytes` the rest is dropped and the connection closed. */
function readAll(res: IncomingMessage, maxBytes = Infinity): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => resolve(Buffer.concat(chunks).subarray(0, maxBytes).toString("utf8"));
    res.on("data", (c: Buffer) => {
      chunks.push(c);
      size += c.length;
      if (size >= maxBytes) {
        res.destroy();
        done();
      }
    });
    res.on("end", done);
    res.on("error", reject);
  });
}

function fromStatus(code: number, text: string, verb: string, path: string): KubeError {
  let reason = "";
  let message = text.slice(0, 300);
  let causes: string[] = [];
  try {
    const status = JSON.parse(text) as {
      reason?: string;
      message?: string;
      details?: { causes?: { reason?: unknown }[] };
    };
    reason = status.reason ?? "";
    message = status.message ?? message;
    causes = (Array.isArray(status.details?.causes) ? status.details.causes : [])
      .map((c) => c?.reason)
      .filter((r): r is string => typeof r === "string");
  } catch {
    // not a Status object: keep the raw text
  }
  return new KubeError(code, reason, message, { verb, path }, causes);
}
