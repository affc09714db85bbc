// The workload model on the StatefulSet, DaemonSet and CronJob scenarios (lib/fixtures/workloads).
// Times are written as seconds after 10:00:00 UTC.
import { describe, expect, it } from "vitest";
import { workloadStory, workloadStoryInput } from "../fixtures/workloads";
import { buildWorkloadTimeline } from ".";

const T0 = Date.parse("2026-11-24T10:00:00Z");
const at = (sec: number) => T0 + Math.round(sec * 1000);
const rel = (t: number | null) => (t === null ? null : (t - T0) / 1000);
const build = (name: string, untilSec?: number) =>
  buildWorkloadTimeline(
    workloadStoryInput(workloadStory(name)!, untilSec === undefined ? undefined : at(untilSec)),
  );

describe("a StatefulSet whose pod 1 fails readiness", () => {
  const tl = build("statefulset-blocked");

  it("rolls from the highest ordinal and stays in progress", () => {
    expect(tl.revisions.map((r) => [r.number, r.name, rel(r.firstSeen)])).toEqual([
      [1, "db-5f6d7c8b9", 0],
      [2, "db-7c9b8d6f4", 60],
    ]);
    expect(tl.revisions[1].changes!.images).toEqual([
      { container: "postgres", from: "postgres:16.4", to: "postgres:16.5" },
    ]);
    expect(tl.rollouts.map((r) => [r.to, r.outcome, rel(r.start), rel(r.end)])).toEqual([
      [1, "complete", 0, 18.58],
      [2, "in-progress", 60, null],
    ]);
    expect(tl.rollouts[1].evidence.map((e) => e.text)).toEqual([
      "Waiting for 1 pods to be ready...",
    ]);
    expect(tl.counts.updated.map((s) => s.value)).toEqual([0, 1, 2, 3, 0, 1, 2]);
  });

  it("groups pods by revision, each group by ordinal", () => {
    expect(
      tl.pods.map((g) => [
        g.name,
        g.current,
        g.pods.map((p) => [p.name, p.ordinal, rel(p.start), rel(p.end)]),
      ]),
    ).toEqual([
      [
        "db-5f6d7c8b9",
        false,
        [
          ["db-0", 0, 1, null],
          ["db-1", 1, 7, 72.08],
          ["db-2", 2, 13, 63.08],
        ],
      ],
      [
        "db-7c9b8d6f4",
        true,
        [
          ["db-1", 1, 73, null],
          ["db-2", 2, 64, null],
        ],
      ],
    ]);
  });

  it("offers no undo while its first revision is still rolling out: there is none to go back to", () => {
    // kubectl rollout undo answers "error: no last revision to roll back to" there.
    const first = build("statefulset-blocked", 10);
    expect(first.rollouts.map((r) => [r.from, r.to, r.outcome])).toEqual([
      [null, 1, "in-progress"],
    ]);
    expect(first.stuck?.commands).toEqual([
      "kubectl rollout status statefulset/db -n data",
      "kubectl rollout history statefulset/db -n data",
    ]);
  });

  it("says db-1 holds it up, with its readiness probe's words", () => {
    expect(tl.stuck).toMatchObject({
      to: 2,
      toName: "db-7c9b8d6f4",
      since: at(60),
      status: "Waiting for 1 pods to be ready...",
      others: [],
      noPods: null,
      commands: [
        "kubectl rollout status statefulset/db -n data",
        "kubectl rollout history statefulset/db -n data",
        "kubectl rollout undo statefulset/db -n data",
      ],
    });
    expect(tl.stuck!.pods.map((p) => [p.text, p.health.level])).toEqual([
      [
        "db-1: not ready — Readiness probe failed: /var/run/postgresql:5432 - rejecting connections",
        "warning",
      ],
    ]);
    // 2 of 3 available since db-1 was deleted at 70 s.
    expect(tl.health).toEqual({
      level: "warning",
      reason: {
        key: "health.workload.unavailable",
        vars: { available: 2, desired: 3, d: "3m 49s" },
      },
    });
    const later = buildWorkloadTimeline({
      ...workloadStoryInput(workloadStory("statefulset-blocked")!),
      now: at(700),
    });
    expect(later.health.level).toBe("failing");
  });
});

