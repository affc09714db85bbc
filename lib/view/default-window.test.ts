import { describe, expect, it } from "vitest";
import { defaultWindow } from "./default-window";
import { readState, writeState } from "./overview";

const T = Date.parse("2026-11-24T06:00:00Z");

describe("the default window", () => {
  it("holds a fresh install's whole history, and is the usual hour once the history is older", () => {
    expect(defaultWindow(T - 3 * 60_000, T)).toBe("15m");
    expect(defaultWindow(T - 15 * 60_000, T)).toBe("15m");
    expect(defaultWindow(T - 16 * 60_000, T)).toBe("1h");
    expect(defaultWindow(T - 3 * 86_400_000, T)).toBe("1h");
    expect(defaultWindow(null, T)).toBe("1h");
  });

  it("is what the URL means without a window, and left out of the URL when chosen", () => {
    expect(readState(new URLSearchParams(""), "15m").window).toBe("15m");
    expect(readState(new URLSearchParams("window=1h"), "15m").window).toBe("1h");
    const s = readState(new URLSearchParams(""), "15m");
    expect(writeState(s, "15m").toString()).toBe("");
    expect(writeState({ ...s, window: "1h" }, "15m").toString()).toBe("window=1h");
    // Links for others name the window (their default may differ).
    expect(writeState(s).toString()).toBe("window=15m");
  });
});
