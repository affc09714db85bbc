// The log capture's settings (LIFELINE_LOGS, LIFELINE_LOG_*), read once at start and checked at boot
// (lib/settings/check.ts): each bad value is one sentence.
import { parseDuration } from "../text/duration";
import { parseSize } from "../store/retention";
import { DEFAULT_REDACTIONS, redactionsFrom, type RedactRule } from "./redact";

export type LogMode = "off" | "failures" | "all";

export interface LogSettings {
  /**
   * off: nothing fetched; failures: runs that failed (non-zero, a signal, or a restartPolicy
   * Always container's end while its pod was not being deleted: exits.ts); all: every run.
   */
  mode: LogMode;
  /** tailLines asked of the API server. */
  tailLines: number;
  /** limitBytes asked of the API server (and the most read of an answer). */
  limitBytes: number;
  /** Fetches started per second at most. */
  perSecond: number;
  /** Runs waiting to be fetched at most; past that the least useful are dropped (and say so). */
  queueMax: number;
  /** How long a run may wait to be fetched before it is dropped (and says so). */
  maxWaitMs: number;
  /** Applied to every tail before it is stored: the defaults, then LIFELINE_LOG_REDACT's. */
  redactions: RedactRule[];
}

type Env = Record<string, string | undefined>;

function positiveInt(env: Env, name: string, fallback: number, max: number): number {
  const text = env[name];
  if (text === undefined || text.trim() === "") return fallback;
  const n = Number(text.trim());
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new Error(`${name} must be a whole number from 1 to ${max}, not "${text}"`);
  return n;
}

export function logSettingsFrom(env: Env): LogSettings {
  const mode = (env.LIFELINE_LOGS ?? "").trim().toLowerCase() || "failures";
  if (mode !== "off" && mode !== "failures" && mode !== "all")
    throw new Error(
      `LIFELINE_LOGS must be off, failures (runs that failed, including those the kubelet restarted after exit 0) or all, not "${env.LIFELINE_LOGS}"`,
    );
  const limitBytes = env.LIFELINE_LOG_LIMIT?.trim()
    ? parseSize(env.LIFELINE_LOG_LIMIT, "LIFELINE_LOG_LIMIT")
    : 64 * 1024;
  if (limitBytes > 16 * 1024 * 1024)
    throw new Error(`LIFELINE_LOG_LIMIT must be at most 16MiB, not "${env.LIFELINE_LOG_LIMIT}"`);
  return {
    mode,
    tailLines: positiveInt(env, "LIFELINE_LOG_LINES", 200, 100_000),
    limitBytes,
    perSecond: positiveInt(env, "LIFELINE_LOG_RATE", 5, 1000),
    queueMax: positiveInt(env, "LIFELINE_LOG_QUEUE", 1000, 1_000_000),
    maxWaitMs: env.LIFELINE_LOG_WAIT?.trim()
      ? parseDuration(env.LIFELINE_LOG_WAIT, "LIFELINE_LOG_WAIT")
      : 5 * 60_000,
    redactions: [...DEFAULT_REDACTIONS, ...redactionsFrom(env.LIFELINE_LOG_REDACT)],
  };
}
