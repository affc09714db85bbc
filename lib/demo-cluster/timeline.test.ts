// The demo cluster as the fixture the dashboard reads: its pods and events, fed through the same
// pure model the dashboard uses, tell the story the ground truth records.
import { describe, expect, it } from "vitest";
import type { CoreEvent, Pod } from "../k8s/types";
import { buildTimeline, type Observation } from "../timeline";
import { Kit, T0 } from "./cluster.test-kit";

function record(kit: Kit, name: string): Observation[] {
  const seen: Observation[] = [];
  kit.cluster.store.watch("pods", 0, (c) => {
    if (c.object.metadata.name === name)
      seen.push({
        type: c.type,
        object: structuredClone(c.object) as unknown as Pod,
        observedAt: kit.clock.now(),
      });
  });
  return seen;
}

describe("demo cluster → timeline model", () => {
  it("pod-liveness-exec: runs, announced and observed back-offs and probe failures match the ground truth", () => {
    const kit = new Kit({ scenarios: ["pod-liveness-exec"] });
    const observations = record(kit, "pod-liveness-exec");
    kit.at(900);
    const events = kit.events("pod-liveness-exec") as CoreEvent[];
    const timeline = buildTimeline({ observations, events, now: kit.clock.now() });
    expect(timeline.warnings).toEqual([]);
    const nginx = timeline.containers.find((c) => c.name === "nginx")!;
    const truthRuns = kit
      .truth("pod-liveness-exec", "container.state")
      .filter((e) => e.to === "running");
    expect(nginx.runs).toHaveLength(truthRuns.length);
    // API times are whole seconds; the ground truth has milliseconds.
    expect(nginx.runs.map((r) => r.start)).toEqual(
      truthRuns.map((e) => Math.floor(e.at / 1000) * 1000),
    );
    const announced = nginx.backoffs.map((b) => b.announcedDelayMs).filter((d) => d !== null);
    expect(announced.slice(0, 5)).toEqual([10_000, 20_000, 40_000, 80_000, 160_000]);
    const liveness = nginx.probes.filter((p) => p.probe === "liveness" && p.outcome === "failure");
    // core/v1 folds repeats; each entry says how many results it stands for.
    expect(liveness.reduce((n, p) => n + p.count, 0)).toBe(
      kit.truth("pod-liveness-exec", "probe").filter((e) => e.to === "failure").length,
    );
    const statuses = timeline.status.map((s) => s.status);
    expect(statuses).toContain("CrashLoopBackOff");
    expect(statuses.slice(0, 2)).toEqual(["ContainerCreating", "Running"]);
    expect(timeline.createdAt).toBe(T0);
  });
});
