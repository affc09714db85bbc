// The workload model on what the demo cluster's Deployment controller writes: every version of the
// Deployment, its ReplicaSets and pods, recorded off the store's watch on the fast clock, as the
// collector will hand them to the store. A rollout to a typo'd image stalls past its deadline and
// is undone (the same steps as the controller's own test); the model must tell that story.
import { describe, expect, it } from "vitest";
import { Kit, T0 } from "../demo-cluster/cluster.test-kit";
import {
  deployment,
  edit,
  replicaSets,
  setImage,
} from "../demo-cluster/controllers/deployment.test-kit";
import { buildWorkloadTimeline, rolloutStatus } from ".";
import { recorder } from "./recorder.test-kit";
import type { WorkloadVersion } from "./workload-state";

const rel = (t: number | null) => (t === null ? null : (t - T0) / 1000);

describe("demo cluster Deployment controller → workload model", () => {
  it("a typo'd image stalls past the deadline, the stuck pod says why, undo completes as revision 3", () => {
    const kit = new Kit();
    const input = recorder(kit);
    kit.apply(deployment("web", { progressDeadlineSeconds: 60 }));
    kit.at(30);
    setImage(kit, "web", "ngnix:1.28");
    kit.at(120);

    const stalled = buildWorkloadTimeline(input());
    expect(stalled.warnings).toEqual([]);
    expect(stalled.rollouts.map((r) => [r.from, r.to, r.outcome])).toEqual([
      [null, 1, "complete"],
      [1, 2, "stalled"],
    ]);
    // Progressing=False at 91 s: 60 s after the last progress and requeueStuckDeployment's margin.
    expect(rel(stalled.rollouts[1].stalledAt)).toBe(91);
    expect(rel(stalled.rollouts[1].start)).toBe(30);
    expect(stalled.revisions[1].changes!.images).toEqual([
      { container: "web", from: "nginx:1.27", to: "ngnix:1.28" },
    ]);
    expect(stalled.stuck!.status).toBe('deployment "web" exceeded its progress deadline');
    expect(stalled.stuck!.pods).toHaveLength(1);
    expect(stalled.stuck!.pods[0].text).toMatch(
      /^web-\w+-\w{5}: (ImagePullBackOff|ErrImagePull) — .*ngnix:1\.28/,
    );
    expect(stalled.health).toMatchObject({
      level: "failing",
      reason: { key: "health.workload.stalled" },
    });
    // The model's verdict and kubectl's agree on the stored Deployment.
    expect(
      rolloutStatus(stalled.rollouts.length ? input().versions.at(-1)!.state : null)?.error,
    ).toBe('deployment "web" exceeded its progress deadline');

    // kubectl rollout undo: the template of revision 1 again.
    edit(kit, "web", (s) => {
      s.template = structuredClone(replicaSets(kit, "web")[0].spec as { template: never }).template;
      delete s.template.metadata!.labels!["pod-template-hash"];
    });
    kit.at(200);
    const undone = buildWorkloadTimeline(input());
    expect(undone.rollouts.map((r) => [r.from, r.to, r.outcome, r.rollback])).toEqual([
      [null, 1, "complete", false],
      [1, 2, "rolled-back", false],
      [2, 3, "complete", true],
    ]);
    expect(rel(undone.rollouts[1].stalledAt)).toBe(91);
    expect(undone.revisions.map((r) => [r.number, r.rollbackOf])).toEqual([
      [1, null],
      [2, null],
      [3, 1],
    ]);
    expect(undone.revisions[0].name).toBe(undone.revisions[2].name);
    expect(undone.stuck).toBeNull();
    expect(undone.health.level).toBe("ok");
    // The typo'd pod is gone; the current group holds the three pods of revision 1's ReplicaSet.
    const current = undone.pods.find((g) => g.current)!;
    expect(current.revision).toBe(3);
    expect(current.pods.filter((p) => p.end === null)).toHaveLength(3);
    expect(undone.pods.find((g) => g.revision === 2)!.pods.every((p) => p.end !== null)).toBe(true);
  }, 30_000);

  it("a template changed while paused: a pending rollout held until the resume, then revision 2", () => {
    const kit = new Kit();
    const input = recorder(kit);
    kit.apply(deployment("web"));
    kit.at(30);
    edit(kit, "web", (s) => void (s.paused = true));
    kit.at(60);
    setImage(kit, "web", "nginx:1.28");
    kit.at(120);

    const paused = buildWorkloadTimeline(input());
    expect(paused.warnings).toEqual([]);
    expect(paused.revisions.map((r) => r.number)).toEqual([1]);
    expect(
      paused.rollouts.map((r) => [r.from, r.to, r.outcome, r.pending, rel(r.start), r.end]),
    ).toEqual([
      [null, 1, "complete", false, 0, expect.any(Number)],
      [1, null, "paused", true, 60, null],
    ]);
    expect(paused.rollouts[1].evidence.map((e) => [e.kind, rel(e.at), e.text])).toEqual([
      ["condition", 30, "Progressing=Unknown DeploymentPaused: Deployment is paused"],
      [
        "paused",
        60,
        "spec.paused: the pod template changed (generation 3); the controller makes no ReplicaSet for it until kubectl rollout resume",
      ],
    ]);
    expect(paused.health.reason?.key).toBe("health.workload.paused");
    expect(paused.pods.find((g) => g.current)?.revision).toBe(1);

    // kubectl rollout resume: the controller makes revision 2's ReplicaSet and rolls.
    edit(kit, "web", (s) => void (s.paused = false));
    kit.at(260);
    const resumed = buildWorkloadTimeline(input());
    const r = resumed.rollouts[1];
    expect([r.from, r.to, r.outcome, r.pending, rel(r.start)]).toEqual([
      1,
      2,
      "complete",
      false,
      60,
    ]);
    expect(r.pausedSpans.map((p) => [rel(p.start), rel(p.end)])).toEqual([[60, 120]]);
    expect(resumed.revisions[1].changes!.images).toEqual([
      { container: "web", from: "nginx:1.27", to: "nginx:1.28" },
    ]);
  }, 30_000);

  it("rollout undo seen in a window that starts after it: revision 3 from its first sighting, rolling back 1", () => {
    const kit = new Kit();
    const input = recorder(kit);
    kit.apply(deployment("web"));
    kit.at(30);
    setImage(kit, "web", "ngnix:1.28");
    kit.at(120);
    edit(kit, "web", (s) => {
      s.template = structuredClone(replicaSets(kit, "web")[0].spec as { template: never }).template;
      delete s.template.metadata!.labels!["pod-template-hash"];
    });
    kit.at(400);
    // What the store's versionsIn(uid, from) hands the model: the version standing at `from`, then those after.
    const from = T0 + 300_000;
    const clip = (vs: WorkloadVersion[]) => {
      const head = vs.filter((v) => v.observedAt <= from).at(-1);
      return [...(head ? [head] : []), ...vs.filter((v) => v.observedAt > from)];
    };
    const all = input();
    const owned = all.owned ?? [];
    const tl = buildWorkloadTimeline({
      ...all,
      versions: clip(all.versions),
      owned: owned.map((o) => ({ ...o, versions: clip(o.versions) })),
      window: { from, to: all.now },
    });
    // The controller wrote revision-history "1" on the re-used ReplicaSet (deployment_util.go SetNewReplicaSetAnnotations).
    const reused = owned.find((o) => o.versions.at(-1)!.state!.revision === 3)!;
    expect(reused.versions.at(-1)!.state!.revisionHistory).toEqual([1]);
    const undoAt = reused.versions.find((v) => v.state?.revision === 3)!.observedAt;
    expect(tl.revisions.map((r) => [r.number, r.rollbackOf])).toEqual([
      [1, null],
      [2, null],
      [3, 1],
    ]);
    const [r1, r2, r3] = tl.revisions;
    expect(r3.firstSeen!).toBeGreaterThanOrEqual(undoAt);
    expect(r3.firstSeen!).toBeLessThanOrEqual(from);
    expect(rel(r1.firstSeen)).toBe(0);
    expect(r2.firstSeen!).toBeLessThan(r3.firstSeen!);
    expect(r2.changes!.images).toEqual([
      { container: "web", from: "nginx:1.27", to: "ngnix:1.28" },
    ]);
    expect(r3.changes!.images).toEqual([
      { container: "web", from: "ngnix:1.28", to: "nginx:1.27" },
    ]);
  }, 30_000);
});
