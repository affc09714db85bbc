// ANSI codes in log lines: colours become segments, everything else is removed, never interpreted.
import { describe, expect, it } from "vitest";
import { ansiSegments } from "./ansi";

describe("ansiSegments", () => {
  it("colours and bold from SGR codes, reset by 0 and 39", () => {
    expect(ansiSegments("\x1b[31mERROR\x1b[0m done \x1b[1;92mok\x1b[39m!")).toEqual([
      { text: "ERROR", fg: "red" },
      { text: " done " },
      { text: "ok", fg: "brightGreen", bold: true },
      { text: "!", bold: true },
    ]);
  });

  it("drops cursor moves, titles, 256-colour arguments and control characters, keeps tabs", () => {
    expect(ansiSegments("\x1b[2K\x1b]0;title\x07a\tb\x08\x1b[38;5;196mc\x1b[m")).toEqual([
      { text: "a\tbc" },
    ]);
    expect(ansiSegments("\x1b[1m<b>x</b>\x1b[0m\r")).toEqual([{ text: "<b>x</b>", bold: true }]);
  });

  it("drops a character-set escape whole (ESC ( B, as tput sgr0 prints it), not only its ESC", () => {
    expect(ansiSegments("a\x1b(Bb\x1b)0c\x1b7d")).toEqual([{ text: "abcd" }]);
  });

  it("drops C1 controls, an 8-bit CSI with its parameters too", () => {
    expect(ansiSegments("a\x9b2Kb\x85c")).toEqual([{ text: "abc" }]);
  });

  it("plain text is one segment", () => {
    expect(ansiSegments("<script>alert(1)</script>")).toEqual([
      { text: "<script>alert(1)</script>" },
    ]);
    expect(ansiSegments("")).toEqual([]);
  });
});
