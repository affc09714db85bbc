// Retention settings and the background job that enforces them: history older than
// LIFELINE_RETENTION (default 7 days) goes, and the store is kept under LIFELINE_RETENTION_SIZE
// (default 2 GiB) by dropping the pods that ended longest ago first.
import type { HistoryStore } from "./history-store";

const UNITS_MS: Record<string, number> = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};
const UNITS_BYTES: Record<string, number> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
};

/** "90s", "30m", "12h", "7d", "2w" → milliseconds; throws a sentence on anything else. */
export function parseDuration(text: string, name = "LIFELINE_RETENTION"): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([smhdw])\s*$/i.exec(text);
  if (!m || Number(m[1]) <= 0)
    throw new Error(`${name} must be a positive duration such as 12h, 7d or 2w, not "${text}"`);
  return Number(m[1]) * UNITS_MS[m[2].toLowerCase()];
}

/** "500MB", "2GiB", "1gb" → bytes; throws a sentence on anything else. */
export function parseSize(text: string, name = "LIFELINE_RETENTION_SIZE"): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmg]i?b|b)\s*$/i.exec(text);
  if (!m || Number(m[1]) <= 0)
    throw new Error(`${name} must be a positive size such as 500MB or 2GiB, not "${text}"`);
  return Math.floor(Number(m[1]) * UNITS_BYTES[m[2].toLowerCase()]);
}

export interface RetentionPolicy {
  maxAgeMs: number;
  maxBytes: number;
}

export function retentionFrom(env: Record<string, string | undefined>): RetentionPolicy {
  return {
    maxAgeMs: parseDuration(env.LIFELINE_RETENTION || "7d"),
    maxBytes: parseSize(env.LIFELINE_RETENTION_SIZE || "2GiB"),
  };
}

/** Applies the policy once: by age, then by size. */
export function enforceRetention(
  store: HistoryStore,
  policy: RetentionPolicy,
  now: number,
): { pods: number; events: number; usedBytes: number } {
  const byAge = store.prune(now - policy.maxAgeMs);
  const bySize = store.pruneToSize(policy.maxBytes);
  return {
    pods: byAge.pods + bySize.pods,
    events: byAge.events + bySize.events,
    usedBytes: bySize.usedBytes,
  };
}
