// A Deployment's template changed while it is paused (lib/fixtures/workloads
// deployment-paused-change): the Deployment controller makes no ReplicaSet while paused (sync.go
// sync() only scales and cleans up), so no revision changes; the model still opens a rollout,
// pending and paused, from the change until the resume, and the real rollout goes on from there.
// Times are seconds after 10:00:00 UTC.
import { describe, expect, it } from "vitest";
import { workloadStory, workloadStoryInput } from "../fixtures/workloads";
import { buildWorkloadTimeline } from ".";

const T0 = Date.parse("2026-11-24T10:00:00Z");
const at = (sec: number) => T0 + Math.round(sec * 1000);
const build = (untilSec?: number) =>
  buildWorkloadTimeline(
    workloadStoryInput(
      workloadStory("deployment-paused-change")!,
      untilSec === undefined ? undefined : at(untilSec),
    ),
  );

describe("a Deployment whose template changed while paused", () => {
  it("paused, before the change: no open rollout", () => {
    const tl = build(50);
    expect(tl.rollouts.map((r) => [r.to, r.outcome, r.pending])).toEqual([[1, "complete", false]]);
    // kubectl rollout pause alone is a paused workload, not a rollout.
    expect(tl.health.level).toBe("ok");
  });

  it("after the change: a pending rollout, paused from the change, with the controller's DeploymentPaused", () => {
    const tl = build(120);
    expect(tl.rollouts).toHaveLength(2);
    expect(tl.rollouts[1]).toEqual({
      from: 1,
      fromName: "cart-84f6d7c9b5",
      to: null,
      toName: null,
      start: at(60.08),
      end: null,
      outcome: "paused",
      stalledAt: null,
      stalledUntil: null,
      pending: true,
      pausedSpans: [{ start: at(60.08), end: null }],
      rollback: false,
      durationMs: 59_920,
      evidence: [
        {
          kind: "condition",
          at: at(30),
          text: "Progressing=Unknown DeploymentPaused: Deployment is paused",
        },
        {
          kind: "paused",
          at: at(60.08),
          text: "spec.paused: the pod template changed (generation 3); the controller makes no ReplicaSet for it until kubectl rollout resume",
        },
      ],
    });
    expect(tl.health).toEqual({
      level: "warning",
      reason: { key: "health.workload.paused", vars: {} },
    });
    expect(tl.stuck).toBeNull();
    // Revision 1's pods are still the current ones: nothing was rolled yet.
    expect(tl.pods.map((g) => [g.revision, g.current, g.pods.length])).toEqual([[1, true, 3]]);
    expect(tl.revisions.map((r) => r.number)).toEqual([1]);
  });

  it("resumed: the rollout to revision 2 starts at the change, held by spec.paused until the resume", () => {
    const tl = build();
    expect(
      tl.rollouts.map((r) => [
        r.from,
        r.to,
        r.outcome,
        r.pending,
        (r.start - T0) / 1000,
        r.end && (r.end - T0) / 1000,
        r.pausedSpans.map((p) => [(p.start - T0) / 1000, p.end && (p.end - T0) / 1000]),
      ]),
    ).toEqual([
      [null, 1, "complete", false, 0, 6.58, []],
      [1, 2, "complete", false, 60.08, 199.58, [[60.08, 180.08]]],
    ]);
    expect(tl.revisions[1].changes!.images).toEqual([
      {
        container: "cart",
        from: "registry.example.com/shop/cart:2.3",
        to: "registry.example.com/shop/cart:2.4",
      },
    ]);
    expect(tl.health).toEqual({ level: "ok", reason: null });
  });

  it("resumed, before the controller made the ReplicaSet: pending, in progress, no longer paused", () => {
    const tl = build(180.35);
    expect(tl.rollouts[1]).toMatchObject({
      to: null,
      pending: true,
      outcome: "in-progress",
      end: null,
      pausedSpans: [{ start: at(60.08), end: at(180.08) }],
    });
  });
});
