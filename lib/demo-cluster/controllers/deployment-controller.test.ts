// The Deployment controller on the fast clock: the objects, conditions and events of a rolling
// update, a Recreate, a rollout stalled past its deadline and undone, and pause/resume.
import { describe, expect, it } from "vitest";
import { Kit, T0 } from "../cluster.test-kit";
import { dspec, podTemplateHash } from "./deployment-util";
import {
  condition,
  conditions,
  deployment,
  edit,
  events,
  get,
  pods,
  replicaSets,
  setImage,
  sizes,
} from "./deployment.test-kit";

const READINESS = {
  readinessProbe: { httpGet: { path: "/", port: 80 }, initialDelaySeconds: 5, periodSeconds: 5 },
};

function web(kit: Kit, spec: Record<string, unknown> = {}) {
  const d = deployment("web", spec);
  const template = (d.spec as ReturnType<typeof dspec>).template;
  template.spec!.containers![0] = { ...template.spec!.containers![0], ...READINESS };
  kit.apply(d);
}

/** "sec sizes" each time the ReplicaSets' sizes or readiness change, in 0.5 s steps up to `until`. */
function trace(kit: Kit, until: number): string[] {
  const out: string[] = [];
  let last = "";
  kit.clock.flush();
  while (kit.clock.now() <= T0 + until * 1000) {
    const now = sizes(kit, "web").join(" ");
    if (now !== last) out.push(`${(kit.clock.now() - T0) / 1000} ${now}`);
    last = now;
    kit.clock.advance(500);
  }
  return out;
}

const hashOf = (kit: Kit) => podTemplateHash(dspec(get(kit, "web")).template);

