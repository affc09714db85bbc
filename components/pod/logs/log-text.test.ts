import { describe, expect, it } from "vitest";
import {
  ansiSegments,
  findMatches,
  leadingTime,
  logLines,
  markSegments,
  stripAnsi,
} from "./log-text";

const ESC = "\x1b";

describe("log text", () => {
  it("keeps colour and bold from SGR and drops every other escape", () => {
    expect(ansiSegments(`${ESC}[31mERROR${ESC}[0m done`)).toEqual([
      { text: "ERROR", fg: 1, bold: false },
      { text: " done", fg: null, bold: false },
    ]);
    expect(ansiSegments(`${ESC}[1;92mok${ESC}[22m!${ESC}[39m.`)).toEqual([
      { text: "ok", fg: 10, bold: true },
      { text: "!", fg: 10, bold: false },
      { text: ".", fg: null, bold: false },
    ]);
    // 256 colours: the first 16 kept, the others (and true colour) in the page's ink.
    expect(ansiSegments(`${ESC}[38;5;4mlow${ESC}[38;5;200mhigh${ESC}[38;2;1;2;3mrgb`)).toEqual([
      { text: "low", fg: 4, bold: false },
      { text: "highrgb", fg: null, bold: false },
    ]);
    // Cursor moves, clears, a title (OSC), a bell: gone, nothing else changes.
    const noisy = `${ESC}[2J${ESC}[H${ESC}]0;title\x07a${ESC}[1Ab\x07c${ESC}(Bd${ESC}`;
    expect(ansiSegments(noisy)).toEqual([{ text: "abcd", fg: null, bold: false }]);
    expect(stripAnsi(noisy)).toBe("abcd");
    expect(stripAnsi(`\ttab ${ESC}[31mred`)).toBe("\ttab red");
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
      { text: "err", fg: 1, bold: false, mark: 1 },
      { text: "or", fg: null, bold: false, mark: 1 },
      { text: " ", fg: null, bold: false, mark: null },
      { text: "ERROR", fg: null, bold: false, mark: 2 },
    ]);
  });
});
