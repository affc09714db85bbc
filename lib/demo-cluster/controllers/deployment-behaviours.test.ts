// The Deployment controller's other behaviours on the fast clock: minReadySeconds, scaling (plain
// and proportional mid-rollout), revisionHistoryLimit, garbage collection, validation, and which
// pods a scale-down removes first.
import { describe, expect, it } from "vitest";
import { ApiError } from "../api-server/api-error";
import { RESOURCES } from "../api-server/resources";
import type { KubeObject } from "../api-server/store";
import { Kit, T0 } from "../cluster.test-kit";
import { formatTime } from "../../k8s/time";
import { dspec, podTemplateHash } from "./deployment-util";
import { podsToDelete } from "./pod-ranking";
import {
  condition,
  deployment,
  edit,
  events,
  get,
  pods,
  replicaSets,
  setImage,
  sizes,
} from "./deployment.test-kit";

const hashOf = (kit: Kit, name = "web") => podTemplateHash(dspec(get(kit, name)).template);

function causesOf(f: () => unknown): string[] {
  try {
    f();
  } catch (err) {
    if (err instanceof ApiError)
      return (err.details?.causes ?? []).map((c) => `${c.field}: ${c.message}`);
    throw err;
  }
  return [];
}

describe("the Deployment controller's behaviours", () => {
  it("minReadySeconds: a pod counts as available once ready for that long, in the ReplicaSet and the Deployment", () => {
    const kit = new Kit();
    kit.apply(deployment("web", { replicas: 2, minReadySeconds: 10 }));
    kit.at(5);
    const [rs] = replicaSets(kit, "web");
    expect(rs.spec).toMatchObject({ minReadySeconds: 10 });
    expect(rs.status).toMatchObject({ replicas: 2, readyReplicas: 2, availableReplicas: 0 });
    const readySince = pods(kit, rs).map(
      (p) =>
        (
          p.status as { conditions: { type: string; lastTransitionTime: string }[] }
        ).conditions.find((c) => c.type === "Ready")!.lastTransitionTime,
    );
    expect(new Set(readySince)).toEqual(new Set(["2026-11-20T09:00:03Z"]));
    expect(condition(kit, "web", "Available")?.status).toBe("False");
    // Ready at 3 s; available once 10 s have passed, when kube's requeue (+1 s) looks again.
    kit.at(13.5);
    expect(replicaSets(kit, "web")[0].status).toMatchObject({ availableReplicas: 0 });
    kit.at(14);
    expect(replicaSets(kit, "web")[0].status).toMatchObject({ availableReplicas: 2 });
    expect(get(kit, "web").status).toMatchObject({ availableReplicas: 2, readyReplicas: 2 });
    expect(condition(kit, "web", "Available")).toMatchObject({
      status: "True",
      reason: "MinimumReplicasAvailable",
      lastTransitionTime: "2026-11-20T09:00:14Z",
    });
    expect(condition(kit, "web", "Progressing")?.reason).toBe("NewReplicaSetAvailable");
  });

  it("scales up and down, deleting the not-ready pod first", () => {
    const kit = new Kit();
    kit.apply(deployment("web"));
    kit.at(30);
    const h = hashOf(kit);
    edit(kit, "web", (s) => void (s.replicas = 5));
    kit.clock.flush();
    expect(replicaSets(kit, "web")[0].metadata.annotations).toMatchObject({
      "deployment.kubernetes.io/desired-replicas": "5",
      "deployment.kubernetes.io/max-replicas": "7",
    });
    const [rs] = replicaSets(kit, "web");
    const newest = pods(kit, rs).filter(
      (p) => p.metadata.creationTimestamp === formatTime(T0 + 30_000),
    );
    expect(newest).toHaveLength(2);
    kit.at(60);
    expect(sizes(kit, "web")).toEqual([`web-${h}:5/5`]);
    // Ready pods, all on the same node count, so the newest go first; make one of the oldest not ready.
    const oldest = pods(kit, rs).find((p) => p.metadata.creationTimestamp === formatTime(T0))!;
    kit.cluster.store.mutate("pods", "dev", oldest.metadata.name, (p) => {
      const s = p.status as { conditions: { type: string; status: string }[] };
      s.conditions.find((c) => c.type === "Ready")!.status = "False";
    });
    edit(kit, "web", (s) => void (s.replicas = 1));
    kit.clock.flush();
    const deleted = events(kit, `web-${h}`, "ReplicaSet")
      .filter((e) => e.startsWith("SuccessfulDelete"))
      .map((e) => e.replace("SuccessfulDelete: Deleted pod: ", ""));
    expect(deleted).toHaveLength(4);
    expect(deleted[0]).toBe(oldest.metadata.name);
    expect(new Set(deleted.slice(1, 3))).toEqual(new Set(newest.map((p) => p.metadata.name)));
    expect(events(kit, "web")).toEqual([
      `ScalingReplicaSet: Scaled up replica set web-${h} from 0 to 3`,
      `ScalingReplicaSet: Scaled up replica set web-${h} from 3 to 5`,
      `ScalingReplicaSet: Scaled down replica set web-${h} from 5 to 1`,
    ]);
  });

  it("scales proportionally when the replica count changes mid-rollout", () => {
    const kit = new Kit();
    kit.apply(deployment("web", { progressDeadlineSeconds: 60 }));
    kit.at(30);
    const h1 = hashOf(kit);
    setImage(kit, "web", "ngnix:1.28");
    kit.at(40);
    const h2 = hashOf(kit);
    expect(sizes(kit, "web")).toEqual([`web-${h1}:3/3`, `web-${h2}:1/0`]);
    edit(kit, "web", (s) => void (s.replicas = 6));
    kit.clock.flush();
    // allowed 6 + 2 surge = 8, 4 now: +4 split 3:1 by size (getReplicaSetFraction). Then the
    // rolling update goes on: 3 of the old ReplicaSet's 6 pods are not yet available, so
    // cleanupUnhealthyReplicas takes one (maxUnavailable 1) and the new ReplicaSet gets the room.
    expect(events(kit, "web").slice(-4)).toEqual([
      `ScalingReplicaSet: Scaled up replica set web-${h1} from 3 to 6`,
      `ScalingReplicaSet: Scaled up replica set web-${h2} from 1 to 2`,
      `ScalingReplicaSet: Scaled down replica set web-${h1} from 6 to 5`,
      `ScalingReplicaSet: Scaled up replica set web-${h2} from 2 to 3`,
    ]);
    kit.at(60);
    expect(sizes(kit, "web")).toEqual([`web-${h1}:5/5`, `web-${h2}:3/0`]);
    expect(replicaSets(kit, "web").map((rs) => rs.metadata.annotations)).toEqual([
      expect.objectContaining({
        "deployment.kubernetes.io/desired-replicas": "6",
        "deployment.kubernetes.io/max-replicas": "8",
      }),
      expect.objectContaining({
        "deployment.kubernetes.io/desired-replicas": "6",
        "deployment.kubernetes.io/max-replicas": "8",
      }),
    ]);
  });

  it("keeps revisionHistoryLimit old ReplicaSets at 0 replicas and deletes the oldest beyond it", () => {
    const kit = new Kit();
    kit.apply(deployment("web", { replicas: 1, revisionHistoryLimit: 1 }));
    kit.at(20);
    const h1 = hashOf(kit);
    setImage(kit, "web", "nginx:1.28");
    kit.at(40);
    const h2 = hashOf(kit);
    expect(sizes(kit, "web")).toEqual([`web-${h1}:0/0`, `web-${h2}:1/1`]);
    setImage(kit, "web", "nginx:1.29");
    kit.at(60);
    const h3 = hashOf(kit);
    expect(sizes(kit, "web")).toEqual([`web-${h2}:0/0`, `web-${h3}:1/1`]);
    expect(kit.cluster.store.get("replicasets", "dev", `web-${h1}`)).toBeUndefined();
  });

  it("deletes the ReplicaSets and their pods with the Deployment, and orphans them when asked", () => {
    const kit = new Kit();
    const { registry } = kit.cluster;
    const deployments = RESOURCES.find((r) => r.plural === "deployments")!;
    kit.apply(deployment("web", { replicas: 2 }));
    kit.apply(deployment("api", { replicas: 2 }));
    kit.at(20);
    const [rsWeb] = replicaSets(kit, "web");
    const webPods = pods(kit, rsWeb).map((p) => p.metadata.name);
    registry.delete(deployments, "dev", "web", { dryRun: false });
    expect(kit.cluster.store.get("replicasets", "dev", rsWeb.metadata.name)).toBeUndefined();
    for (const name of webPods) expect(kit.pod(name)?.metadata?.deletionTimestamp).toBeTruthy();
    kit.at(60);
    for (const name of webPods) expect(kit.pod(name)).toBeUndefined();

    const [rsApi] = replicaSets(kit, "api");
    const apiPods = pods(kit, rsApi).map((p) => p.metadata.name);
    registry.delete(deployments, "dev", "api", {
      dryRun: false,
      propagationPolicy: "Orphan",
    });
    kit.at(90);
    const orphan = kit.cluster.store.get("replicasets", "dev", rsApi.metadata.name)!;
    expect(orphan.metadata.ownerReferences).toBeUndefined();
    expect(orphan.status).toMatchObject({ replicas: 2, readyReplicas: 2 });
    for (const name of apiPods) expect(kit.status(name)).toBe("Running");
  });

  it("defaults a Deployment as kube does and refuses bad ones with kube's messages", () => {
    const kit = new Kit();
    const d = kit.apply(deployment("web"));
    expect(d.spec).toMatchObject({
      replicas: 3,
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      strategy: {
        type: "RollingUpdate",
        rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" },
      },
    });
    expect(d.metadata.generation).toBe(1);
    expect(d.status).toEqual({});
    const bad = (spec: Record<string, unknown>) =>
      causesOf(() => kit.apply(deployment("bad", spec)));
    expect(bad({ selector: { matchLabels: { app: "other" } } })).toEqual([
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"bad"}: `selector` does not match template `labels`',
    ]);
    expect(bad({ selector: {} })).toEqual([
      "spec.selector: Invalid value: &v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment",
    ]);
    expect(bad({ strategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } })).toEqual([
      "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0",
    ]);
    expect(bad({ strategy: { rollingUpdate: { maxSurge: "x", maxUnavailable: "150%" } } })).toEqual(
      [
        'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "150%": must not be greater than 100%',
        `spec.strategy.rollingUpdate.maxSurge: Invalid value: "x": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')`,
      ],
    );
    expect(bad({ strategy: { type: "Recreate", rollingUpdate: {} } })).toEqual([
      "spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'",
    ]);
    expect(bad({ replicas: -1, minReadySeconds: 30, progressDeadlineSeconds: 20 })).toEqual([
      "spec.replicas: Invalid value: -1: must be greater than or equal to 0",
      "spec.progressDeadlineSeconds: Invalid value: 20: must be greater than minReadySeconds",
    ]);
    expect(kit.cluster.store.get("deployments", "dev", "bad")).toBeUndefined();

    // Updates go through the same defaults and validation; the selector may not change.
    expect(
      causesOf(() => edit(kit, "web", (s) => void (s.selector = { matchLabels: { app: "x" } }))),
    ).toEqual([
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
      'spec.selector: Invalid value: &v1.LabelSelector{MatchLabels:map[string]string{"app":"x"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    ]);
    expect(causesOf(() => edit(kit, "web", (s) => void (s.strategy = { type: "Bogus" })))).toEqual([
      'spec.strategy.type: Unsupported value: "Bogus": supported values: "Recreate", "RollingUpdate"',
    ]);
    edit(kit, "web", (s) => void delete s.strategy.rollingUpdate);
    expect(get(kit, "web").metadata.generation).toBe(1);
    edit(kit, "web", (s) => void (s.minReadySeconds = 5));
    expect(get(kit, "web").metadata.generation).toBe(2);
  });
});

