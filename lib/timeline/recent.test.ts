// Kubernetes as clusters run it in 2026 (v1.33–1.35): in-place resize, generation tracking,
// container restart rules (KEP-5307) and per-node CrashLoopBackOff settings, from fixture stories.
import { describe, expect, it } from "vitest";
import { story, storyInput } from "../fixtures";
import { buildTimeline } from "./build-timeline";
import { restartDecision } from "../k8s/restart-rules";
import { kubectlStatus } from "./kubectl-status";
import type { PodTimeline } from "./types";

const T0 = Date.parse("2026-11-20T09:00:00Z");
const at = (sec: number) => T0 + sec * 1000;
const seen = (sec: number) => at(sec) + 80;

function timeline(name: string): PodTimeline {
  const s = story(name);
  if (!s) throw new Error(`no story ${name}`);
  return buildTimeline(storyInput(s));
}

describe("resize-in-place", () => {
  const tl = timeline("resize-in-place");
  const app = tl.containers[0];
  const set = (cpuReq: string, memReq: string, cpuLim: string, memLim: string) => ({
    requests: { cpu: cpuReq, memory: memReq },
    limits: { cpu: cpuLim, memory: memLim },
  });

  it("keeps desired (spec), allocated (kubelet) and actual (runtime) resources apart over time", () => {
    expect(app.resources).toEqual([
      {
        start: at(0),
        end: seen(3),
        desired: set("250m", "128Mi", "500m", "256Mi"),
        allocated: null,
        actual: null,
      },
      {
        start: seen(3),
        end: seen(5),
        desired: set("250m", "128Mi", "500m", "256Mi"),
        allocated: { cpu: "250m", memory: "128Mi" },
        actual: null,
      },
      {
        start: seen(5),
        end: seen(30),
        desired: set("250m", "128Mi", "500m", "256Mi"),
        allocated: { cpu: "250m", memory: "128Mi" },
        actual: set("250m", "128Mi", "500m", "256Mi"),
      },
      {
        start: seen(30),
        end: seen(60),
        desired: set("500m", "128Mi", "1", "256Mi"),
        allocated: { cpu: "250m", memory: "128Mi" },
        actual: set("250m", "128Mi", "500m", "256Mi"),
      },
      {
        start: seen(60),
        end: seen(61),
        desired: set("500m", "128Mi", "1", "256Mi"),
        allocated: { cpu: "500m", memory: "128Mi" },
        actual: set("250m", "128Mi", "500m", "256Mi"),
      },
      {
        start: seen(61),
        end: seen(90),
        desired: set("500m", "128Mi", "1", "256Mi"),
        allocated: { cpu: "500m", memory: "128Mi" },
        actual: set("500m", "128Mi", "1", "256Mi"),
      },
      {
        start: seen(90),
        end: null,
        desired: set("500m", "8Gi", "1", "8Gi"),
        allocated: { cpu: "500m", memory: "128Mi" },
        actual: set("500m", "128Mi", "1", "256Mi"),
      },
    ]);
  });

  it("marks the request, the pending reason and message, the actuation and the applied change", () => {
    const resize = tl.markers.filter(
      (m) => m.kind.startsWith("resize") || m.kind === "resized" || m.kind === "spec-changed",
    );
    expect(resize.map((m) => [m.kind, m.at, m.reason ?? null])).toEqual([
      ["spec-changed", seen(30), null],
      ["resize-requested", seen(30), null],
      ["resize-pending", at(31), "Deferred"],
      ["resize-in-progress", at(60), null],
      ["resized", seen(61), null],
      ["spec-changed", seen(90), null],
      ["resize-requested", seen(90), null],
      ["resize-pending", at(91), "Infeasible"],
    ]);
    expect(resize[1].changes).toEqual([
      { container: "app", resource: "cpu", field: "requests", from: "250m", to: "500m" },
      { container: "app", resource: "cpu", field: "limits", from: "500m", to: "1" },
    ]);
    expect(resize[1].message).toBe(
      "Resize requested: app: cpu requests 250m → 500m, cpu limits 500m → 1.",
    );
    expect(resize[2].message).toBe(
      "Node didn't have enough resource: cpu, requested: 500, used: 3750, capacity: 4000",
    );
    expect(resize[4].message).toBe("Resized: app: cpu requests 250m → 500m, cpu limits 500m → 1.");
    expect(resize[5].generation).toEqual({ from: 2, to: 3 });
    expect(resize[6].changes?.map((c) => `${c.resource} ${c.field} ${c.from} → ${c.to}`)).toEqual([
      "memory requests 128Mi → 8Gi",
      "memory limits 256Mi → 8Gi",
    ]);
    expect(resize[7].message).toBe(
      "Node didn't have enough capacity: memory, requested: 8589934592, capacity: 4110970880",
    );
  });

  it("carries metadata.generation against status.observedGeneration: a spec change is seen before the kubelet catches up", () => {
    expect(tl.generations).toEqual([
      { start: at(0), end: seen(3), generation: 1, observedGeneration: null },
      { start: seen(3), end: seen(30), generation: 1, observedGeneration: 1 },
      { start: seen(30), end: seen(31), generation: 2, observedGeneration: 1 },
      { start: seen(31), end: seen(90), generation: 2, observedGeneration: 2 },
      { start: seen(90), end: seen(91), generation: 3, observedGeneration: 2 },
      { start: seen(91), end: null, generation: 3, observedGeneration: 3 },
    ]);
  });

  it("keeps each condition's and status interval's observedGeneration", () => {
    const pending = tl.conditions.filter((c) => c.type === "PodResizePending");
    expect(pending.map((c) => [c.status, c.reason, c.start, c.end, c.observedGeneration])).toEqual([
      ["True", "Deferred", at(31), seen(60), 2],
      ["True", "Infeasible", at(91), null, 3],
    ]);
    expect(
      tl.conditions
        .filter((c) => c.type === "PodResizeInProgress")
        .map((c) => [c.start, c.end, c.observedGeneration]),
    ).toEqual([[at(60), seen(61), 2]]);
    expect(
      tl.conditions.find((c) => c.type === "Ready" && c.status === "True")?.observedGeneration,
    ).toBe(3);
    expect(
      tl.conditions.find((c) => c.type === "PodScheduled")?.observedGeneration,
    ).toBeUndefined();
    expect(tl.status.map((s) => [s.status, s.observedGeneration])).toEqual([
      ["Pending", undefined],
      ["ContainerCreating", 1],
      ["Running", 3],
    ]);
  });
});

