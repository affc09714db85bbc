import { describe, expect, it } from "vitest";
import { workloadHealth } from "./workload";
import { workloadFactsOfRow, type WorkloadRowFacts } from "./workload-row";

const T = Date.parse("2026-11-24T10:00:00Z");
const iso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");
const counts = (desired: number, available: number) => ({
  desired,
  current: desired,
  updated: desired,
  ready: available,
  available,
});
const cond = (type: string, status: string, reason: string, at: number, message = "") => ({
  type,
  status,
  reason,
  message,
  lastTransitionTime: iso(at),
});
const row = (over: Partial<WorkloadRowFacts>): WorkloadRowFacts => ({
  kind: "Deployment",
  counts: counts(3, 3),
  conditions: [],
  paused: false,
  ...over,
});

describe("workload health from a list row", () => {
  it("a rollout past its deadline is failing, with the controller's message", () => {
    const msg = 'ReplicaSet "web-7d9c5b8f4" has timed out progressing.';
    const h = workloadHealth(
      workloadFactsOfRow(
        row({
          counts: counts(3, 3),
          conditions: [
            cond("Available", "True", "MinimumReplicasAvailable", T - 600_000),
            cond("Progressing", "False", "ProgressDeadlineExceeded", T - 60_000, msg),
          ],
        }),
        T,
      ),
      T,
    );
    expect(h).toEqual({
      level: "failing",
      reason: { key: "health.workload.stalled", vars: { message: msg } },
    });
  });

  it("fewer available than desired: warning, failing once it has lasted past 10 minutes (Available's own time)", () => {
    const short = (since: number) =>
      workloadHealth(
        workloadFactsOfRow(
          row({
            counts: counts(3, 1),
            conditions: [cond("Available", "False", "MinimumReplicasUnavailable", since)],
          }),
          T,
        ),
        T,
      ).level;
    expect(short(T - 60_000)).toBe("warning");
    expect(short(T - 11 * 60_000)).toBe("failing");
  });

  it("a completed rollout with every replica available is ok; a failed Job is failing", () => {
    expect(
      workloadHealth(
        workloadFactsOfRow(
          row({
            conditions: [cond("Progressing", "True", "NewReplicaSetAvailable", T - 5_000)],
          }),
          T,
        ),
        T,
      ).level,
    ).toBe("ok");
    const job = workloadHealth(
      workloadFactsOfRow(
        row({
          kind: "Job",
          counts: { desired: 1, current: 0, updated: null, ready: 0, available: null },
          conditions: [cond("Failed", "True", "BackoffLimitExceeded", T - 5_000)],
        }),
        T,
      ),
      T,
    );
    expect(job).toEqual({
      level: "failing",
      reason: { key: "health.workload.runFailed", vars: { reason: "BackoffLimitExceeded" } },
    });
  });

  it("a paused Deployment is a warning", () => {
    expect(workloadHealth(workloadFactsOfRow(row({ paused: true }), T), T).reason?.key).toBe(
      "health.workload.paused",
    );
  });

  it("a CronJob whose newest finished Job failed is failing (its Jobs' rows are its runs)", () => {
    const cj = row({
      kind: "CronJob",
      counts: { desired: null, current: null, updated: null, ready: null, available: null },
    });
    const done = (type: string, at: number, reason = "") => ({
      conditions: [cond(type, "True", reason, at)],
    });
    const failedLast = [
      done("Complete", T - 120_000),
      done("Failed", T - 30_000, "BackoffLimitExceeded"),
    ];
    expect(workloadHealth(workloadFactsOfRow(cj, T, failedLast), T)).toEqual({
      level: "failing",
      reason: { key: "health.workload.runFailed", vars: { reason: "BackoffLimitExceeded" } },
    });
    const completeLast = [
      done("Failed", T - 120_000, "BackoffLimitExceeded"),
      done("Complete", T - 30_000),
    ];
    expect(workloadHealth(workloadFactsOfRow(cj, T, completeLast), T).level).toBe("ok");
  });

  it("without an Available condition (a StatefulSet) the row does not invent since when: not '0s'", () => {
    const h = workloadHealth(
      workloadFactsOfRow(row({ kind: "StatefulSet", counts: counts(3, 1) }), T),
      T,
    );
    expect(h).toEqual({
      level: "warning",
      reason: { key: "health.workload.unavailable", vars: { available: 1, desired: 3, d: "—" } },
    });
  });

  it("a StatefulSet short for longer than the rule allows, since when the collector saw it, is failing", () => {
    // The kiosk showed data/db "1 of 3 available for —" for good: a warning, never failing.
    const since = T - 20 * 60_000;
    const h = workloadHealth(
      workloadFactsOfRow(row({ kind: "StatefulSet", counts: counts(3, 1), shortSince: since }), T),
      T,
    );
    expect(h).toEqual({
      level: "failing",
      reason: {
        key: "health.workload.unavailable",
        vars: { available: 1, desired: 3, d: "20m 00s" },
      },
    });
    // Available=False's own time wins over the observation.
    const av = workloadFactsOfRow(
      row({
        counts: counts(3, 1),
        conditions: [cond("Available", "False", "MinimumReplicasUnavailable", T - 60_000)],
        shortSince: since,
      }),
      T,
    );
    expect(av.shortSince).toBe(T - 60_000);
  });

  it("a rollout restart one second in is not hours old: Progressing's lastTransitionTime is the previous rollout's", () => {
    // kubectl rollout restart deploy/catalog: the controller keeps Progressing True (only reason,
    // message and lastUpdateTime change), so its lastTransitionTime is from a rollout 46m ago.
    const restarted = (rolloutSince: number | null) =>
      workloadFactsOfRow(
        row({
          counts: { desired: 3, current: 4, updated: 1, ready: 3, available: 3 },
          conditions: [
            cond("Available", "True", "MinimumReplicasAvailable", T - 2_758_000),
            cond(
              "Progressing",
              "True",
              "ReplicaSetUpdated",
              T - 2_758_000,
              'ReplicaSet "catalog-5f7c9d8b6" is progressing.',
            ),
          ],
          rolloutSince,
        }),
        T,
      );
    expect(restarted(T - 1_000).rollout?.since).toBe(T - 1_000);
    expect(workloadHealth(restarted(T - 1_000), T)).toEqual({ level: "ok", reason: null });
    // Start unknown (no observation yet): no duration is made up from the condition.
    expect(workloadHealth(restarted(null), T)).toEqual({ level: "ok", reason: null });
    expect(workloadHealth(restarted(T - 11 * 60_000), T)).toEqual({
      level: "warning",
      reason: { key: "health.workload.rolling", vars: { d: "11m 00s" } },
    });
  });

  it("a stalled rollout stalled when Progressing turned False, and began when it was observed to", () => {
    const f = workloadFactsOfRow(
      row({
        counts: { desired: 3, current: 4, updated: 1, ready: 3, available: 3 },
        conditions: [
          cond("Available", "True", "MinimumReplicasAvailable", T - 2_758_000),
          cond("Progressing", "False", "ProgressDeadlineExceeded", T - 60_000, "timed out"),
        ],
        rolloutSince: T - 660_000,
      }),
      T,
    );
    expect(f.rollout).toEqual({
      since: T - 660_000,
      stalledAt: T - 60_000,
      message: "timed out",
      paused: false,
    });
  });

  it("a StatefulSet or DaemonSet rolling out for 12 minutes is a warning (they have no Progressing condition)", () => {
    for (const kind of ["StatefulSet", "DaemonSet"] as const) {
      const h = workloadHealth(
        workloadFactsOfRow(
          row({
            kind,
            counts: { desired: 3, current: 3, updated: 1, ready: 3, available: 3 },
            rolloutSince: T - 12 * 60_000,
          }),
          T,
        ),
        T,
      );
      expect(h).toEqual({
        level: "warning",
        reason: { key: "health.workload.rolling", vars: { d: "12m 00s" } },
      });
    }
    // Not rolling: no rolloutSince.
    expect(
      workloadFactsOfRow(row({ kind: "DaemonSet", counts: counts(3, 3), rolloutSince: null }), T)
        .rollout,
    ).toBeNull();
  });
});
