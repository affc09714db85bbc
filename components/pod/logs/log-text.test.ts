import { describe, expect, it } from "vitest";
import { findMatches, leadingTime, logLines, markSegments, stripAnsi } from "./log-text";

const ESC = "\x1b";

describe("log text", () => {
  it("keeps colour from SGR (lib/text/ansi.ts) and drops every other escape", () => {
    const noisy = `${ESC}[2J${ESC}[H${ESC}]0;title\x07a${ESC}[1Ab\x07c${ESC}(Bd${ESC}`;
    expect(stripAnsi(noisy)).toBe("abcd");
    expect(stripAnsi(`\ttab ${ESC}[31mred`)).toBe("\ttab red");
    expect(logLines(`${ESC}[31mERROR${ESC}[0m done\n`)[0].segments).toEqual([
      { text: "ERROR", fg: "red" },
      { text: " done" },
    ]);
  });

  it("reads an RFC 3339 time at a line's start, and nothing else as one", () => {
    expect(leadingTime("2026-11-20T09:00:01.8Z panic: boom")).toEqual({
      at: Date.parse("2026-11-20T09:00:01.800Z"),
      rest: "panic: boom",
    });
    expect(leadingTime("2026-11-20T10:00:01.123456789+01:00 x")?.at).toBe(
      Date.parse("2026-11-20T09:00:01.123Z"),
    );
    expect(leadingTime("2026-11-20 09:00:01 x")).toBeNull();
    expect(leadingTime("at 2026-11-20T09:00:01Z x")).toBeNull();
    expect(leadingTime("2026-11-20T09:00:01Zx")).toBeNull();
  });

  it("splits lines, a final newline ending the last one; a carriage return shows what it left", () => {
    const lines = logLines(
      `one\n2026-11-20T09:00:01Z ${ESC}[31mtwo${ESC}[0m\r\nloading 10%\rloading 100%\n`,
    );
    expect(lines.map((l) => [l.n, l.at, l.plain])).toEqual([
      [1, null, "one"],
      [2, Date.parse("2026-11-20T09:00:01Z"), "two"],
      [3, null, "loading 100%"],
    ]);
    expect(lines[1].raw).toBe(`2026-11-20T09:00:01Z ${ESC}[31mtwo${ESC}[0m\r`);
    expect(logLines("")).toEqual([]);
    expect(logLines("\n").map((l) => l.plain)).toEqual([""]);
  });

  it("finds a query case-insensitively, each place once, and cuts the segments at the matches", () => {
    const lines = logLines(`Error: a\nno\n${ESC}[31merr${ESC}[0mor ERROR\n`);
    expect(findMatches(lines, "error")).toEqual([
      { line: 0, start: 0, end: 5 },
      { line: 2, start: 0, end: 5 },
      { line: 2, start: 6, end: 11 },
    ]);
    expect(findMatches(lines, "")).toEqual([]);
    expect(findMatches(logLines("aaaa"), "aa")).toHaveLength(2);
    const cut = markSegments(lines[2].segments, [
      { start: 0, end: 5, index: 1 },
      { start: 6, end: 11, index: 2 },
    ]);
    expect(cut).toEqual([
      { text: "err", fg: "red", mark: 1 },
      { text: "or", mark: 1 },
      { text: " ", mark: null },
      { text: "ERROR", mark: 2 },
    ]);
  });
});
