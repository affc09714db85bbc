import { describe, expect, it } from "vitest";
import { story, storyInput } from "../fixtures";
import { buildTimeline } from "../timeline";
import { previewText } from "../view/preview";
import { podFactsOfTimeline, timelineHealth } from "./timeline-facts";
import { podHealth } from ".";

describe("health from a pod's timeline (pod page previews, pod snapshots)", () => {
  it("Unschedulable is failing at once, quoting the scheduler", () => {
    const input = storyInput(story("unschedulable")!);
    const tl = buildTimeline(input);
    const h = timelineHealth(tl, null, input.now);
    expect(h).toMatchObject({ level: "failing", reason: { key: "health.unschedulable" } });
    expect(previewText(tl, { at: input.now, health: h }).description).toMatch(
      / Health: failing \(Unschedulable: .+\)\.$/,
    );
  });
  it("a crash-looping pod is failing, whatever moment of the loop", () => {
    const input = storyInput(story("liveness-exec")!);
    const tl = buildTimeline(input);
    expect(timelineHealth(tl, null, input.now).level).toBe("failing");
    // The facts agree with the header: restarts counted, the lane's changes kept.
    const f = podFactsOfTimeline(tl, input.now);
    expect(f.restartCount).toBeGreaterThan(1);
    expect(f.recent!.length).toBe(tl.status.length);
  });
  it("never throws on a partial timeline", () => {
    expect(() => timelineHealth({} as never, {} as never, 0)).not.toThrow();
    expect(
      podHealth(podFactsOfTimeline({ status: [null], containers: [{ runs: null }] } as never, 0), 0)
        .level,
    ).toBeDefined();
  });
});