describe("a DaemonSet across three nodes, one lost", () => {
  it("before the loss: one pod per node, rolled out", () => {
    const tl = build("daemonset-node-lost", 100);
    expect(tl.pods.map((g) => g.pods.map((p) => [p.name, p.node]))).toEqual([
      [
        ["node-agent-7kx2p", "node-1"],
        ["node-agent-m4q9z", "node-2"],
        ["node-agent-r8t5w", "node-3"],
      ],
    ]);
    expect(tl.rollouts.map((r) => [r.to, r.outcome, rel(r.end)])).toEqual([[1, "complete", 6.58]]);
    expect(tl.rollouts[0].evidence[0].text).toBe('daemon set "node-agent" successfully rolled out');
    expect(tl.health.level).toBe("ok");
  });

  it("the update cannot get past the pod left Terminating on the lost node", () => {
    const tl = build("daemonset-node-lost");
    // Unknown until the controller writes a status; then 0 while its omitempty numberAvailable is
    // left out (no pod available yet), as kubectl prints it.
    expect(tl.counts.available.map((s) => [rel(s.start), s.value])).toEqual([
      [0.08, null],
      [1.58, 0],
      [6.58, 3],
      [160.58, 2],
    ]);
    expect(tl.rollouts.map((r) => [r.from, r.to, r.outcome, rel(r.start)])).toEqual([
      [null, 1, "complete", 0],
      [1, 2, "in-progress", 300],
    ]);
    expect(tl.stuck).toMatchObject({
      toName: "node-agent-5c7d9f8b6",
      status:
        'Waiting for daemon set "node-agent" rollout to finish: 0 out of 3 new pods have been updated...',
      pods: [],
      noPods: "no pod of node-agent-5c7d9f8b6 exists",
    });
    expect(tl.stuck!.others.map((p) => [p.text, p.health.level])).toEqual([
      [
        "node-agent-r8t5w: stuck Terminating on lost node-3 — NodeStatusUnknown: Kubelet stopped posting node status.",
        "failing",
      ],
    ]);
    expect(tl.health).toEqual({
      level: "failing",
      reason: {
        key: "health.workload.unavailable",
        vars: { available: 2, desired: 3, d: "12m 19s" },
      },
    });
  });
});

describe("a CronJob every minute whose third run fails", () => {
  const tl = build("cronjob-third-fails");

  it("lists each run with its scheduled time, result and duration", () => {
    expect(
      tl.cronJob!.runs.map((r) => [
        r.job,
        rel(r.scheduledAt),
        rel(r.start),
        rel(r.end),
        r.result,
        r.reason,
        r.durationMs,
        rel(r.deletedAt),
      ]),
    ).toEqual([
      ["report-29925241", 60, 61, 74, "Complete", "CompletionsReached", 13_000, 315.08],
      ["report-29925242", 120, 121, 134, "Complete", "CompletionsReached", 13_000, 495.08],
      ["report-29925243", 180, 181, 194, "Failed", "BackoffLimitExceeded", 13_000, null],
      ["report-29925244", 240, 241, 254, "Complete", "CompletionsReached", 13_000, null],
      ["report-29925245", 300, 301, 314, "Complete", "CompletionsReached", 13_000, null],
      ["report-29925248", 480, 481, 494, "Complete", "CompletionsReached", 13_000, null],
    ]);
    expect(tl.cronJob!.runs[2].message).toBe("Job has reached the specified backoff limit");
  });

  it("misses 10:09 (past its 30 s starting deadline), skips the suspended 10:06 and 10:07", () => {
    expect(tl.cronJob!.missed.map(rel)).toEqual([540]);
    expect(tl.cronJob!.skipped.map((s) => [rel(s.at), s.why])).toEqual([
      [360, "suspended"],
      [420, "suspended"],
    ]);
    expect(rel(tl.cronJob!.nextScheduleAt)).toBe(600);
    expect(tl.health).toEqual({
      level: "warning",
      reason: { key: "health.workload.missed", vars: { n: 1 } },
    });
    // Within its starting deadline 10:09 is not yet missed.
    expect(build("cronjob-third-fails", 560).cronJob!.missed).toEqual([]);
  });

  it("is failing while the failed run is the latest finished one", () => {
    const tl3 = build("cronjob-third-fails", 200);
    expect(tl3.health).toEqual({
      level: "failing",
      reason: { key: "health.workload.runFailed", vars: { reason: "BackoffLimitExceeded" } },
    });
    expect(build("cronjob-third-fails", 260).health.level).toBe("ok");
  });

  it("groups each Job's pods under it, the latest Job current", () => {
    expect(tl.pods.map((g) => [g.name, g.current, g.pods.map((p) => p.name)])).toEqual([
      ["report-29925241", false, ["report-29925241-q2w8x"]],
      ["report-29925242", false, ["report-29925242-b7n4m"]],
      ["report-29925243", false, ["report-29925243-z5k9t"]],
      ["report-29925244", false, ["report-29925244-h3j6r"]],
      ["report-29925245", false, ["report-29925245-v8c2p"]],
      ["report-29925248", true, ["report-29925248-f4g7s"]],
    ]);
    expect(tl.rollouts).toEqual([]);
    expect(tl.warnings).toEqual([]);
  });
});
