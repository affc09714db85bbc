import { describe, expect, it } from "vitest";
import { fitText, TextFitter } from "./text-fit";

// A monospace measure: 7 px a code point.
const mono = (s: string) => Array.from(s).length * 7;

describe("fitText", () => {
  it("keeps text that fits", () => {
    expect(fitText("pause-1", 49, mono)).toBe("pause-1");
  });
  it("cuts to the longest prefix that fits with an ellipsis", () => {
    // 48 px: 6 code points, the last the ellipsis.
    expect(fitText("crashloop-backoff", 48, mono)).toBe("crash…");
    expect(mono(fitText("crashloop-backoff", 48, mono))).toBeLessThanOrEqual(48);
  });
  it("drops a trailing space before the ellipsis", () => {
    expect(fitText("ab cdef", 28, mono)).toBe("ab…");
  });
  it("never splits a surrogate pair", () => {
    expect(fitText("😀😀😀😀", 21, mono)).toBe("😀😀…");
  });
  it("gives nothing when not even the ellipsis fits", () => {
    expect(fitText("abc", 6, mono)).toBe("");
    expect(fitText("abc", 0, mono)).toBe("");
  });
});

describe("TextFitter", () => {
  it("measures each string once and agrees with fitText", () => {
    let calls = 0;
    const f = new TextFitter((s) => (calls++, mono(s)));
    expect(f.fit("node-pool-a-123456", 70)).toBe(fitText("node-pool-a-123456", 70, mono));
    const after = calls;
    expect(f.fit("node-pool-a-123456", 70)).toBe("node-pool…");
    expect(calls).toBe(after);
  });
  it("starts over when full instead of growing without bound", () => {
    const f = new TextFitter(mono, 3);
    for (const s of ["a", "b", "c", "d", "e"]) f.width(s);
    expect(f.width("e")).toBe(7);
    expect((f as unknown as { widths: Map<string, number> }).widths.size).toBeLessThanOrEqual(3);
  });
});
