// sortInPlace must give exactly Array.prototype.sort's order (both stable), so the timelines the
// model builds with it are the ones it built before.
import { describe, expect, it } from "vitest";
import { byCodeUnits, sortInPlace } from "./sort";

/** A small deterministic generator (mulberry32), so a failure reproduces. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("sortInPlace", () => {
  it("orders as Array.prototype.sort does, ties kept in their order, at every length", () => {
    const next = random(19);
    const compare = (a: { at: number }, b: { at: number }) => a.at - b.at;
    for (let n = 0; n <= 40; n++) {
      for (let round = 0; round < 25; round++) {
        // Few distinct keys: many ties, which only a stable sort keeps in order.
        const items = Array.from({ length: n }, (_, id) => ({ id, at: Math.floor(next() * 4) }));
        const expected = [...items].sort(compare).map((x) => x.id);
        const copy = [...items];
        const returned = sortInPlace(copy, compare);
        expect(returned).toBe(copy);
        expect(copy.map((x) => x.id)).toEqual(expected);
      }
    }
  });

  it("with a two-key comparator, as the model sorts conditions and event versions", () => {
    const next = random(7);
    const compare = (a: { s: number; t: string }, b: { s: number; t: string }) =>
      a.s - b.s || a.t.localeCompare(b.t);
    for (let round = 0; round < 200; round++) {
      const n = 1 + Math.floor(next() * 12);
      const items = Array.from({ length: n }, (_, id) => ({
        id,
        s: Math.floor(next() * 3),
        t: ["Ready", "PodScheduled", "example.com/gate", "Initialized"][Math.floor(next() * 4)],
      }));
      const expected = [...items].sort(compare).map((x) => x.id);
      expect(sortInPlace([...items], compare).map((x) => x.id)).toEqual(expected);
    }
  });

  it("byCodeUnits is the default string order", () => {
    const next = random(3);
    const alphabet = [
      "cpu",
      "memory",
      "Memory",
      "ephemeral-storage",
      "hugepages-2Mi",
      "é",
      "a",
      "",
    ];
    for (let round = 0; round < 200; round++) {
      const keys = Array.from(
        { length: Math.floor(next() * 8) },
        () => alphabet[Math.floor(next() * alphabet.length)],
      );
      expect(sortInPlace([...keys], byCodeUnits)).toEqual([...keys].sort());
    }
  });
});
