// LIFELINE_TRACE_WATCH=<file>: a benchmark's aid (bench/sse.ts), off by default. Appends one line
// per watch event as it arrives — its resourceVersion, the epoch time in ms (sub-ms) and the path —
// so a benchmark can split "change → SSE frame" into the cluster → server hop and the server →
// browser hop. Written through a stream (buffered, asynchronous): the event loop never waits on it.
import { createWriteStream, type WriteStream } from "node:fs";

let out: WriteStream | null | undefined;

function stream(): WriteStream | null {
  if (out === undefined) {
    const file = process.env.LIFELINE_TRACE_WATCH;
    out = file ? createWriteStream(file, { flags: "a" }) : null;
    // A trace that cannot be written is no reason to stop watching.
    out?.on("error", () => (out = null));
  }
  return out;
}

/** Notes a watch event's arrival, when tracing is on. */
export function traceWatchEvent(path: string, resourceVersion: unknown): void {
  const s = stream();
  if (s)
    s.write(`${String(resourceVersion)} ${performance.timeOrigin + performance.now()} ${path}\n`);
}
