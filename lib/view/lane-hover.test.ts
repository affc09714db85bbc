import { describe, expect, it } from "vitest";
import { translator } from "@/lib/i18n";
import type { PodRow, StatusChange } from "@/lib/rows/pod-row";
import { laneHoverText, type LaneHoverContext } from "./lane-hover";

const T = Date.parse("2026-11-20T09:00:00Z");
const min = 60_000;
const change = (
  m: number,
  status: string,
  phase: string,
  restarts = 0,
  ready = false,
): StatusChange => ({ start: T + m * min, status, phase, ready, restarts });
const row = (recent: StatusChange[], over: Partial<PodRow> = {}): PodRow => ({
  uid: "u1",
  namespace: "dev",
  name: "web-1",
  node: "node-1",
  phase: recent.at(-1)?.phase ?? "Pending",
  status: recent.at(-1)?.status ?? "Pending",
  ready: "0/1",
  restarts: "0",
  restartCount: 0,
  lastRestartAt: null,
  age: "1h",
  labels: {},
  createdAt: T,
  deletedAt: null,
  podReady: false,
  recent,
  ...over,
});
const at = (m: number) => T + m * min;
const ctx = (over: Partial<LaneHoverContext> = {}): LaneHoverContext => ({
  now: at(60),
  to: at(60),
  tolerance: 30_000,
  tz: "utc",
  t: translator("en"),
  ...over,
});

// Pending for 2 minutes, Running, a crash at 20 (restart 1), Running again at 21.
const crashed = row([
  change(0, "Pending", "Pending"),
  change(2, "Running", "Running", 0, true),
  change(20, "CrashLoopBackOff", "Running", 1),
  change(21, "Running", "Running", 1, true),
]);

describe("laneHoverText", () => {
  it("names the stretch under the pointer with its status, phase, span and length", () => {
    expect(laneHoverText(crashed, at(1), ctx())).toBe(
      "web-1: Pending (Pending) · 2026-11-20 09:00:00 UTC → 2026-11-20 09:02:00 UTC (2m0s)",
    );
  });

  it("says 'now' for the stretch still open, measured to now", () => {
    expect(laneHoverText(crashed, at(40), ctx())).toBe(
      "web-1: Running (Running) · 2026-11-20 09:21:00 UTC → now (39m0s)",
    );
  });

  it("prefers a restart within the tolerance to the stretch it sits in", () => {
    expect(laneHoverText(crashed, at(20) + 20_000, ctx())).toBe(
      "web-1: restart → 1 · 2026-11-20 09:20:00 UTC",
    );
    // Farther than the tolerance: the stretch again.
    expect(laneHoverText(crashed, at(20) + 40_000, ctx())).toMatch(
      /^web-1: CrashLoopBackOff \(Running\) · 2026-11-20 09:20:00 UTC → 2026-11-20 09:21:00 UTC/,
    );
  });

  it("marks the stretch before Lifeline watched as reconstructed", () => {
    const late = row([change(10, "Running", "Running", 0, true)]);
    expect(laneHoverText(late, at(5), ctx())).toBe(
      "web-1: Running (Running) · 2026-11-20 09:00:00 UTC → 2026-11-20 09:10:00 UTC (10m0s) · before Lifeline watched (reconstructed)",
    );
  });

  it("says a watched stretch's changes were not kept (dropped for the count limit)", () => {
    const dropped = row([change(30, "Running", "Running", 0, true)], { watchedFrom: at(10) });
    expect(laneHoverText(dropped, at(20), ctx())).toBe(
      "web-1: watched, changes not kept in memory · 2026-11-20 09:10:00 UTC → 2026-11-20 09:30:00 UTC (20m0s)",
    );
  });

  it("says the window has nothing there before the pod existed", () => {
    const young = row([change(30, "Running", "Running")], { createdAt: at(30) });
    expect(laneHoverText(young, at(10), ctx())).toBe("web-1: nothing in this window");
  });

  it("cuts the lane at the window's end: a past window's last stretch ends there, not now", () => {
    expect(laneHoverText(crashed, at(25), ctx({ to: at(30) }))).toBe(
      "web-1: Running (Running) · 2026-11-20 09:21:00 UTC → 2026-11-20 09:30:00 UTC (9m0s)",
    );
  });

  it("speaks the reader's language and isolates cluster text written right to left", () => {
    const rtl = row([change(0, "\u05e9\u05d2\u05d9\u05d0\u05d4", "Failed")]);
    const text = laneHoverText(rtl, at(5), ctx({ t: translator("zh") }));
    expect(text).toBe(
      "web-1: \u2068\u05e9\u05d2\u05d9\u05d0\u05d4\u2069 (Failed) · 2026-11-20 09:00:00 UTC → 现在 (1h0m)",
    );
  });
});
