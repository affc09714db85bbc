// The workload and node pages' windows: the overview's presets, 7d included (the overview by
// workload links here with its own window), and anything else falls back to an hour.
import { describe, expect, it } from "vitest";
import { PRESETS } from "@/lib/view/overview";
import { WINDOW_PRESETS, windowOf } from "./window-presets";

const NOW = Date.parse("2026-11-25T10:00:00Z");

describe("windowOf", () => {
  it("answers every preset the overview offers, and an hour for anything else", () => {
    expect([...WINDOW_PRESETS]).toEqual(Object.keys(PRESETS));
    expect(windowOf(null, "7d", NOW)).toEqual([NOW - 7 * 86_400_000, NOW]);
    expect(windowOf(null, "2w", NOW)).toEqual([NOW - 3_600_000, NOW]);
    expect(windowOf({ from: 1, to: 2 }, "7d", NOW)).toEqual([1, 2]);
  });
});
