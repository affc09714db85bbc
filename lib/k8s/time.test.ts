import { describe, expect, it } from "vitest";
import {
  formatGoDuration,
  formatMicroTime,
  humanDuration,
  parseGoDuration,
  parseTime,
} from "./time";

describe("parseTime", () => {
  it.each([
    ["2026-11-20T09:00:00Z", Date.UTC(2026, 10, 20, 9, 0, 0)],
    ["2026-11-20T09:00:00.123456Z", Date.UTC(2026, 10, 20, 9, 0, 0, 123)],
    ["2026-11-20T09:00:00.5Z", Date.UTC(2026, 10, 20, 9, 0, 0, 500)],
    ["2026-11-20T10:00:00+01:00", Date.UTC(2026, 10, 20, 9, 0, 0)],
    ["0001-01-01T00:00:00Z", null],
    ["2026-11-20", null],
    ["yesterday", null],
    ["", null],
  ])("%s", (text, expected) => {
    expect(parseTime(text)).toBe(expected);
  });
  it("the usual form agrees with Date.UTC on every kind of date it accepts", () => {
    // Deterministic spread over years 100–9999, every month, the last days of months, leap days
    // (2000 and 2024 have one; 1900 and 2023 do not) and leap seconds.
    let seed = 19;
    const next = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    const pad = (n: number, w: number) => String(n).padStart(w, "0");
    const text = (y: number, mo: number, d: number, h: number, mi: number, s: number) =>
      `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}Z`;
    const cases: [number, number, number, number, number, number][] = [
      [2000, 2, 29, 12, 0, 0],
      [2024, 2, 29, 0, 0, 0],
      [1970, 1, 1, 0, 0, 0],
      [1969, 12, 31, 23, 59, 59],
      [9999, 12, 31, 23, 59, 60],
      [100, 1, 1, 0, 0, 0],
      [2026, 6, 30, 23, 59, 60],
    ];
    for (let i = 0; i < 5000; i++) {
      const mo = 1 + next(12);
      const days = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
      cases.push([100 + next(9900), mo, 1 + next(days), next(24), next(60), next(61)]);
    }
    for (const [y, mo, d, h, mi, s] of cases)
      expect(parseTime(text(y, mo, d, h, mi, s))).toBe(Date.UTC(y, mo - 1, d, h, mi, s));
    // Again, in another order: answers remembered from earlier texts must be this text's.
    for (const [y, mo, d, h, mi, s] of [...cases].reverse())
      expect(parseTime(text(y, mo, d, h, mi, s))).toBe(Date.UTC(y, mo - 1, d, h, mi, s));
    for (const bad of ["1900-02-29T00:00:00Z", "2023-02-29T00:00:00Z", "2026-04-31T00:00:00Z"])
      expect(parseTime(bad)).toBeNull();
  });
  it.each([null, undefined, 5, {}, []])("non-string %j is null", (value) => {
    expect(parseTime(value)).toBeNull();
  });
  it("formats micro time as events.k8s.io/v1 writes it", () => {
    expect(formatMicroTime(Date.UTC(2026, 10, 20, 9, 0, 0, 123))).toBe(
      "2026-11-20T09:00:00.123000Z",
    );
  });
});

describe("Go durations", () => {
  it.each([
    ["10s", 10_000],
    ["1m20s", 80_000],
    ["2m40s", 160_000],
    ["5m0s", 300_000],
    ["1.5s", 1500],
    ["512ms", 512],
    ["1h0m0s", 3_600_000],
    ["2.345678901s", 2346],
    ["0", 0],
    ["", null],
    ["10", null],
    ["10s garbage", null],
  ])("parse %s", (text, ms) => {
    expect(parseGoDuration(text)).toBe(ms);
  });
  it.each([
    [10_000, "10s"],
    [80_000, "1m20s"],
    [300_000, "5m0s"],
    [3_600_000, "1h0m0s"],
    [1500, "1.5s"],
    [250, "250ms"],
    [0, "0s"],
  ])("format %i", (ms, text) => {
    expect(formatGoDuration(ms)).toBe(text);
  });
});

describe("kubectl HumanDuration", () => {
  it.each([
    [-5000, "<invalid>"],
    [-1000, "0s"],
    [0, "0s"],
    [45_000, "45s"],
    [119_999, "119s"],
    [120_000, "2m"],
    [330_000, "5m30s"],
    [599_000, "9m59s"],
    [600_000, "10m"],
    [47 * 60_000, "47m"],
    [179 * 60_000, "179m"],
    [3 * 3_600_000, "3h"],
    [5 * 3_600_000 + 12 * 60_000, "5h12m"],
    [20 * 3_600_000, "20h"],
    [47 * 3_600_000, "47h"],
    [48 * 3_600_000, "2d"],
    [76 * 3_600_000, "3d4h"],
    [12 * 86_400_000, "12d"],
    [729 * 86_400_000, "729d"],
    [(2 * 365 + 40) * 86_400_000, "2y40d"],
    [9 * 365 * 86_400_000, "9y"],
  ])("%i ms → %s", (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });
});
