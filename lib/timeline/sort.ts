// Sorting the model's short lists (a pod's markers, runs, probe results, an event's versions).
// Array.prototype.sort allocates its merge state on every call, over a kilobyte even for three
// items: a backfill sorts some twenty lists per pod, and that garbage was a fifth of what it
// allocated. Pure.

/** Lists longer than this go to Array.prototype.sort (its merges beat insertion there). */
const SHORT = 16;

/**
 * Sorts `items` in place and returns it, in exactly the order Array.prototype.sort gives with
 * the same comparator (both are stable), without allocating for short lists.
 */
export function sortInPlace<T>(items: T[], compare: (a: T, b: T) => number): T[] {
  const n = items.length;
  if (n > SHORT) return items.sort(compare);
  for (let i = 1; i < n; i++) {
    const item = items[i];
    let j = i - 1;
    // Strictly greater only: equal items keep their order (stable).
    while (j >= 0 && compare(items[j], item) > 0) {
      items[j + 1] = items[j];
      j--;
    }
    items[j + 1] = item;
  }
  return items;
}

/** Array.prototype.sort's default order for strings (UTF-16 code units), as a comparator. */
export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
