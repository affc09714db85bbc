import { afterEach, describe, expect, it } from "vitest";
import { formatDuration, formatTime } from "./format";

const T = Date.parse("2026-11-20T09:00:05.678Z");
const zone = process.env.TZ;

describe("formatTime", () => {
  afterEach(() => {
    process.env.TZ = zone;
  });

  it("writes a date and time with its zone, in UTC or the local zone with its offset", () => {
    expect(formatTime(T, "utc")).toBe("2026-11-20 09:00:05 UTC");
    process.env.TZ = "Asia/Shanghai";
    expect(formatTime(T, "local")).toBe("2026-11-20 17:00:05 UTC+08:00");
    process.env.TZ = "America/New_York";
    expect(formatTime(T, "local")).toBe("2026-11-20 04:00:05 UTC−05:00");
  });

  it("writes the date alone, the time of day alone, or cuts the seconds", () => {
    expect(formatTime(T, "utc", { part: "date" })).toBe("2026-11-20");
    expect(formatTime(T, "utc", { part: "time" })).toBe("09:00:05");
    expect(formatTime(T + 59_000, "utc", { seconds: false })).toBe("2026-11-20 09:01 UTC");
    process.env.TZ = "Asia/Tokyo";
    expect(formatTime(T + 15 * 3600_000, "local", { part: "date" })).toBe("2026-11-21");
    expect(formatTime(T, "local", { part: "time" })).toBe("18:00:05");
  });
});

describe("formatDuration", () => {
  it.each([
    [1000, "1s"],
    [10_000, "10s"],
    [80_000, "1m20s"],
    [300_000, "5m0s"],
    [3_720_000, "1h2m"],
    [1_499, "1s"],
    [800, "800ms"],
    [999.6, "1s"],
    [0, "0s"],
    [90_000_000, "25h0m"],
  ])("compact (timeline labels): %i ms = %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
    expect(formatDuration(ms, "compact")).toBe(text);
  });

  it("elapsed (banners, health, the kiosk): whole seconds gone by, up to days", () => {
    expect(
      [0, 45_000, 185_000, 7_800_000, 273_600_000].map((ms) => formatDuration(ms, "elapsed")),
    ).toEqual(["0s", "45s", "3m 05s", "2h 10m", "3d 4h"]);
    // Rounded down, and a clock a little behind never makes it negative.
    expect(formatDuration(59_999, "elapsed")).toBe("59s");
    expect(formatDuration(-3000, "elapsed")).toBe("0s");
  });

  it("took (the server's log): the nearest second, hours the largest unit", () => {
    expect([0, 45_000, 185_000, 7_800_000].map((ms) => formatDuration(ms, "took"))).toEqual([
      "0s",
      "45s",
      "3m 05s",
      "2h 10m",
    ]);
    expect(formatDuration(59_500, "took")).toBe("1m 00s");
    expect(formatDuration(90_000_000, "took")).toBe("25h 00m");
    expect(formatDuration(-3000, "took")).toBe("0s");
  });
});
