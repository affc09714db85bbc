// The workload health rule, row by row (first match wins), as docs/health.md states it.
import { describe, expect, it } from "vitest";
import { workloadHealth, type WorkloadFacts } from "./workload";

const NOW = Date.parse("2026-11-24T12:00:00Z");
const min = 60_000;
const base: WorkloadFacts = {
  deleted: false,
  desired: 3,
  available: 3,
  shortSince: null,
  rollout: null,
  lastRun: null,
  missed: 0,
};

describe("workloadHealth", () => {
  it.each<[string, Partial<WorkloadFacts>, string, string | null]>([
    ["all available", {}, "ok", null],
    [
      "deleted, even if stalled",
      { deleted: true, rollout: { since: NOW - min, stalledAt: NOW, message: "m", paused: false } },
      "ok",
      null,
    ],
    [
      "stalled (ProgressDeadlineExceeded)",
      {
        rollout: {
          since: NOW - 3 * min,
          stalledAt: NOW - min,
          message: 'ReplicaSet "web-1" has timed out progressing.',
          paused: false,
        },
      },
      "failing",
      "health.workload.stalled",
    ],
    [
      "last run failed",
      {
        desired: null,
        available: null,
        lastRun: { result: "Failed", reason: "DeadlineExceeded", at: NOW },
      },
      "failing",
      "health.workload.runFailed",
    ],
    [
      "2 of 3 for 11 minutes",
      { available: 2, shortSince: NOW - 11 * min },
      "failing",
      "health.workload.unavailable",
    ],
    [
      "2 of 3 for 2 minutes",
      { available: 2, shortSince: NOW - 2 * min },
      "warning",
      "health.workload.unavailable",
    ],
    [
      "paused mid-rollout",
      { rollout: { since: NOW - min, stalledAt: null, message: null, paused: true } },
      "warning",
      "health.workload.paused",
    ],
    [
      "rolling for 11 minutes",
      { rollout: { since: NOW - 11 * min, stalledAt: null, message: null, paused: false } },
      "warning",
      "health.workload.rolling",
    ],
    [
      "rolling for 2 minutes",
      { rollout: { since: NOW - 2 * min, stalledAt: null, message: null, paused: false } },
      "ok",
      null,
    ],
    [
      "a missed schedule",
      { desired: null, available: null, missed: 1 },
      "warning",
      "health.workload.missed",
    ],
    ["scaled to zero", { desired: 0, available: 0 }, "ok", null],
  ])("%s", (_name, facts, level, key) => {
    const h = workloadHealth({ ...base, ...facts }, NOW);
    expect(h.level).toBe(level);
    expect(h.reason?.key ?? null).toBe(key);
  });

  it("says how long and how many", () => {
    expect(workloadHealth({ ...base, available: 1, shortSince: NOW - 90_000 }, NOW).reason).toEqual(
      {
        key: "health.workload.unavailable",
        vars: { available: 1, desired: 3, d: "1m 30s" },
      },
    );
  });

  it("never throws on partial facts", () => {
    expect(workloadHealth(null as never, NOW).level).toBe("ok");
    expect(workloadHealth({ rollout: "x", lastRun: 1 } as never, NOW).level).toBe("ok");
  });
});