describe("restart-rules", () => {
  const s = story("restart-rules")!;
  const tl = timeline("restart-rules");
  const worker = tl.containers[0];

  it("carries the container's own restartPolicy and its rules", () => {
    expect(worker.restartPolicy).toBe("Never");
    expect(worker.restartRules).toEqual([{ action: "Restart", operator: "In", values: [42] }]);
  });

  it("draws the runs and back-offs a restart rule causes under pod restartPolicy Never", () => {
    expect(worker.runs.map((r) => [r.attempt, r.start, r.end, r.exitCode])).toEqual([
      [1, at(5), at(12), 42],
      [2, at(13), at(20), 42],
      [3, at(31), at(40), 1],
    ]);
    expect(
      worker.backoffs.map((b) => [
        b.start,
        b.end,
        b.announcedDelayMs,
        b.observedDelayMs,
        b.beforeAttempt,
      ]),
    ).toEqual([
      [at(12), at(13), null, 1000, 2],
      [at(20), at(31), 10_000, 11_000, 3],
    ]);
    expect(worker.restartCount).toBe(2);
    // Running through the restarts; Failed only when the rule does not match (exit 1).
    expect(tl.phases.map((p) => p.phase)).toEqual(["Pending", "Running", "Failed"]);
  });

  it("has kubectl's STATUS and RESTARTS at each step, as printers.go computes them", () => {
    const status = tl.status.map((i) => i.status);
    expect(status).toEqual([
      "Pending",
      "ContainerCreating",
      "Running",
      "Error",
      "Running",
      "CrashLoopBackOff",
      "Running",
      "Error",
    ]);
    const inBackoff = s.observations.find(
      (o) => o.object.status?.containerStatuses?.[0]?.state?.waiting?.reason === "CrashLoopBackOff",
    )!.object;
    expect(kubectlStatus(inBackoff, at(25))).toMatchObject({
      status: "CrashLoopBackOff",
      ready: "0/1",
      restarts: "1 (5s ago)",
    });
    const last = s.observations[s.observations.length - 1].object;
    expect(kubectlStatus(last, at(60))).toMatchObject({ status: "Error", restarts: "2 (40s ago)" });
  });

  it("decides a restart as the kubelet does: the first matching rule, else the container's policy, else the pod's", () => {
    const rules = worker.restartRules;
    expect(restartDecision(42, rules, "Never", "Never")).toBe("restart");
    expect(restartDecision(1, rules, "Never", "Never")).toBe("stop");
    expect(
      restartDecision(1, [{ action: "Restart", operator: "NotIn", values: [0] }], "Never", "Never"),
    ).toBe("restart");
    expect(
      restartDecision(0, [{ action: "Restart", operator: "NotIn", values: [0] }], "Never", "Never"),
    ).toBe("stop");
    expect(restartDecision(3, [], null, "OnFailure")).toBe("restart");
    expect(restartDecision(0, [], "OnFailure", "Always")).toBe("stop");
    expect(restartDecision(0, [], null, null)).toBeNull();
  });
});

describe("backoff-fast", () => {
  const tl = timeline("backoff-fast");
  const cli = tl.containers[0];

  it("reads every announced delay from the kubelet's message: 1s, 2s, 4s … capped at 1m0s by the node", () => {
    expect(cli.backoffs.map((b) => b.announcedDelayMs)).toEqual(
      [null, 1, 2, 4, 8, 16, 32, 60, 60].map((s) => (s === null ? null : s * 1000)),
    );
  });

  it("measures each observed delay from finishedAt to the next startedAt", () => {
    expect(cli.backoffs.map((b) => b.observedDelayMs)).toEqual(
      [1, 1, 3, 4, 9, 16, 33, 60, null].map((s) => (s === null ? null : s * 1000)),
    );
    expect(cli.backoffs[cli.backoffs.length - 1]).toMatchObject({
      start: at(150),
      end: null,
      beforeAttempt: 10,
    });
    expect(cli.runs).toHaveLength(9);
  });
});
