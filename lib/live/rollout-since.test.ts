// Since when a workload's rollout has been open, as the collector saw it: a Deployment's
// Progressing condition keeps its lastTransitionTime across rollouts, so the start comes from the
// observations (kubectl rollout restart, then the controller's answer), per revision.
import { describe, expect, it } from "vitest";
import type { Observation } from "../kube/reflector";
import type { WorkloadState, WorkloadVersion } from "../workloads/workload-state";
import { LiveWorkloads } from "./live-workloads";
import { rolloutStreakStart } from "./rollout-since";

const T = Date.parse("2026-11-25T10:00:00Z");

function deploy(gen: number, observed: number, revision: number, updated: number, available = 3) {
  return {
    kind: "Deployment",
    namespace: "shop",
    name: "catalog",
    uid: "u1",
    owner: null,
    generation: gen,
    observedGeneration: observed,
    revision,
    paused: false,
    strategy: { type: "RollingUpdate", maxSurge: "25%", maxUnavailable: "25%", partition: null },
    counts: {
      desired: 3,
      current: 3 + (updated < 3 ? 1 : 0),
      updated,
      ready: available,
      available,
    },
    currentRevision: null,
    updateRevision: null,
    conditions: [],
  } as unknown as WorkloadState;
}

function sts(update: string, current: string, updated: number, ready = 3) {
  return {
    kind: "StatefulSet",
    namespace: "data",
    name: "db",
    uid: "u1",
    owner: null,
    generation: 2,
    observedGeneration: 2,
    revision: null,
    strategy: { type: "RollingUpdate", maxSurge: null, maxUnavailable: null, partition: 0 },
    counts: { desired: 3, current: 3, updated, ready, available: ready },
    currentRevision: current,
    updateRevision: update,
    conditions: [],
  } as unknown as WorkloadState;
}

const seen = (s: WorkloadState, at: number) =>
  ({
    type: "MODIFIED",
    kind: s.kind,
    observedAt: at,
    object: { metadata: { uid: "u1" }, kind: s.kind, workload: s },
  }) as unknown as Observation;
const version = (s: WorkloadState, at: number): WorkloadVersion => ({
  observedAt: at,
  deleted: false,
  state: s,
});

describe("LiveWorkloads.rolloutSince", () => {
  it("a rollout restart starts at the unobserved spec change and holds through the new revision until done", () => {
    const w = new LiveWorkloads();
    w.observe(seen(deploy(1, 1, 1, 3), T));
    expect(w.rolloutSince("u1")).toBeNull();
    w.observe(seen(deploy(2, 1, 1, 3), T + 1_000));
    expect(w.rolloutSince("u1")).toBe(T + 1_000);
    w.observe(seen(deploy(2, 2, 2, 0), T + 1_100));
    w.observe(seen(deploy(2, 2, 2, 1), T + 5_000));
    expect(w.rolloutSince("u1")).toBe(T + 1_000);
    w.observe(seen(deploy(2, 2, 2, 3), T + 30_000));
    expect(w.rolloutSince("u1")).toBeNull();
    // A pod of the rolled-out revision lost later: kubectl waits, but no rollout began.
    w.observe(seen(deploy(2, 2, 2, 3, 2), T + 40_000));
    expect(w.rolloutSince("u1")).toBeNull();
    // kubectl set image: the next one starts at its own change.
    w.observe(seen(deploy(3, 2, 2, 3, 3), T + 50_000));
    w.observe(seen(deploy(3, 3, 3, 1, 3), T + 51_000));
    expect(w.rolloutSince("u1")).toBe(T + 50_000);
  });

  it("a StatefulSet rolls while updateRevision differs from currentRevision; a newer revision restarts it", () => {
    const w = new LiveWorkloads();
    w.observe(seen(sts("db-a", "db-a", 3), T));
    expect(w.rolloutSince("u1")).toBeNull();
    w.observe(seen(sts("db-b", "db-a", 1, 2), T + 10_000));
    w.observe(seen(sts("db-b", "db-a", 2, 3), T + 20_000));
    expect(w.rolloutSince("u1")).toBe(T + 10_000);
    w.observe(seen(sts("db-c", "db-a", 0, 3), T + 30_000));
    expect(w.rolloutSince("u1")).toBe(T + 30_000);
  });

  it("met mid-rollout for the first time, it reads the start from the stored versions", () => {
    const stored = [
      version(deploy(1, 1, 1, 3), T - 3_600_000),
      version(deploy(2, 1, 1, 3), T - 120_000),
      version(deploy(2, 2, 2, 1), T - 119_000),
    ];
    const w = new LiveWorkloads(() => stored);
    w.observe(seen(deploy(2, 2, 2, 2), T));
    expect(w.rolloutSince("u1")).toBe(T - 120_000);
    expect(rolloutStreakStart(stored, T, "r2")).toBe(T - 120_000);
    // The stored versions show that revision rolled out already: not a rollout.
    expect(rolloutStreakStart([version(deploy(2, 2, 2, 3), T - 10)], T, "r2")).toBeNull();
    expect(rolloutStreakStart([], T, "r2")).toBe(T);
  });
});
