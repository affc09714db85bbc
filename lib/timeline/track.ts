import type { Interval } from "./types";

/**
 * An append-only sequence of intervals where opening one closes the one before.
 * Starts never go backwards: a start earlier than the open interval's is moved up to it, and an
 * interval that would start where the open one starts replaces it (no zero-length leftovers).
 * The open interval is kept in a field: the per-update path reads it without touching `items`.
 */
export class Track<T extends Interval> {
  readonly items: T[] = [];
  private openItem: T | null = null;

  get current(): T | undefined {
    return this.openItem ?? undefined;
  }

  get last(): T | undefined {
    const items = this.items;
    return items.length > 0 ? items[items.length - 1] : undefined;
  }

  open(item: T): T {
    const previous = this.last;
    if (previous) {
      const floor = previous.end ?? previous.start;
      if (item.start < floor) item.start = floor;
      if (previous.end === null) {
        if (item.start === previous.start) {
          this.items[this.items.length - 1] = item;
          this.openItem = item.end === null ? item : null;
          return item;
        }
        previous.end = item.start;
      }
    }
    this.items.push(item);
    this.openItem = item.end === null ? item : null;
    return item;
  }

  close(at: number): void {
    const open = this.openItem;
    if (open) {
      open.end = Math.max(open.start, at);
      this.openItem = null;
    }
  }
}

/**
 * Intervals as a built timeline shows them: still open ones end at `gone` (the pod's deletion),
 * if any. Copies, or, when `own` (a builder used once), the intervals themselves, closed in place,
 * in an array of their own (a pushed-to array keeps spare capacity: the timeline may be held).
 */
export function closedAt<T extends Interval>(items: T[], gone: number | null, own: boolean): T[] {
  if (!own)
    return items.map((item) =>
      gone !== null && item.end === null
        ? { ...item, end: Math.max(gone, item.start) }
        : { ...item },
    );
  if (gone !== null)
    for (const item of items) if (item.end === null) item.end = Math.max(gone, item.start);
  return items.slice();
}

/** Clamps a derived time into [floor, ceiling], tolerating null bounds. */
export function clampTime(value: number | null, floor: number | null, ceiling: number): number {
  let t = value ?? ceiling;
  if (t > ceiling) t = ceiling;
  if (floor !== null && t < floor) t = floor;
  return t;
}
