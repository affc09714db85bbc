import { describe, expect, it } from "vitest";
import { parseDuration } from "./duration";

describe("parseDuration", () => {
  it("reads durations the way an operator writes them", () => {
    expect(parseDuration("90s", "X")).toBe(90_000);
    expect(parseDuration("30m", "X")).toBe(1_800_000);
    expect(parseDuration("12h", "X")).toBe(43_200_000);
    expect(parseDuration("7d", "X")).toBe(604_800_000);
    expect(parseDuration("2w", "X")).toBe(1_209_600_000);
    expect(parseDuration("1.5h", "X")).toBe(5_400_000);
    expect(parseDuration(" 2 H ", "X")).toBe(7_200_000);
  });

  it("rejects what it cannot read with a sentence naming the setting", () => {
    for (const bad of ["7", "0d", "seven days", "-1h", "1y"])
      expect(() => parseDuration(bad, "LIFELINE_UNREACHABLE_AFTER")).toThrow(
        `LIFELINE_UNREACHABLE_AFTER must be a positive duration such as 12h, 7d or 2w, not "${bad}"`,
      );
  });
});