describe("which pods a ReplicaSet deletes first (ActivePodsWithRanks)", () => {
  const now = T0 + 3_600_000;
  const pod = (
    name: string,
    o: {
      node?: string;
      phase?: string;
      ready?: number;
      created?: number;
      restarts?: number;
      cost?: string;
    },
  ): KubeObject => ({
    metadata: {
      name,
      uid: name,
      creationTimestamp: formatTime(T0 + (o.created ?? 0) * 1000),
      ...(o.cost ? { annotations: { "controller.kubernetes.io/pod-deletion-cost": o.cost } } : {}),
    },
    spec: { nodeName: o.node },
    status: {
      phase: o.phase ?? "Running",
      conditions:
        o.ready === undefined
          ? [{ type: "Ready", status: "False" }]
          : [
              {
                type: "Ready",
                status: "True",
                lastTransitionTime: formatTime(T0 + o.ready * 1000),
              },
            ],
      containerStatuses: [{ name: "c", restartCount: o.restarts ?? 0 }],
    },
  });

  it("unscheduled, then pending, then not ready, then cheaper, then doubled up, then ready for less time, then restarts, then newer", () => {
    const all = [
      pod("old-ready", { node: "a", ready: 10 }),
      pod("unscheduled", { phase: "Pending" }),
      pod("pending", { node: "b", phase: "Pending" }),
      pod("not-ready", { node: "c" }),
      pod("costly", { node: "d", ready: 3000, cost: "100" }),
      pod("fresh-ready", { node: "e", ready: 3500 }),
      pod("crashy", { node: "f", ready: 10, restarts: 5 }),
      pod("cheap", { node: "g", ready: 10, cost: "-5" }),
    ];
    const order = podsToDelete(all, all, all.length - 1, now).map((p) => p.metadata.name);
    expect(order).toEqual([
      "unscheduled",
      "pending",
      "not-ready",
      "cheap",
      "fresh-ready",
      "crashy",
      "old-ready",
    ]);
    // Two related pods on node "a": the one there goes before an equal one alone on its node.
    const x = pod("x", { node: "a", ready: 10 });
    const y = pod("y", { node: "h", ready: 10 });
    const related = [x, y, pod("sibling", { node: "a", ready: 10 })];
    expect(podsToDelete([y, x], related, 1, now).map((p) => p.metadata.name)).toEqual(["x"]);
  });
});
