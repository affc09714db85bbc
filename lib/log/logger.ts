// The server's logger: `log.info({ fields }, "sentence")`, `log.warn`, `log.error({ err }, …)`.
// Format and destination are set once, in options.mjs (LIFELINE_LOG_FORMAT; docs/live-pipeline.md#logs).
import { createLogger, stdoutSink, type LogSink } from "./options.mjs";

let target: LogSink = stdoutSink();

/** The process's logger. Lines go to stdout unless a test has redirected them (logTo). */
export const log = createLogger(process.env, { write: (line) => target.write(line) });

/** Sends this module's log lines to `sink` until the returned function is called (a test seam). */
export function logTo(sink: LogSink): () => void {
  const before = target;
  target = sink;
  return () => {
    target = before;
  };
}
