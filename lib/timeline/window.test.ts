import { describe, expect, it } from "vitest";
import { story, storyInput } from "../fixtures";
import { buildTimeline } from "./build-timeline";
import { clipTimeline } from "./window";

const T0 = Date.parse("2026-11-20T09:00:00Z");

describe("a timeline through a window", () => {
  it("leaves out what ended before the window and keeps what overlaps it whole", () => {
    const full = buildTimeline(storyInput(story("liveness-exec")!));
    const nginx = full.containers[0];
    // The window starts halfway through the third run.
    const from = (nginx.runs[2].start + nginx.runs[2].end!) / 2;
    const clipped = clipTimeline(full, from);
    const kept = clipped.containers[0];
    expect(kept.runs.length).toBeGreaterThan(0);
    expect(kept.runs.length).toBeLessThan(nginx.runs.length);
    expect(kept.runs).toEqual(nginx.runs.filter((r) => r.end === null || r.end >= from));
    // The run that straddles the window's start is whole, not cut at it.
    expect(kept.runs[0]).toEqual(nginx.runs[2]);
    expect(kept.probes.every((p) => p.at >= from)).toBe(true);
    expect(clipped.markers.every((m) => m.at >= from)).toBe(true);
    expect(clipped.phases).toEqual(full.phases.filter((p) => p.end === null || p.end >= from));
    // Nothing else changes.
    expect({ ...clipped, phases: 0, status: 0, conditions: 0, containers: 0, markers: 0 }).toEqual({
      ...full,
      phases: 0,
      status: 0,
      conditions: 0,
      containers: 0,
      markers: 0,
    });
    // A window starting before the pod leaves it as it was.
    expect(clipTimeline(full, T0 - 1)).toEqual(full);
  });
});
