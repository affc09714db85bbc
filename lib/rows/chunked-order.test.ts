import { describe, expect, it } from "vitest";
import { ChunkedOrder } from "./chunked-order";

interface E {
  key: number;
  id: number;
}
const by = (a: E, b: E) => a.key - b.key || a.id - b.id;

function rng(seed: number) {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff) as number;
}

describe("ChunkedOrder", () => {
  it("stays equal to a sorted array through random inserts, removals and in-place replacements, chunks splitting and emptying", () => {
    for (const chunk of [1, 2, 4, 16]) {
      const r = rng(chunk);
      const list = new ChunkedOrder<E>(by, chunk);
      let ref: E[] = [];
      let id = 0;
      for (let step = 0; step < 3000; step++) {
        const x = r();
        if (x < 0.5 || ref.length < 3) {
          const e = { key: Math.floor(r() * 50), id: id++ };
          list.insert(e);
          let lo = 0;
          let hi = ref.length;
          while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (by(ref[mid], e) < 0) lo = mid + 1;
            else hi = mid;
          }
          ref.splice(lo, 0, e);
        } else if (x < 0.85) {
          const e = ref[Math.floor(r() * ref.length)];
          const at = list.locate(e);
          expect(at).not.toBeNull();
          list.removeAt(at!);
          ref = ref.filter((o) => o !== e);
        } else {
          // A new entry with the same key and id, put where the old one stood (upsert's fast path).
          const k = Math.floor(r() * ref.length);
          const e = ref[k];
          const at = list.locate(e)!;
          const [before, after] = list.neighbours(at);
          expect(before).toBe(ref[k - 1]);
          expect(after).toBe(ref[k + 1]);
          const same = { ...e };
          list.setAt(at, same);
          ref[k] = same;
        }
        expect(list.length).toBe(ref.length);
        if (step % 50 === 0) {
          expect(list.toArray()).toEqual(ref);
          const off = Math.floor(r() * (ref.length + 5));
          const lim = Math.floor(r() * 40);
          expect(list.slice(off, lim)).toEqual(ref.slice(off, off + lim));
        }
      }
      expect(list.toArray()).toEqual(ref);
      // An entry not in the list (equal to one that is, but another object) is not found.
      if (ref.length) expect(list.locate({ ...ref[0] })).toBeNull();
    }
  }, 30_000);

  it("is built from a sorted array in chunks and reads back the same, a slice at any offset", () => {
    const sorted = Array.from({ length: 1001 }, (_, i) => ({ key: i, id: i }));
    const list = ChunkedOrder.from(sorted, by, 100);
    expect(list.length).toBe(1001);
    expect(list.toArray()).toEqual(sorted);
    expect(list.slice(95, 10)).toEqual(sorted.slice(95, 105));
    expect(list.slice(995, 20)).toEqual(sorted.slice(995));
    expect(list.slice(-5, 8)).toEqual(sorted.slice(0, 3));
    expect(list.locate(sorted[1000])).toEqual([10, 0]);
    expect(list.neighbours([10, 0])).toEqual([sorted[999], undefined]);
    expect(new ChunkedOrder(by).locate(sorted[0])).toBeNull();
  });
});
