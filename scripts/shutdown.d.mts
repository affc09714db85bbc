// Types for shutdown.mjs (plain ESM, imported by scripts/start.mjs before any build).
import type { Server } from "node:http";
import type { Logger } from "pino";

export const DRAINING: unique symbol;
export const SHUTDOWN: unique symbol;
export const CLOSE_WAIT_MS: number;
export const BOUND_MS: number;
export const MAX_DELAY_MS: number;

/** What instrumentation.ts leaves on globalThis[SHUTDOWN].pipeline. */
export interface PipelineShutdown {
  goodbye(): Promise<void> | void;
  stop(): Promise<void>;
}

type Timers = Pick<
  typeof globalThis,
  "setTimeout" | "clearTimeout" | "setInterval" | "clearInterval"
>;

export function shutdownDelayFrom(env?: Record<string, string | undefined>): number;
export function closeServer(
  server: Pick<Server, "close" | "closeIdleConnections" | "closeAllConnections">,
  waitMs?: number,
  timers?: Timers,
): Promise<void>;
export function shutdownHandler(opts: {
  server: Pick<Server, "close" | "closeIdleConnections" | "closeAllConnections">;
  log: Pick<Logger, "info" | "error">;
  delayMs: number;
  g?: object;
  exit?: (code: number) => void;
  timers?: Timers;
  now?: () => number;
}): (signal: string) => void;