describe("the Deployment controller", () => {
  it("rolls a new template out one pod at a time with maxSurge 1 and maxUnavailable 0", () => {
    const kit = new Kit();
    web(kit, { strategy: { rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } } });
    kit.clock.flush();
    const h1 = hashOf(kit);
    expect(h1).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{6,10}$/);
    const [rs1] = replicaSets(kit, "web");
    const d = get(kit, "web");
    expect(rs1.metadata).toMatchObject({
      name: `web-${h1}`,
      labels: { app: "web", "pod-template-hash": h1 },
      annotations: {
        "deployment.kubernetes.io/revision": "1",
        "deployment.kubernetes.io/desired-replicas": "3",
        "deployment.kubernetes.io/max-replicas": "4",
      },
      ownerReferences: [
        {
          apiVersion: "apps/v1",
          kind: "Deployment",
          name: "web",
          uid: d.metadata.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    });
    expect(rs1.spec).toMatchObject({
      replicas: 3,
      selector: { matchLabels: { app: "web", "pod-template-hash": h1 } },
      template: { metadata: { labels: { app: "web", "pod-template-hash": h1 } } },
    });
    expect(pods(kit, rs1).map((p) => p.metadata.ownerReferences)).toEqual(
      Array(3).fill([
        {
          apiVersion: "apps/v1",
          kind: "ReplicaSet",
          name: `web-${h1}`,
          uid: rs1.metadata.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ]),
    );
    expect(d.metadata.annotations).toEqual({ "deployment.kubernetes.io/revision": "1" });
    expect(trace(kit, 30)).toEqual([`0 web-${h1}:3/0`, `8.5 web-${h1}:3/3`]);
    expect(get(kit, "web").status).toEqual({
      observedGeneration: 1,
      replicas: 3,
      updatedReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
      conditions: [
        {
          type: "Available",
          status: "True",
          lastUpdateTime: "2026-11-20T09:00:08Z",
          lastTransitionTime: "2026-11-20T09:00:08Z",
          reason: "MinimumReplicasAvailable",
          message: "Deployment has minimum availability.",
        },
        {
          type: "Progressing",
          status: "True",
          lastUpdateTime: "2026-11-20T09:00:08Z",
          lastTransitionTime: "2026-11-20T09:00:00Z",
          reason: "NewReplicaSetAvailable",
          message: `ReplicaSet "web-${h1}" has successfully progressed.`,
        },
      ],
    });

    setImage(kit, "web", "nginx:1.28");
    expect(get(kit, "web").metadata.generation).toBe(2);
    const h2 = hashOf(kit);
    expect(h2).not.toBe(h1);
    // One surge pod at a time; an old pod goes only once a new one is available.
    expect(trace(kit, 90)).toEqual([
      `30.5 web-${h1}:3/3 web-${h2}:1/0`,
      `39 web-${h1}:2/2 web-${h2}:2/1`,
      `47 web-${h1}:1/1 web-${h2}:3/2`,
      `53 web-${h1}:0/0 web-${h2}:3/3`,
    ]);
    expect(events(kit, "web")).toEqual([
      `ScalingReplicaSet: Scaled up replica set web-${h1} from 0 to 3`,
      `ScalingReplicaSet: Scaled up replica set web-${h2} from 0 to 1`,
      `ScalingReplicaSet: Scaled down replica set web-${h1} from 3 to 2`,
      `ScalingReplicaSet: Scaled up replica set web-${h2} from 1 to 2`,
      `ScalingReplicaSet: Scaled down replica set web-${h1} from 2 to 1`,
      `ScalingReplicaSet: Scaled up replica set web-${h2} from 2 to 3`,
      `ScalingReplicaSet: Scaled down replica set web-${h1} from 1 to 0`,
    ]);
    expect(events(kit, `web-${h2}`, "ReplicaSet")).toHaveLength(3);
    expect(get(kit, "web").metadata.annotations).toEqual({
      "deployment.kubernetes.io/revision": "2",
    });
    expect(get(kit, "web").status).toMatchObject({
      observedGeneration: 2,
      replicas: 3,
      updatedReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
    });
    expect(condition(kit, "web", "Progressing")).toEqual({
      type: "Progressing",
      status: "True",
      lastUpdateTime: "2026-11-20T09:00:52Z",
      lastTransitionTime: "2026-11-20T09:00:00Z",
      reason: "NewReplicaSetAvailable",
      message: `ReplicaSet "web-${h2}" has successfully progressed.`,
    });
  });

  it("rolls with the default 25%/25% (3 replicas: surge 1, unavailable 0) and reports progress mid-way", () => {
    const kit = new Kit();
    web(kit);
    kit.at(30);
    expect(dspec(get(kit, "web")).strategy).toEqual({
      type: "RollingUpdate",
      rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" },
    });
    setImage(kit, "web", "nginx:1.28");
    kit.at(40);
    expect(get(kit, "web").status).toMatchObject({
      replicas: 4,
      updatedReplicas: 2,
      readyReplicas: 3,
      availableReplicas: 3,
      unavailableReplicas: 1,
    });
    expect(conditions(kit, "web")).toEqual([
      "Available=True MinimumReplicasAvailable: Deployment has minimum availability.",
      `Progressing=True ReplicaSetUpdated: ReplicaSet "web-${hashOf(kit)}" is progressing.`,
    ]);
  });

  it("Recreate: scales every old pod away, waits for them to be gone, then creates the new ReplicaSet at full size", () => {
    const kit = new Kit();
    web(kit, { strategy: { type: "Recreate" } });
    kit.at(30);
    const h1 = hashOf(kit);
    setImage(kit, "web", "nginx:1.28");
    kit.clock.flush();
    // Terminating pods no longer count in the ReplicaSet's status, but the Deployment waits for
    // them to be gone (oldPodsRunning) before it creates the new ReplicaSet.
    expect(sizes(kit, "web")).toEqual([`web-${h1}:0/0`]);
    expect(kit.cluster.store.list("pods", "dev").every((p) => p.metadata.deletionTimestamp)).toBe(
      true,
    );
    const h2 = hashOf(kit);
    expect(trace(kit, 60)).toEqual([
      `30 web-${h1}:0/0`,
      `30.5 web-${h1}:0/0 web-${h2}:3/0`,
      `38.5 web-${h1}:0/0 web-${h2}:3/3`,
    ]);
    expect(events(kit, "web")).toEqual([
      `ScalingReplicaSet: Scaled up replica set web-${h1} from 0 to 3`,
      `ScalingReplicaSet: Scaled down replica set web-${h1} from 3 to 0`,
      `ScalingReplicaSet: Scaled up replica set web-${h2} from 0 to 3`,
    ]);
    expect(conditions(kit, "web")).toEqual([
      "Available=True MinimumReplicasAvailable: Deployment has minimum availability.",
      `Progressing=True NewReplicaSetAvailable: ReplicaSet "web-${h2}" has successfully progressed.`,
    ]);
  });

  it("a rollout to a typo'd image stalls, passes its progress deadline, and `rollout undo` brings the old ReplicaSet back as revision 3", () => {
    const kit = new Kit();
    web(kit, { progressDeadlineSeconds: 60 });
    kit.at(30);
    const h1 = hashOf(kit);
    setImage(kit, "web", "ngnix:1.28");
    kit.at(31);
    const h2 = hashOf(kit);
    expect(sizes(kit, "web")).toEqual([`web-${h1}:3/3`, `web-${h2}:1/0`]);
    const bad = pods(kit, replicaSets(kit, "web")[1])[0];
    kit.at(60);
    expect(kit.status(bad.metadata.name)).toMatch(/ErrImagePull|ImagePullBackOff/);
    expect(condition(kit, "web", "Progressing")).toMatchObject({
      status: "True",
      reason: "ReplicaSetUpdated",
      lastUpdateTime: "2026-11-20T09:00:30Z",
    });
    // 60 s after the last progress, and the one-second margin of requeueStuckDeployment.
    kit.at(90.5);
    expect(condition(kit, "web", "Progressing")?.reason).toBe("ReplicaSetUpdated");
    kit.at(91);
    expect(condition(kit, "web", "Progressing")).toEqual({
      type: "Progressing",
      status: "False",
      lastUpdateTime: "2026-11-20T09:01:31Z",
      lastTransitionTime: "2026-11-20T09:01:31Z",
      reason: "ProgressDeadlineExceeded",
      message: `ReplicaSet "web-${h2}" has timed out progressing.`,
    });
    // The old pods still serve: availability never dropped.
    expect(condition(kit, "web", "Available")?.status).toBe("True");
    kit.at(300);
    expect(sizes(kit, "web")).toEqual([`web-${h1}:3/3`, `web-${h2}:1/0`]);

    // kubectl rollout undo: the template of revision 1 again.
    edit(kit, "web", (s) => {
      s.template = structuredClone(replicaSets(kit, "web")[0].spec as { template: never }).template;
      delete s.template.metadata!.labels!["pod-template-hash"];
    });
    kit.at(301);
    const [rsBad, rsGood] = replicaSets(kit, "web");
    expect(rsGood.metadata.name).toBe(`web-${h1}`);
    expect(rsGood.metadata.annotations).toMatchObject({
      "deployment.kubernetes.io/revision": "3",
      "deployment.kubernetes.io/revision-history": "1",
    });
    expect(rsBad.metadata.annotations?.["deployment.kubernetes.io/revision"]).toBe("2");
    expect(sizes(kit, "web")).toEqual([`web-${h2}:0/0`, `web-${h1}:3/3`]);
    expect(get(kit, "web").metadata.annotations?.["deployment.kubernetes.io/revision"]).toBe("3");
    expect(events(kit, "web").slice(-1)).toEqual([
      `ScalingReplicaSet: Scaled down replica set web-${h2} from 1 to 0`,
    ]);
    expect(conditions(kit, "web")).toEqual([
      "Available=True MinimumReplicasAvailable: Deployment has minimum availability.",
      `Progressing=True NewReplicaSetAvailable: ReplicaSet "web-${h1}" has successfully progressed.`,
    ]);
  });

  it("does not roll out while paused, says so in Progressing, and rolls on resume", () => {
    const kit = new Kit();
    web(kit);
    kit.at(30);
    const h1 = hashOf(kit);
    edit(kit, "web", (s) => void (s.paused = true));
    kit.at(31);
    expect(conditions(kit, "web")).toEqual([
      "Available=True MinimumReplicasAvailable: Deployment has minimum availability.",
      "Progressing=Unknown DeploymentPaused: Deployment is paused",
    ]);
    setImage(kit, "web", "nginx:1.28");
    kit.at(120);
    expect(sizes(kit, "web")).toEqual([`web-${h1}:3/3`]);
    expect(get(kit, "web").status.observedGeneration).toBe(3);
    // A paused Deployment still scales.
    edit(kit, "web", (s) => void (s.replicas = 4));
    kit.at(130);
    expect(sizes(kit, "web")).toEqual([`web-${h1}:4/4`]);

    edit(kit, "web", (s) => void (s.paused = false));
    kit.clock.flush();
    const h2 = hashOf(kit);
    // 4 replicas at 25%: one surge pod, and one old pod may go at once.
    expect(sizes(kit, "web")).toEqual([`web-${h1}:3/3`, `web-${h2}:2/0`]);
    expect(condition(kit, "web", "Progressing")?.reason).toBe("ReplicaSetUpdated");
    kit.at(200);
    expect(sizes(kit, "web")).toEqual([`web-${h1}:0/0`, `web-${h2}:4/4`]);
    expect(events(kit, "web")).toContain(
      `ScalingReplicaSet: Scaled up replica set web-${h1} from 3 to 4`,
    );
  });
});
