// The workload model on the scenarios (lib/fixtures/workloads): revisions, counts, rollout
// intervals, stuck reasons and health, exact. Times are written as seconds after 10:00:00 UTC.
import { describe, expect, it } from "vitest";
import { workloadStory, workloadStoryInput } from "../fixtures/workloads";
import { buildWorkloadTimeline } from ".";

const T0 = Date.parse("2026-11-24T10:00:00Z");
const at = (sec: number) => T0 + Math.round(sec * 1000);
const build = (name: string, untilSec?: number) =>
  buildWorkloadTimeline(
    workloadStoryInput(workloadStory(name)!, untilSec === undefined ? undefined : at(untilSec)),
  );
const spans = (xs: { start: number | null; end: number | null }[]) =>
  xs.map((x) => [(x.start! - T0) / 1000, x.end === null ? null : (x.end - T0) / 1000]);

describe("a Deployment rolled to a typo'd image, stalled, then undone", () => {
  const tl = build("deployment-stalled-undo");

  it("lists three revisions: the typo, and revision 1's ReplicaSet again as 3", () => {
    expect(
      tl.revisions.map((r) => [r.number, r.name, (r.firstSeen! - T0) / 1000, r.rollbackOf]),
    ).toEqual([
      [1, "web-6b7f8c9d5", 0, null],
      [2, "web-7d9c5b8f4", 60, null],
      [3, "web-6b7f8c9d5", 300.48, 1],
    ]);
    expect(tl.revisions[1].changeCause).toBe(
      "kubectl set image deployment/web web=nginx:1.27-typo",
    );
    expect(tl.revisions[1].changes).toEqual({
      images: [{ container: "web", from: "nginx:1.27", to: "nginx:1.27-typo" }],
      containersAdded: [],
      containersRemoved: [],
      env: [],
      resources: [],
      restartedAt: null,
      otherFields: false,
    });
    expect(tl.revisions[2].changes!.images).toEqual([
      { container: "web", from: "nginx:1.27-typo", to: "nginx:1.27" },
    ]);
  });

  it("draws each rollout as an interval with its outcome and evidence", () => {
    expect(
      tl.rollouts.map((r) => [
        r.from,
        r.to,
        r.outcome,
        r.rollback,
        r.stalledAt && (r.stalledAt - T0) / 1000,
      ]),
    ).toEqual([
      [null, 1, "complete", false, null],
      [1, 2, "rolled-back", false, 182],
      [2, 3, "complete", true, null],
    ]);
    expect(spans(tl.rollouts)).toEqual([
      [0, 6.58],
      [60, 300.08],
      [300.08, 301.58],
    ]);
    expect(tl.rollouts[1].durationMs).toBe(240_080);
    expect(tl.rollouts[1].evidence.map((e) => e.text)).toEqual([
      'Progressing=False ProgressDeadlineExceeded: ReplicaSet "web-7d9c5b8f4" has timed out progressing.',
      "revision 3 began (rollback to revision 1)",
    ]);
    expect(tl.rollouts[2].evidence[0].text).toBe('deployment "web" successfully rolled out');
    expect(tl.stuck).toBeNull();
    expect(tl.health).toEqual({ level: "ok", reason: null });
  });

  it("keeps the counts as step series and the conditions as intervals", () => {
    expect(tl.counts.current.map((s) => [(s.start - T0) / 1000, s.value])).toEqual([
      [0.08, 0],
      [1.68, 3],
      [61.58, 4],
      [301.58, 3],
    ]);
    expect(tl.counts.updated.map((s) => s.value)).toEqual([0, 3, 0, 1, 3]);
    const progressing = tl.conditions.filter((c) => c.type === "Progressing");
    expect(progressing.map((c) => [c.status, c.reason, (c.start - T0) / 1000])).toEqual([
      ["True", "NewReplicaSetCreated", 0],
      ["True", "ReplicaSetUpdated", 1.68],
      ["True", "NewReplicaSetAvailable", 6.58],
      ["True", "NewReplicaSetCreated", 60.58],
      ["True", "ReplicaSetUpdated", 61.58],
      ["False", "ProgressDeadlineExceeded", 182],
      ["True", "FoundNewReplicaSet", 300],
      ["True", "NewReplicaSetAvailable", 301.58],
    ]);
  });

  it("groups pods by revision, the typo's pod ending when the undo scaled it away", () => {
    expect(tl.pods.map((g) => [g.revision, g.name, g.current, g.pods.map((p) => p.name)])).toEqual([
      [2, "web-7d9c5b8f4", false, ["web-7d9c5b8f4-lnbk9"]],
      [
        3,
        "web-6b7f8c9d5",
        true,
        ["web-6b7f8c9d5-p8d4m", "web-6b7f8c9d5-q7w3z", "web-6b7f8c9d5-x2v9k"],
      ],
    ]);
    expect(spans(tl.pods[0].pods)).toEqual([[61, 303.08]]);
  });

  it("before the deadline: in progress, the new pod's ImagePullBackOff is why", () => {
    const early = build("deployment-stalled-undo", 120);
    expect(early.rollouts[1]).toMatchObject({ outcome: "in-progress", end: null, stalledAt: null });
    expect(early.stuck).toMatchObject({
      to: 2,
      toName: "web-7d9c5b8f4",
      since: at(60),
      status:
        'Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...',
      noPods: null,
      others: [],
    });
    expect(early.stuck!.pods.map((p) => p.text)).toEqual([
      'web-7d9c5b8f4-lnbk9: ImagePullBackOff — Back-off pulling image "nginx:1.27-typo"',
    ]);
    // Available stays 3 of 3 (maxUnavailable 0): not yet ten minutes of rolling, so ok.
    expect(early.health.level).toBe("ok");
  });

  it("past the deadline: stalled, failing, with the next commands", () => {
    const stalled = build("deployment-stalled-undo", 240);
    expect(stalled.rollouts[1]).toMatchObject({
      outcome: "stalled",
      end: null,
      stalledAt: at(182),
    });
    expect(stalled.rollouts[1].durationMs).toBe(180_000);
    expect(stalled.stuck).toMatchObject({
      since: at(182),
      status: 'deployment "web" exceeded its progress deadline',
      commands: [
        "kubectl rollout status deployment/web -n shop",
        "kubectl rollout history deployment/web -n shop",
        "kubectl rollout undo deployment/web -n shop",
      ],
    });
    expect(stalled.stuck!.pods).toHaveLength(1);
    expect(stalled.stuck!.pods[0]).toMatchObject({
      name: "web-7d9c5b8f4-lnbk9",
      health: {
        level: "failing",
        reason: { key: "problem.failing", vars: { status: "ImagePullBackOff" } },
      },
      detail: 'Back-off pulling image "nginx:1.27-typo"',
    });
    expect(stalled.health).toEqual({
      level: "failing",
      reason: {
        key: "health.workload.stalled",
        vars: { message: 'ReplicaSet "web-7d9c5b8f4" has timed out progressing.' },
      },
    });
  });
});

