import { describe, expect, it } from "vitest";
import { story, storyInput, storySnapshot } from "../fixtures";
import { buildTimeline } from "../timeline";
import { layoutTimeline, shortDuration } from "./timeline-layout";

function layout(name: string, snapshot = false) {
  const s = story(name)!;
  const input = snapshot ? storySnapshot(s) : storyInput(s);
  return layoutTimeline(buildTimeline(input), input.now, 960);
}

describe("layoutTimeline", () => {
  it("keeps every box inside the plot area", () => {
    const l = layout("liveness-exec");
    for (const row of l.rows) {
      for (const b of row.boxes) {
        expect(b.x).toBeGreaterThanOrEqual(l.gutter);
        expect(b.x + b.width).toBeLessThanOrEqual(l.width - 12 + 1);
        expect(b.width).toBeGreaterThanOrEqual(1);
      }
    }
    expect(l.rows.map((r) => r.id)).toEqual([
      "phase",
      "status",
      "condition-PodScheduled",
      "condition-ContainersReady",
      "condition-Initialized",
      "condition-PodReadyToStartContainers",
      "condition-Ready",
      "container-nginx",
      "ready-nginx",
      "markers",
    ]);
  });

  it("labels back-off brackets with the announced delay, the observed one when none was announced", () => {
    const row = layout("liveness-exec").rows.find((r) => r.id === "container-nginx")!;
    expect(row.brackets.map((b) => b.label)).toEqual(["1s", "10s", "20s", "40s", "1m20s", "2m40s", "5m0s", "5m0s"]);
    expect(row.brackets.some((b) => b.differs)).toBe(false);
    // Brackets sit between runs, left to right.
    const xs = row.brackets.map((b) => b.x1);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
  });

  it("shades what was reconstructed for a pod first met mid-life", () => {
    expect(layout("liveness-exec").observedFromX).toBeNull();
    const l = layout("liveness-exec", true);
    expect(l.observedFromX).toBeGreaterThan(l.gutter);
    expect(l.observedFromX).toBeLessThanOrEqual(l.nowX);
  });

  it.each([
    [1000, "1s"],
    [10_000, "10s"],
    [80_000, "1m20s"],
    [300_000, "5m0s"],
    [3_720_000, "1h2m"],
  ])("shortDuration(%i) = %s", (ms, text) => {
    expect(shortDuration(ms)).toBe(text);
  });
});
