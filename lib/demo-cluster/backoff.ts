// The kubelet's per-container (and per-image) back-off, as client-go's flowcontrol.Backoff works:
// the first failure restarts at once; later ones wait 10s, 20s … 300s; an entry untouched for
// twice the cap (10 minutes) counts as expired, so a container that ran that long starts afresh.

export const INITIAL_BACKOFF_MS = 10_000;
export const MAX_BACKOFF_MS = 300_000;

export class Backoff {
  private delay = 0;
  private lastUpdate: number | null = null;

  constructor(
    private readonly initial = INITIAL_BACKOFF_MS,
    private readonly max = MAX_BACKOFF_MS,
  ) {}

  /** The delay in force, in ms (0 before the first failure). */
  current(): number {
    return this.delay;
  }

  private expired(eventTime: number): boolean {
    return this.lastUpdate === null || eventTime - this.lastUpdate > 2 * this.max;
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
