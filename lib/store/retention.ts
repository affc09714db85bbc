// Retention settings and the background job that enforces them: history older than
// LIFELINE_RETENTION (default 7 days) goes, and the store is kept under LIFELINE_RETENTION_SIZE
// (default 2 GiB) by dropping the pods that ended longest ago first.
import { parseDuration } from "../text/duration";
import type { HistoryStore, Pruned } from "./history-store";

const UNITS_BYTES: Record<string, number> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
  tib: 1024 ** 4,
};

// Kubernetes quantities (a PersistentVolumeClaim's 10Gi), case as Kubernetes writes them: a lowercase
// "m" is milli there, so "500m" is refused rather than read as 500 MB.
const QUANTITY_BYTES: Record<string, number> = {
  k: 1e3,
  K: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  Ki: 1024,
  Mi: 1024 ** 2,
  Gi: 1024 ** 3,
  Ti: 1024 ** 4,
};

/** "500MB", "2GiB", "1gb", or a Kubernetes quantity "4Gi", "500M" → bytes; throws a sentence on anything else. */
export function parseSize(text: string, name = "LIFELINE_RETENTION_SIZE"): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(?:([kmgt]i?b|b)|(Ki|Mi|Gi|Ti|k|K|M|G|T))\s*$/i.exec(text);
  const unit = !m ? undefined : m[2] ? UNITS_BYTES[m[2].toLowerCase()] : QUANTITY_BYTES[m[3]];
  if (!m || !unit || Number(m[1]) <= 0)
    throw new Error(`${name} must be a positive size such as 500MB or 2GiB, not "${text}"`);
  return Math.floor(Number(m[1]) * unit);
}

export interface RetentionPolicy {
  maxAgeMs: number;
  maxBytes: number;
}

export function retentionFrom(env: Record<string, string | undefined>): RetentionPolicy {
  return {
    maxAgeMs: parseDuration(env.LIFELINE_RETENTION || "7d", "LIFELINE_RETENTION"),
    maxBytes: parseSize(env.LIFELINE_RETENTION_SIZE || "2GiB"),
  };
}

/** Applies the policy once: by age, then by size. */
export function enforceRetention(
  store: HistoryStore,
  policy: RetentionPolicy,
  now: number,
): Pruned & { usedBytes: number } {
  const byAge = store.prune(now - policy.maxAgeMs);
  const bySize = store.pruneToSize(policy.maxBytes);
  return {
    pods: byAge.pods + bySize.pods,
    events: byAge.events + bySize.events,
    workloads: byAge.workloads + bySize.workloads,
    usedBytes: bySize.usedBytes,
  };
}
