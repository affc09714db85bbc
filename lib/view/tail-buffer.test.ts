// The live tail keeps its last lines only: a bounded buffer, what fell off counted.
import { describe, expect, it } from "vitest";
import { appendLines, EMPTY_TAIL } from "./tail-buffer";

const lines = (from: number, n: number) =>
  Array.from({ length: n }, (_, i) => ({ text: `line ${from + i}` }));

describe("appendLines", () => {
  it("keeps the last `max` lines, counts the dropped and numbers every line once", () => {
    let b = appendLines(EMPTY_TAIL, lines(0, 3), 5);
    expect(b.lines.map((l) => l.id)).toEqual([0, 1, 2]);
    b = appendLines(b, lines(3, 4), 5);
    expect(b.lines.map((l) => l.text)).toEqual(["line 2", "line 3", "line 4", "line 5", "line 6"]);
    expect(b.lines.map((l) => l.id)).toEqual([2, 3, 4, 5, 6]);
    expect(b.dropped).toBe(2);
    b = appendLines(b, lines(7, 12), 5);
    expect(b.lines.map((l) => l.text)).toEqual(lines(14, 5).map((l) => l.text));
    expect(b.dropped).toBe(14);
    expect(appendLines(b, [], 5)).toBe(b);
  });
});
