import { describe, expect, test } from "vitest";
import { splitter } from "./split";

describe("splitter", () => {
  test.each(["\n", "\n\n"])(
    "every part, in order, however the text is cut (separator %j)",
    (sep) => {
      const parts = ["a", "", "bb", "x".repeat(1000), "c", ""];
      const text = parts.map((p) => p + sep).join("") + "unfinished";
      for (let size = 1; size <= 13; size++) {
        const out: string[] = [];
        const split = splitter(sep, (p) => out.push(p));
        for (let i = 0; i < text.length; i += size) split(text.slice(i, i + size));
        expect(out).toEqual(parts);
      }
    },
  );

  test("a 20 MB part arriving in 64 KiB chunks is searched once, not at every chunk", () => {
    const big = "y".repeat(20 * 1024 * 1024);
    const text = `${big}\n\nsmall\n\n`;
    const out: string[] = [];
    const split = splitter("\n\n", (p) => out.push(p));
    let searched = 0;
    const indexOf = String.prototype.indexOf;
    String.prototype.indexOf = function (this: string, ...args: [string, number?]) {
      searched += this.length - (args[1] ?? 0);
      return indexOf.apply(this, args);
    };
    try {
      for (let i = 0; i < text.length; i += 65536) split(text.slice(i, i + 65536));
    } finally {
      String.prototype.indexOf = indexOf;
    }
    expect(out.map((p) => p.length)).toEqual([big.length, 5]);
    // Each character looked at about once (the old splitter looked at the growing part every time: ~3,200×).
    expect(searched).toBeLessThan(text.length * 2);
  });
});
