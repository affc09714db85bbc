// Which containers had a log fetch started in the last minute (capture.ts's fairness): a
// container fetched recently yields, within its rank, to one that was not. One entry per
// container (pod uid and name), the Map's insertion order oldest first: noting is O(1), and
// entries older than the window or past MAX go from the front, so memory stays bounded (at most
// LIFELINE_LOG_RATE × 60 entries, never more than MAX).
export const RECENT_MS = 60_000;
export const RECENT_MAX = 20_000;

export class RecentlyFetched {
  private readonly at = new Map<string, number>();

  constructor(
    private readonly windowMs = RECENT_MS,
    private readonly max = RECENT_MAX,
  ) {}

  private static key(uid: string, container: string): string {
    return `${uid}\u0000${container}`;
  }

  /** A fetch of this container's log starts now. */
  note(uid: string, container: string, now: number): void {
    const key = RecentlyFetched.key(uid, container);
    this.at.delete(key); // re-inserted last: the order stays oldest first
    this.at.set(key, now);
    for (const [k, t] of this.at) {
      if (now - t < this.windowMs && this.at.size <= this.max) break;
      this.at.delete(k);
    }
  }

  /** Whether a fetch of this container's log started less than the window ago. */
  has(uid: string, container: string, now: number): boolean {
    const t = this.at.get(RecentlyFetched.key(uid, container));
    return t !== undefined && now - t < this.windowMs;
  }

  get size(): number {
    return this.at.size;
  }
}
