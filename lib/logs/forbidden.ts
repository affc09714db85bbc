// Namespaces where the credentials may not get pods/log (the API server answered 403): no fetches
// go there, except one probe after a back-off (5 min, doubling to 1 h), so an RBAC fix takes
// effect without a restart. The probe is the next run to end there once it is due; any answer
// but a 403 (a log, or another error the API server gives only after authorizing the request)
// clears the namespace. docs/live-pipeline.md#captured-logs.

export const PROBE_FIRST_MS = 5 * 60_000;
export const PROBE_MAX_MS = 60 * 60_000;

interface Entry {
  since: number;
  error: string;
  /** The back-off now in force, and when a probe may go. */
  delayMs: number;
  retryAt: number;
  /** A probe is queued or under way. */
  probing: boolean;
}

export interface ForbiddenState {
  namespace: string;
  since: number;
  error: string;
  /** When a run ending there is fetched again, to see whether the 403 still holds. */
  retryAt: number;
}

export class ForbiddenNamespaces {
  private readonly m = new Map<string, Entry>();

  get size(): number {
    return this.m.size;
  }

  /** Is the namespace forbidden (probe or not)? */
  has(namespace: string): boolean {
    return this.m.has(namespace);
  }

  /**
   * A run ended in `namespace`: may it be fetched? Yes where nothing is forbidden; where it is,
   * only as the probe (once due, one at a time): then "probe".
   */
  admit(namespace: string, now: number): "yes" | "probe" | "no" {
    const e = this.m.get(namespace);
    if (!e) return "yes";
    if (e.probing || now < e.retryAt) return "no";
    e.probing = true;
    return "probe";
  }

  /** A 403: "new" the first time (say it), "again" for a probe refused (wait twice as long). */
  refused(namespace: string, now: number, error: string): "new" | "again" | "known" {
    const e = this.m.get(namespace);
    if (!e) {
      this.m.set(namespace, {
        since: now,
        error,
        delayMs: PROBE_FIRST_MS,
        retryAt: now + PROBE_FIRST_MS,
        probing: false,
      });
      return "new";
    }
    if (!e.probing) return "known";
    e.probing = false;
    e.delayMs = Math.min(e.delayMs * 2, PROBE_MAX_MS);
    e.retryAt = now + e.delayMs;
    e.error = error;
    return "again";
  }

  /** The probe ended without the API server's verdict (dropped, no answer): the next run probes. */
  probeLost(namespace: string): void {
    const e = this.m.get(namespace);
    if (e) e.probing = false;
  }

  /** The API server authorized a request there: forbidden no more. True when it was. */
  allowed(namespace: string): boolean {
    return this.m.delete(namespace);
  }

  list(scope: readonly string[] | null): ForbiddenState[] {
    return [...this.m]
      .filter(([ns]) => !scope || scope.includes(ns))
      .map(([namespace, e]) => ({ namespace, since: e.since, error: e.error, retryAt: e.retryAt }));
  }
}
