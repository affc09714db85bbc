import { describe, expect, it } from "vitest";
import { firstOf, sortInSlices } from "./sliced-sort";

function run<T>(
  items: T[],
  by: (a: T, b: T) => number,
  slice: number,
): { out: T[]; steps: number } {
  const gen = sortInSlices(items, by, slice);
  let steps = 0;
  for (;;) {
    const r = gen.next();
    if (r.done) return { out: r.value, steps };
    steps++;
  }
}

describe("sortInSlices", () => {
  it.each([0, 1, 2, 7, 100, 1001, 4097])("sorts %i items like Array.sort, stably", (n) => {
    let seed = n + 1;
    const items = Array.from({ length: n }, (_, i) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return { key: seed % 50, i };
    });
    const by = (a: { key: number }, b: { key: number }) => a.key - b.key;
    for (const slice of [2, 3, 64, 5000]) {
      const { out } = run(items, by, slice);
      expect(out).toEqual([...items].sort(by));
    }
  });
  it("yields in proportion to the work, and leaves its input alone", () => {
    const items = Array.from({ length: 10_000 }, (_, i) => (i * 7919) % 10_000);
    const copy = [...items];
    const { out, steps } = run(items, (a, b) => a - b, 1000);
    expect(out).toEqual([...copy].sort((a, b) => a - b));
    expect(items).toEqual(copy);
    // 10 runs sorted (9 pauses), then 4 merge passes of 10,000 items each, a pause per 1,000.
    expect(steps).toBe(9 + 40);
  });

  it("firstOf: the first k as a stable sort has them, in one pass", () => {
    let seed = 9;
    const items = Array.from({ length: 3000 }, (_, i) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return { key: seed % 40, i };
    });
    const by = (a: { key: number }, b: { key: number }) => a.key - b.key;
    for (const k of [0, 1, 5, 120, 2999, 3000, 5000])
      expect(firstOf(items, k, by)).toEqual([...items].sort(by).slice(0, k));
  });
});
