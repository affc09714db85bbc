// The demo cluster's sense of time. Everything it does is driven by timers on one Clock, so tests
// swap in a ManualClock and fast-forward minutes of cluster life without sleeping.

export interface Timer {
  readonly at: number;
  cancel(): void;
}

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /** Runs `fn` once the clock reaches `at` (at once, on the next turn, when `at` is past). */
  at(at: number, fn: () => void): Timer;
}

/** Wall-clock time; timers are unref'd so a forgotten cluster never keeps a process alive. */
export class RealClock implements Clock {
  now(): number {
    return Date.now();
  }

  at(at: number, fn: () => void): Timer {
    const handle = setTimeout(fn, Math.max(0, at - Date.now()));
    handle.unref?.();
    return { at, cancel: () => clearTimeout(handle) };
  }
}

/** Wall-clock time running `speed` times as fast from the moment it is made: the demo cluster's stories at a glance. */
export class ScaledClock implements Clock {
  /** The wall-clock moment it was made: from then on it runs `speed` times as fast. */
  readonly origin = Date.now();

  constructor(readonly speed: number) {
    if (!(speed > 0) || !Number.isFinite(speed))
      throw new Error(`clock speed must be a positive number, not ${speed}`);
  }

  now(): number {
    return this.origin + (Date.now() - this.origin) * this.speed;
  }

  at(at: number, fn: () => void): Timer {
    const handle = setTimeout(fn, Math.max(0, (at - this.now()) / this.speed));
    handle.unref?.();
    return { at, cancel: () => clearTimeout(handle) };
  }
}

interface Pending {
  at: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

/** A clock that only moves when told to; timers fire in time order, ties in creation order. */
export class ManualClock implements Clock {
  private current: number;
  private seq = 0;
  private queue: Pending[] = [];

  constructor(start: number | string = "2026-11-20T09:00:00Z") {
    this.current = typeof start === "number" ? start : Date.parse(start);
  }

  now(): number {
    return this.current;
  }

  at(at: number, fn: () => void): Timer {
    const entry: Pending = {
      at: Math.max(at, this.current),
      seq: this.seq++,
      fn,
      cancelled: false,
    };
    this.queue.push(entry);
    return { at: entry.at, cancel: () => void (entry.cancelled = true) };
  }

  /** Moves time forward by `ms`, firing every timer that falls due, each at its own time. */
  advance(ms: number): void {
    this.advanceTo(this.current + ms);
  }

  advanceTo(target: number): void {
    for (;;) {
      const next = this.nextDue(target);
      if (!next) break;
      this.current = next.at;
      next.fn();
    }
    this.current = Math.max(this.current, target);
  }

  /** Fires what is due now without moving time. */
  flush(): void {
    this.advanceTo(this.current);
  }

  /** When the next live timer falls due, or null when none is set. */
  next(): number | null {
    let best: number | null = null;
    for (const p of this.queue) if (!p.cancelled && (best === null || p.at < best)) best = p.at;
    return best;
  }

  /** Number of live timers (for tests that check nothing is left running). */
  pending(): number {
    return this.queue.filter((p) => !p.cancelled).length;
  }

  private nextDue(target: number): Pending | undefined {
    this.queue = this.queue.filter((p) => !p.cancelled);
    let best: Pending | undefined;
    for (const p of this.queue) {
      if (p.at > target) continue;
      if (!best || p.at < best.at || (p.at === best.at && p.seq < best.seq)) best = p;
    }
    if (best) this.queue.splice(this.queue.indexOf(best), 1);
    return best;
  }
}
