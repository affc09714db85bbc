import type { Interval } from "./types";

/**
 * An append-only sequence of intervals where opening one closes the one before.
 * Starts never go backwards: a start earlier than the open interval's is moved up to it, and an
 * interval that would start where the open one starts replaces it (no zero-length leftovers).
 */
export class Track<T extends Interval> {
  readonly items: T[] = [];

  get current(): T | undefined {
    const last = this.items[this.items.length - 1];
    return last && last.end === null ? last : undefined;
  }

  get last(): T | undefined {
    return this.items[this.items.length - 1];
  }

  open(item: T): T {
    const previous = this.last;
    if (previous) {
      const floor = previous.end ?? previous.start;
      if (item.start < floor) item.start = floor;
      if (previous.end === null) {
        if (item.start === previous.start) {
          this.items[this.items.length - 1] = item;
          return item;
        }
        previous.end = item.start;
      }
    }
    this.items.push(item);
    return item;
  }

  close(at: number): void {
    const open = this.current;
    if (open) open.end = Math.max(open.start, at);
  }
}

/** Clamps a derived time into [floor, ceiling], tolerating null bounds. */
export function clampTime(value: number | null, floor: number | null, ceiling: number): number {
  let t = value ?? ceiling;
  if (t > ceiling) t = ceiling;
  if (floor !== null && t < floor) t = floor;
  return t;
}