describe("a good rolling update (maxSurge 1, maxUnavailable 0), then a scale-up", () => {
  const tl = build("deployment-rolling-update");

  it("says what changed: image, an env name (never a value), cpu requests", () => {
    expect(tl.revisions.map((r) => [r.number, r.name, r.changeCause])).toEqual([
      [1, "api-5d4c8b7f9", null],
      [2, "api-6f9b7c5d8", "release 1.1"],
    ]);
    expect(tl.revisions[1].changes).toEqual({
      images: [
        {
          container: "api",
          from: "registry.example.com/shop/api:1.0",
          to: "registry.example.com/shop/api:1.1",
        },
      ],
      containersAdded: [],
      containersRemoved: [],
      env: [{ container: "api", added: ["FEATURE_CHECKOUT_V2"], removed: [] }],
      resources: [
        { container: "api", field: "requests", resource: "cpu", from: "100m", to: "200m" },
      ],
      restartedAt: null,
      otherFields: false,
    });
    expect(JSON.stringify(tl)).not.toMatch(/"value":"x"/);
  });

  it("completes when kubectl rollout status would, and the scale is no revision", () => {
    expect(tl.rollouts.map((r) => [r.from, r.to, r.outcome])).toEqual([
      [null, 1, "complete"],
      [1, 2, "complete"],
    ]);
    expect(spans(tl.rollouts)).toEqual([
      [0, 6.58],
      [60, 79.58],
    ]);
    expect(tl.replicaChanges).toEqual([{ at: at(200.08), from: 3, to: 4 }]);
    expect(tl.counts.updated.map((s) => s.value)).toEqual([0, 3, 1, 2, 3, 4]);
    expect(tl.counts.available.map((s) => [(s.start - T0) / 1000, s.value])).toEqual([
      [0.08, 0],
      [6.58, 3],
      [206.58, 4],
    ]);
  });

  it("orders old pods leaving before new ones arriving", () => {
    expect(
      tl.pods.map((g) => [
        g.revision,
        g.pods.map((p) => [p.name, p.start! - T0, p.end && p.end - T0]),
      ]),
    ).toEqual([
      [
        1,
        [
          ["api-5d4c8b7f9-a1b2c", 1000, 69_080],
          ["api-5d4c8b7f9-d3e4f", 1000, 75_080],
          ["api-5d4c8b7f9-g5h6j", 1000, 81_080],
        ],
      ],
      [
        2,
        [
          ["api-6f9b7c5d8-k7m8n", 61_000, null],
          ["api-6f9b7c5d8-p9q2r", 67_000, null],
          ["api-6f9b7c5d8-s3t4v", 73_000, null],
          ["api-6f9b7c5d8-w5x6y", 201_000, null],
        ],
      ],
    ]);
  });

  it("a scale-up waiting for its pod is a warning, not a rollout", () => {
    const scaling = build("deployment-rolling-update", 203);
    expect(scaling.rollouts.map((r) => r.outcome)).toEqual(["complete", "complete"]);
    expect(scaling.stuck).toBeNull();
    expect(scaling.health).toMatchObject({
      level: "warning",
      reason: { key: "health.workload.unavailable", vars: { available: 3, desired: 4 } },
    });
  });
});
