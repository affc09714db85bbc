// The capture's one timer: wakes the queue's pump at a moment (the sliding second lets one more
// fetch start, a hold ends). `schedule` is injectable: tests pass a manual clock's.

export type Schedule = (fn: () => void, ms: number) => () => void;

export const defaultSchedule: Schedule = (fn, ms) => {
  const t = setTimeout(fn, ms);
  t.unref?.();
  return () => clearTimeout(t);
};

export class Wake {
  private cancel: (() => void) | null = null;
  private at = Infinity;

  constructor(
    private readonly schedule: Schedule,
    private readonly fire: () => void,
  ) {}

  /** Sets the timer for `at` (Infinity: none); `replace`: even when one is due sooner. */
  set(at: number, now: number, replace: boolean): void {
    if (!replace && this.cancel && this.at <= at) return;
    this.stop();
    this.at = at;
    if (at === Infinity) return;
    this.cancel = this.schedule(
      () => {
        this.cancel = null;
        this.at = Infinity;
        this.fire();
      },
      Math.max(1, at - now),
    );
  }

  stop(): void {
    this.cancel?.();
    this.cancel = null;
    this.at = Infinity;
  }
}
