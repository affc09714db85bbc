// The kubelet's per-container (and per-image) back-off, as client-go's flowcontrol.Backoff works:
// the first failure restarts at once; later ones wait initial, 2×initial … up to the maximum
// (10s → 300s by default; the node's settings below). An image entry untouched for twice the cap
// counts as expired; the kubelet's crash-loop entry after 600 s (kubelet.go HasExpiredFunc), so a
// container that ran that long starts afresh.

export const INITIAL_BACKOFF_MS = 10_000;
export const MAX_BACKOFF_MS = 300_000;
/** kubelet.go: the crash-loop back-off is forgotten after 600 s without a failure, whatever its cap. */
export const CRASHLOOP_EXPIRY_MS = 600_000;

/** A node's kubelet settings for CrashLoopBackOff (1.33+). */
export interface CrashLoopBackOffConfig {
  /** Feature gate ReduceDefaultCrashLoopBackOffDecay (alpha 1.33): 1 s initial, 60 s maximum. */
  reduceDefaultDecay?: boolean;
  /** crashLoopBackOff.maxContainerRestartPeriod (KubeletCrashLoopBackOffMax, beta 1.35): 1 s–300 s. */
  maxContainerRestartPeriodMs?: number;
}

/** The initial and maximum delays, as kubelet.go newCrashLoopBackOff derives them. */
export function crashLoopBackOffFor(config: CrashLoopBackOffConfig): {
  initialMs: number;
  maxMs: number;
} {
  let maxMs = config.reduceDefaultDecay ? 60_000 : MAX_BACKOFF_MS;
  let initialMs = config.reduceDefaultDecay ? 1_000 : INITIAL_BACKOFF_MS;
  const configured = config.maxContainerRestartPeriodMs;
  if (typeof configured === "number" && Number.isFinite(configured) && configured > 0) {
    maxMs = configured;
    if (maxMs < initialMs) initialMs = maxMs;
  }
  return { initialMs, maxMs };
}

export class Backoff {
  private delay = 0;
  private lastUpdate: number | null = null;

  constructor(
    private readonly initial = INITIAL_BACKOFF_MS,
    private readonly max = MAX_BACKOFF_MS,
    private readonly expiry = 2 * max,
  ) {}

  /** The delay in force, in ms (0 before the first failure). */
  current(): number {
    return this.delay;
  }

  private expired(eventTime: number): boolean {
    return this.lastUpdate === null || eventTime - this.lastUpdate > this.expiry;
  }

  /** IsInBackOffSince: still waiting out the delay counted from `eventTime` (e.g. finishedAt)? */
  inBackoffSince(eventTime: number, now: number): boolean {
    if (this.lastUpdate === null || this.expired(eventTime)) return false;
    return now - eventTime < this.delay;
  }

  /** When the current delay counted from `eventTime` ends. */
  until(eventTime: number): number {
    return eventTime + this.delay;
  }

  /** Next: records a failure at `now`, doubling the delay (or starting again at the initial one). */
  next(eventTime: number, now: number): void {
    this.delay = this.expired(eventTime) ? this.initial : Math.min(this.delay * 2, this.max);
    this.lastUpdate = now;
  }
}
