// Types for options.mjs (plain ESM, shared with scripts/start.mjs).
import type { Logger } from "pino";

/** Where log lines go: anything with write(string). */
export interface LogSink {
  write(line: string): unknown;
}
export function logFormat(env?: Record<string, string | undefined>): "json" | "human";
export function stdoutSink(): LogSink;
export function createLogger(
  env?: Record<string, string | undefined>,
  sink?: LogSink,
  tty?: boolean,
): Logger;
/** JSON mode: console.* goes through `log` (source "console"); returns the undo. Human mode: nothing. */
export function routeConsole(log: Logger, env?: Record<string, string | undefined>): () => void;
