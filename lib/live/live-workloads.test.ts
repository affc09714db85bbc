// Since when a workload has had fewer available than desired, as the collector saw it: from the
// first short observation, reset when it recovers, and from the stored versions when this process
// first meets it short (a restart during the shortfall).
import { describe, expect, it } from "vitest";
import type { Observation } from "../kube/reflector";
import type { WorkloadState, WorkloadVersion } from "../workloads/workload-state";
import { LiveWorkloads, shortStreakStart } from "./live-workloads";

const T = Date.parse("2026-11-25T10:00:00Z");

function state(available: number, desired = 3, kind: WorkloadState["kind"] = "StatefulSet") {
  return {
    kind,
    namespace: "data",
    name: "db",
    uid: "u1",
    owner: null,
    counts: { desired, current: desired, updated: desired, ready: available, available },
  } as unknown as WorkloadState;
}

const seen = (s: WorkloadState, at: number, type: Observation["type"] = "MODIFIED") =>
  ({
    type,
    kind: s.kind,
    observedAt: at,
    object: { metadata: { uid: "u1" }, kind: s.kind, workload: s },
  }) as unknown as Observation;

const version = (s: WorkloadState | null, at: number, deleted = false): WorkloadVersion => ({
  observedAt: at,
  deleted,
  state: s,
});

describe("LiveWorkloads.shortSince", () => {
  it("starts at the first short observation, holds while short, and ends when it recovers", () => {
    const w = new LiveWorkloads();
    w.observe(seen(state(3), T, "ADDED"));
    expect(w.shortSince("u1")).toBeNull();
    w.observe(seen(state(1), T + 10_000));
    w.observe(seen(state(2), T + 20_000));
    expect(w.shortSince("u1")).toBe(T + 10_000);
    w.observe(seen(state(3), T + 30_000));
    expect(w.shortSince("u1")).toBeNull();
    w.observe(seen(state(0), T + 40_000));
    expect(w.shortSince("u1")).toBe(T + 40_000);
    w.observe(seen(state(0), T + 50_000, "DELETED"));
    expect(w.shortSince("u1")).toBeNull();
  });

  it("a Job's counts are runs: never short", () => {
    const w = new LiveWorkloads();
    w.observe(seen(state(0, 1, "Job"), T, "ADDED"));
    expect(w.shortSince("u1")).toBeNull();
  });

  it("met short for the first time, it reads since when from the stored versions", () => {
    const stored = [
      version(state(3), T - 600_000),
      version(state(1), T - 300_000),
      version(state(2), T - 100_000),
    ];
    const w = new LiveWorkloads(() => stored);
    w.observe(seen(state(1), T, "ADDED"));
    expect(w.shortSince("u1")).toBe(T - 300_000);
  });
});

describe("shortStreakStart", () => {
  it("walks back over the short versions before the time, stopping at a recovery or a deletion", () => {
    expect(shortStreakStart([], T)).toBe(T);
    expect(shortStreakStart([version(state(3), T - 10)], T)).toBe(T);
    expect(
      shortStreakStart(
        [version(state(1), T - 30), version(null, T - 20, true), version(state(1), T - 10)],
        T,
      ),
    ).toBe(T - 10);
    // Versions after the time do not count.
    expect(shortStreakStart([version(state(1), T - 10), version(state(1), T + 10)], T)).toBe(
      T - 10,
    );
  });
});
