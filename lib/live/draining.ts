// This process is shutting down: set by scripts/start.mjs at SIGTERM/SIGINT (scripts/shutdown.mjs),
// read here by every copy of this module (Next bundles instrumentation and each route apart: a
// symbol on globalThis is the one place they share). While it is set, the server still answers
// for the drain delay (LIFELINE_SHUTDOWN_DELAY) but says it is not ready and opens no new stream,
// so the endpoints controller takes it out of its Service first (docs/live-pipeline.md#shutdown).
const DRAINING = Symbol.for("lifeline.draining");

/** Seconds a client refused during the drain waits before it tries again (Retry-After). */
export const DRAINING_RETRY_AFTER_S = 2;

/** The sentence a new stream gets during the drain. */
export const DRAINING_SENTENCE =
  "This Lifeline server is shutting down: connect again in a moment (another replica, or this one once it has restarted, answers).";

/** Shutting down since SIGTERM/SIGINT. */
export function draining(g: object = globalThis): boolean {
  return !!(g as Record<symbol, unknown>)[DRAINING];
}
